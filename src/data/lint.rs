//! Kiểm tra chính tả — warnings for likely typos in the text (the text itself is never changed).

use crate::diag::Diagnostic;

/// The opening words of every typo warning (`có thể gõ nhầm: «…» (ý là «…»?)`): the CLI prints
/// one summary line per file for them unless `-v` ([`is_likely_typo`]).
pub(crate) const TYPO_MESSAGE: &str = "có thể gõ nhầm";

/// Whether `d` is a typo warning of this lint.
pub fn is_likely_typo(d: &Diagnostic) -> bool {
    !d.is_error() && d.message.starts_with(TYPO_MESSAGE)
}

/// Known slips in administrative writing: (as typed, probably meant).
pub(crate) const LIKELY_TYPOS: &[(&str, &str)] = &[
    ("Phần đầu", "Phấn đấu"),
    ("phần đầu", "phấn đấu"),
    ("Lòng ghép", "Lồng ghép"),
    ("lòng ghép", "lồng ghép"),
    ("giám đốc /chủ", "giám đốc/chủ"),
    ("miễn phí .", "miễn phí."),
];

/// The likely typos found in `text`: (as typed, probably meant).
pub(crate) fn typos(text: &str) -> Vec<(&'static str, &'static str)> {
    LIKELY_TYPOS
        .iter()
        .filter(|(typed, _)| text.contains(typed))
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_phan_dau() {
        assert_eq!(
            super::typos("Phần đầu có 40% nữ"),
            vec![("Phần đầu", "Phấn đấu")]
        );
        assert!(super::typos("Phấn đấu").is_empty());
    }
}
