//! Recognising legacy Vietnamese 8-bit encodings (TCVN3/ABC, VNI, Windows-1258) in non-UTF-8 input.
//!
//! We never convert silently: we only name the likely encoding in the error so the user can
//! convert the file with Unikey's converter.

/// Guess which legacy Vietnamese encoding `bytes` use, if it is recognisable.
///
/// The guess scores byte frequencies typical of each encoding on Vietnamese text:
/// - **VNI Windows** writes a base letter followed by a tone/diacritic byte from a small set
///   (`ù ø û õ ï ñ ë ä å ô` = 0xF9 0xF8 0xFB 0xF5 0xEF 0xF1 0xEB 0xE4 0xE5 0xF4, and 0xE2/0xE1 …)
///   right after an ASCII letter;
/// - **TCVN3 (ABC)** uses the 0xA1–0xFE range for precomposed lower-case letters, often with
///   bytes such as 0xB8 (á), 0xB5 (à), 0xAB (ơ), 0xAD (ư), 0xAE (đ), 0xA7 (Đ) after ASCII letters;
/// - **Windows-1258** uses combining tone marks 0xCC 0xEC 0xD2 0xDE 0xF2 after a letter, and
///   0xD0/0xF0 for Đ/đ, 0xE2/0xEA/0xF4 for â/ê/ô.
pub fn guess_legacy(bytes: &[u8]) -> Option<&'static str> {
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    if high == 0 {
        return None;
    }
    let mut vni = 0usize;
    let mut tcvn3 = 0usize;
    let mut cp1258 = 0usize;
    for w in bytes.windows(2) {
        let (prev, b) = (w[0], w[1]);
        let after_letter = prev.is_ascii_alphabetic();
        if after_letter
            && matches!(
                b,
                0xF9 | 0xF8 | 0xFB | 0xF5 | 0xEF | 0xF1 | 0xEB | 0xE4 | 0xE5 | 0xF6
            )
        {
            vni += 1;
        }
        if matches!(
            b,
            0xB8 | 0xB5
                | 0xAB
                | 0xAD
                | 0xAE
                | 0xA7
                | 0xAC
                | 0xA9
                | 0xAA
                | 0xB9
                | 0xCB
                | 0xD6
                | 0xDE
                | 0xE9
                | 0xEA
                | 0xF3
        ) {
            tcvn3 += 1;
        }
        if after_letter && matches!(b, 0xCC | 0xEC | 0xD2 | 0xDE | 0xF2) {
            cp1258 += 1;
        }
        if matches!(b, 0xD0 | 0xF0) && w[0] == b' ' {
            cp1258 += 1;
        }
    }
    let best = [
        (vni, "VNI Windows"),
        (tcvn3, "TCVN3 (ABC)"),
        (cp1258, "Windows-1258"),
    ]
    .into_iter()
    .max_by_key(|(score, _)| *score)?;
    // Require that the pattern explains a fair share of the non-ASCII bytes.
    (best.0 * 3 >= high).then_some(best.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_tcvn3() {
        // "Céng hßa x· héi chñ nghÜa ViÖt Nam" in TCVN3 bytes: "Kế hoạch" = K\xD5 ho\xB9ch
        let tcvn3 = b"K\xD5 ho\xB9ch tri\xAAn khai \xAE\xA7 th\xF3c hi\xD6n";
        assert_eq!(guess_legacy(tcvn3), Some("TCVN3 (ABC)"));
    }

    #[test]
    fn recognises_vni() {
        // "Kế hoạch" in VNI: "Keá hoaïch", "Vieät Nam": "Vieät"
        let vni = b"Ke\xe1 hoa\xefch Vie\xe4t Nam nga\xf8y tha\xf9ng";
        assert_eq!(guess_legacy(vni), Some("VNI Windows"));
    }

    #[test]
    fn ascii_is_not_legacy() {
        assert_eq!(guess_legacy(b"plain ascii"), None);
    }
}
