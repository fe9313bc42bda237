//! The check of a converted PDF, with a PDF library (lopdf): it opens, has pages, embeds every
//! font, and page 1 holds the first line of the header's right cell (the Quốc hiệu; the name of
//! the Đảng or Đoàn in their documents), read from the .docx ([`header_first_line`]).

use std::io::Read;

use lopdf::{Document, Object};
use quick_xml::events::Event;
use unicode_normalization::UnicodeNormalization;

use super::PdfKind;

/// The first line of the header's right cell of a state document (NĐ 30 Phụ lục I, II.1: Quốc
/// hiệu); what is looked for on page 1 when the .docx has no header table.
pub const HEADER_FIRST_LINE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

/// Letters only, NFC, upper case: extracted text comes with spaces and line breaks of its own.
fn squeeze(s: &str) -> String {
    s.nfc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

fn name(o: Option<&Object>) -> String {
    o.and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

/// The first line of text of the last cell of the first row of the first table of a .docx
/// (`word/document.xml`): the header's right cell, whose first line is the Quốc hiệu (or, in a
/// document of the Đảng or the Đoàn, their name). `None` when there is no such table or the
/// package cannot be read.
pub fn header_first_line(docx: &[u8]) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).ok()?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .ok()?
        .read_to_string(&mut xml)
        .ok()?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut depth, mut rows, mut in_text) = (0usize, 0usize, false);
    // The paragraphs of each cell of the first row.
    let mut cells: Vec<Vec<String>> = Vec::new();
    loop {
        let first_row = depth >= 1 && rows == 1;
        match reader.read_event().ok()? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"tbl" => depth += 1,
                b"tr" if depth == 1 => rows += 1,
                b"tc" if depth == 1 && rows == 1 => cells.push(Vec::new()),
                b"p" if first_row => cells.last_mut()?.push(String::new()),
                b"t" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"tbl" if depth == 1 => break,
                b"tbl" => depth -= 1,
                b"tr" if depth == 1 && rows == 1 => break,
                b"t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text && first_row => {
                cells.last_mut()?.last_mut()?.push_str(&t.decode().ok()?);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    cells.last()?.iter().find(|p| !p.trim().is_empty()).cloned()
}

/// Check the PDF `bytes`: it opens, has at least one page, every font is embedded (a font
/// descriptor with `FontFile`, `FontFile2` or `FontFile3`; a simple font without a descriptor
/// is one of the 14 standard fonts, not embedded), page 1's text holds `first_line` (the
/// header's right cell's first line, [`header_first_line`]; compared by letters only),
/// and for [`PdfKind::PdfA1b`] the metadata declares PDF/A-1 (`pdfaid:part` 1). Returns the
/// number of pages.
///
/// # Errors
/// What is wrong, in Vietnamese.
pub fn check(bytes: &[u8], kind: PdfKind, first_line: &str) -> Result<usize, String> {
    let doc = Document::load_mem(bytes).map_err(|e| format!("không mở được tệp PDF ({e})"))?;
    let pages = doc.get_pages().len();
    if pages == 0 {
        return Err("tệp PDF không có trang nào".into());
    }
    let mut not_embedded = Vec::new();
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        let ty = name(d.get(b"Type").ok());
        if ty == "FontDescriptor" {
            if !["FontFile", "FontFile2", "FontFile3"]
                .iter()
                .any(|k| d.has(k.as_bytes()))
            {
                not_embedded.push(name(d.get(b"FontName").ok()));
            }
        } else if ty == "Font" {
            let sub = name(d.get(b"Subtype").ok());
            if matches!(sub.as_str(), "Type1" | "TrueType" | "MMType1") && !d.has(b"FontDescriptor")
            {
                not_embedded.push(name(d.get(b"BaseFont").ok()));
            }
        }
    }
    if !not_embedded.is_empty() {
        not_embedded.sort();
        not_embedded.dedup();
        return Err(format!(
            "phông không được nhúng vào PDF: {}",
            not_embedded.join(", ")
        ));
    }
    let text = doc
        .extract_text(&[1])
        .map_err(|e| format!("không đọc được chữ ở trang 1 ({e})"))?;
    if !squeeze(&text).contains(&squeeze(first_line)) {
        let start: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let start: String = start.chars().take(120).collect();
        return Err(format!(
            "trang 1 không có dòng \"{first_line}\" của văn bản (chữ đầu trang 1: \"{start}\")"
        ));
    }
    if kind == PdfKind::PdfA1b && pdfa_part(&doc) != Some(1) {
        return Err(
            "tệp không phải PDF/A-1 (siêu dữ liệu không có `pdfaid:part` 1): bản LibreOffice này có thể chưa nhận tùy chọn PDF/A (cần từ 7.4)".into(),
        );
    }
    Ok(pages)
}

/// The PDF/A part declared in the document's XMP metadata (`pdfaid:part`), if any.
fn pdfa_part(doc: &Document) -> Option<u32> {
    let meta = doc.catalog().ok()?.get(b"Metadata").ok()?;
    let stream = doc
        .get_object(meta.as_reference().ok()?)
        .ok()?
        .as_stream()
        .ok()?;
    let content = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let xmp = String::from_utf8_lossy(&content);
    // `<pdfaid:part>1</pdfaid:part>` or `pdfaid:part="1"`.
    let at = xmp.find("pdfaid:part")? + "pdfaid:part".len();
    xmp[at..]
        .trim_start_matches(['>', '=', '"', '\'', ' '])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_is_refused() {
        assert!(
            check(b"PK\x03\x04 not a pdf", PdfKind::Pdf, HEADER_FIRST_LINE)
                .unwrap_err()
                .starts_with("không mở được")
        );
    }

    #[test]
    fn squeeze_ignores_spacing_case_and_composition() {
        // Decomposed (NFD) letters and broken lines, as a PDF's text may come out.
        let nfd: String = "Cộng hòa xã hội\nchủ nghĩa Việt  Nam".nfd().collect();
        assert!(squeeze(&nfd).contains(&squeeze(HEADER_FIRST_LINE)));
    }
}
