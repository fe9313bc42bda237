//! Word documents for tests, made through the binary and edited as a user would in Word (shared
//! by `check` and `import`): a kind's sample, edits of its parts, a Word-made document, Word's
//! list numbering (H37), tracked changes, drawn rules and a tab-made header (H38).

use std::io::Write;
use std::path::Path;

use super::{fixture, parts, vanban};

/// Render a kind's sample (`tests/fixtures/kinds/<name>.yaml`) with the binary; its bytes.
pub fn sample(dir: &Path, name: &str) -> Vec<u8> {
    let src = fixture(&format!("kinds/{name}.yaml"));
    let out = dir.join(format!("{name}.docx"));
    let o = vanban(
        dir,
        &[
            "render",
            &src.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read(out).expect("read rendered docx")
}

/// A copy of a package with its XML parts (`.xml`, `.rels`) changed by `edit(name, xml) -> xml`;
/// parts named in `add` are added.
pub fn edited(docx: &[u8], edit: impl Fn(&str, String) -> String, add: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opt = zip::write::SimpleFileOptions::default();
        for (name, data) in parts(docx) {
            let data = if name.ends_with(".xml") || name.ends_with(".rels") {
                edit(&name, String::from_utf8(data).expect("utf-8")).into_bytes()
            } else {
                data
            };
            z.start_file(name, opt).expect("zip entry");
            z.write_all(&data).expect("write entry");
        }
        for (name, xml) in add {
            z.start_file(*name, opt).expect("zip entry");
            z.write_all(xml.as_bytes()).expect("write entry");
        }
        z.finish().expect("zip");
    }
    buf.into_inner()
}

/// Edit `word/document.xml` only.
pub fn edit_document(docx: &[u8], f: impl Fn(String) -> String) -> Vec<u8> {
    edited(
        docx,
        |n, x| if n == "word/document.xml" { f(x) } else { x },
        &[],
    )
}

/// Run `vanban check --json` on `docx` (written as `name` in `dir`): exit code and findings.
pub fn check(dir: &Path, name: &str, docx: &[u8]) -> (Option<i32>, Vec<serde_json::Value>) {
    let p = dir.join(name);
    std::fs::write(&p, docx).expect("write docx");
    let o = vanban(dir, &["check", "--json", &p.to_string_lossy()]);
    let v: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o.status.code(), v)
}

/// Each paragraph (`<w:p>…</w:p>`) of `xml` passed through `f`.
pub fn each_paragraph(xml: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:p>") {
        out.push_str(&rest[..i]);
        let end = rest[i..]
            .find("</w:p>")
            .map(|e| i + e + 6)
            .unwrap_or(rest.len());
        out.push_str(&f(&rest[i..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Remove the first paragraph border after `marker`.
pub fn drop_rule_after(x: &str, marker: &str) -> String {
    let at = x.find(marker).expect("marker");
    let b = at + x[at..].find("<w:pBdr>").expect("rule");
    let e = b + x[b..].find("</w:pBdr>").expect("rule end") + "</w:pBdr>".len();
    format!("{}{}", &x[..b], &x[e..])
}

/// The document.xml of the plan with its Roman headings drawn by Word's list numbering:
/// the typed `I. ` removed and a `w:numPr` added (numbering.xml holds the list, `start`).
pub fn auto_numbered_plan(dir: &Path, start: u32) -> Vec<u8> {
    let plan = fixture("ke-hoach-2025.yaml");
    let out = dir.join("ke-hoach.docx");
    let o = vanban(
        dir,
        &[
            "plan",
            &plan.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let base = std::fs::read(&out).expect("read");
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let romans = ["I", "II", "III", "IV", "V", "VI"];
    let doc = edited(
        &base,
        |n, x| {
            if n != "word/document.xml" {
                return x;
            }
            each_paragraph(&x, |p| {
                for r in romans {
                    let typed = format!(">{r}. ");
                    if p.contains(&typed) && p.contains("<w:b/>") {
                        return p.replacen(&typed, ">", 1).replacen(
                            "<w:pPr>",
                            "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr>",
                            1,
                        );
                    }
                }
                p.to_string()
            })
        },
        &[("word/numbering.xml", &numbering)],
    );
    assert!(!crate::support::part(&doc, "word/document.xml").contains(">II. "));
    doc
}

/// A document made the way Word makes one, not by vanban: theme fonts in the document defaults,
/// the body's formatting in a style based on Normal (no formatting on its runs), the Quốc hiệu
/// and Tiêu ngữ in one paragraph split by Shift+Enter, rules drawn as shapes (VML and
/// DrawingML in `mc:AlternateContent`), Nơi nhận written as one paragraph of lines, the page
/// number a simple field in the header. `edit` changes (part name, xml) before zipping.
pub fn word_made(edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#;
    let r = |props: &str, text: &str| {
        format!(r#"<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
    };
    let br = "<w:r><w:br/></w:r>";
    let c = "<w:pPr><w:jc w:val=\"center\"/></w:pPr>";
    let vml = r##"<w:r><w:pict><v:shape type="#_x0000_t32" o:connectortype="straight" style="width:80pt"/></w:pict></w:r>"##;
    let dml = r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:spPr><a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"#;
    let b26 = "<w:b/><w:sz w:val=\"26\"/>";
    let b28 = "<w:b/><w:sz w:val=\"28\"/>";
    let body = |t: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"BodyText\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>")
    };
    let heading = |t: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"BodyText\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>")
    };
    let cell = |content: String| {
        format!("<w:tc><w:tcPr><w:tcW w:w=\"4500\" w:type=\"dxa\"/></w:tcPr>{content}</w:tc>")
    };
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body><w:tbl><w:tblPr><w:tblBorders><w:top w:val="nil"/></w:tblBorders></w:tblPr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl><w:p/><w:p>{c}{}</w:p><w:p>{c}{}</w:p><w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr><w:ind w:left="3000" w:right="3000"/><w:jc w:val="center"/></w:pPr></w:p>{}{}{}{}{}{}<w:p/><w:tbl><w:tr>{}{}</w:tr></w:tbl><w:sectPr><w:headerReference w:type="default" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>"#,
        cell(format!(
            "<w:p>{c}{}{br}{}</w:p><w:p>{c}{vml}</w:p>",
            r(b26, "ỦY BAN NHÂN DÂN"),
            r(b26, "PHƯỜNG BẾN THÀNH")
        )),
        cell(format!(
            "<w:p>{c}{}{br}{}{dml}</w:p>",
            r(b26, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            r(b28, "Độc lập - Tự do - Hạnh phúc")
        )),
        cell(format!(
            "<w:p>{c}{}</w:p>",
            r("<w:sz w:val=\"26\"/>", "Số: 05/KH-UBND")
        )),
        cell(format!(
            "<w:p>{c}{}</w:p>",
            r(
                "<w:i/><w:sz w:val=\"28\"/>",
                "Phường Bến Thành, ngày 05 tháng 02 năm 2025"
            )
        )),
        r(b28, "KẾ HOẠCH"),
        r(b28, "Tổ chức Tháng hành động vì bình đẳng giới năm 2025"),
        heading("I. MỤC ĐÍCH, YÊU CẦU"),
        heading("1. Mục đích"),
        body("a) Nâng cao nhận thức về bình đẳng giới trong Nhân dân."),
        body("b) Phòng ngừa bạo lực trên cơ sở giới."),
        heading("II. TỔ CHỨC THỰC HIỆN"),
        body("Công chức Văn hóa - Xã hội tham mưu thực hiện Kế hoạch này./."),
        cell(format!(
            "<w:p>{}{br}{}{br}{}</w:p>",
            r("<w:b/><w:i/><w:sz w:val=\"24\"/>", "Nơi nhận:"),
            r("<w:sz w:val=\"22\"/>", "- UBND quận (b/c);"),
            r("<w:sz w:val=\"22\"/>", "- Lưu: VT, VHXH.")
        )),
        cell(format!(
            "<w:p>{c}{}{br}{}</w:p><w:p>{c}</w:p><w:p>{c}</w:p><w:p>{c}{}</w:p>",
            r(b28, "KT. CHỦ TỊCH"),
            r(b28, "PHÓ CHỦ TỊCH"),
            r(b28, "Nguyễn Văn An")
        )),
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/><w:sz w:val="22"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="120" w:line="312" w:lineRule="auto"/><w:ind w:firstLine="720"/><w:jc w:val="both"/></w:pPr></w:style></w:styles>"#
    );
    let theme = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"#;
    let header = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {W}><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE   \* MERGEFORMAT "><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>"#
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opt = zip::write::SimpleFileOptions::default();
        for (name, xml) in [
            ("word/document.xml", document),
            ("word/styles.xml", styles),
            ("word/theme/theme1.xml", theme.to_string()),
            ("word/header1.xml", header),
            ("word/_rels/document.xml.rels", rels.to_string()),
        ] {
            z.start_file(name, opt).expect("zip entry");
            z.write_all(edit(name, xml).as_bytes()).expect("write");
        }
        z.finish().expect("zip");
    }
    buf.into_inner()
}

/// The cong-van sample's rules (under the agency, under the motto) drawn as shapes, as Word users
/// draw them (H38): the paragraph borders removed, a VML line after the agency and a DrawingML
/// line after the motto.
pub fn shaped_rules(base: &[u8]) -> Vec<u8> {
    // The rule under the agency as a VML line, the one under the motto as a DrawingML line.
    let vml = r#"<w:r><w:pict><v:line xmlns:v="urn:schemas-microsoft-com:vml" from="0,0" to="90pt,0" strokeweight=".5pt"/></w:pict></w:r>"#;
    let dml = r#"<w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:spPr><a:prstGeom prst="line"/></wps:spPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"#;
    edit_document(base, |x: String| -> String {
        let x = drop_rule_after(&x, "PHƯỜNG NGUYỄN TRÃI");
        let x = drop_rule_after(&x, "Độc lập - Tự do - Hạnh phúc");
        // The now plain paragraphs after the agency and after the motto get the shapes.
        let put = |x: &str, marker: &str, shape: &str| -> String {
            let at = x.find(marker).expect("marker");
            let p = at + x[at..].find("</w:p>").expect("end") + "</w:p>".len();
            let e = p + x[p..].find("</w:p>").expect("next end");
            format!("{}{}{}", &x[..e], shape, &x[e..])
        };
        let x = put(&x, "PHƯỜNG NGUYỄN TRÃI", vml);
        put(&x, "Độc lập - Tự do - Hạnh phúc", dml)
    })
}

/// The cong-van sample with unaccepted tracked changes (H38): a deleted "99" inside the date
/// (it would break the date if read), an inserted "Thêm " (12 pt) before "Đề nghị các cơ quan".
pub fn tracked_changes(base: &[u8]) -> Vec<u8> {
    edit_document(base, |x| {
        x.replacen(
            "<w:t xml:space=\"preserve\">Phường Nguyễn Trãi, ngày 03",
            "<w:t xml:space=\"preserve\">Phường Nguyễn Trãi, ngày 03</w:t></w:r><w:del w:id=\"90\" w:author=\"A\"><w:r><w:delText>99</w:delText></w:r></w:del><w:r><w:rPr><w:i/><w:sz w:val=\"26\"/></w:rPr><w:t xml:space=\"preserve\">",
            1,
        )
        .replacen(
            "<w:t xml:space=\"preserve\">Đề nghị các cơ quan",
            "<w:t xml:space=\"preserve\"></w:t></w:r><w:ins w:id=\"91\" w:author=\"A\"><w:r><w:rPr><w:sz w:val=\"24\"/></w:rPr><w:t>Thêm </w:t></w:r></w:ins><w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Đề nghị các cơ quan",
            1,
        )
    })
}

/// The thong-bao sample with its header table replaced by tab-separated lines (H38): agency |
/// Quốc hiệu, agency | Tiêu ngữ, underscores for the rules, số | place and date.
pub fn tab_header(base: &[u8]) -> Vec<u8> {
    let run = |props: &str, text: &str| {
        format!(
            r#"<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
        )
    };
    let tab = "<w:r><w:tab/></w:r>";
    let line = |l: String, r: String| {
        format!("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr>{l}{tab}{r}</w:p>")
    };
    let b26 = "<w:b/><w:sz w:val=\"26\"/>";
    let header = [
        line(
            run(b26, "ỦY BAN NHÂN DÂN"),
            run(
                "<w:b/><w:sz w:val=\"24\"/>",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ),
        ),
        line(
            run(b26, "PHƯỜNG NGUYỄN TRÃI"),
            run(b26, "Độc lập - Tự do - Hạnh phúc"),
        ),
        line(run("", "__________"), run("", "______________________")),
        line(
            run("<w:sz w:val=\"26\"/>", "Số: 45/TB-UBND"),
            run(
                "<w:i/><w:sz w:val=\"26\"/>",
                "Phường Nguyễn Trãi, ngày 20 tháng 10 năm 2025",
            ),
        ),
    ]
    .concat();
    edit_document(base, |x| {
        let b = x.find("<w:tbl>").expect("table");
        let e = x.find("</w:tbl>").expect("table end") + "</w:tbl>".len();
        format!("{}{}{}", &x[..b], header, &x[e..])
    })
}

/// A document that is not an administrative document (`base`'s package, its document.xml
/// replaced): one paragraph, Calibri 11 pt, Letter paper, narrow margins; no header table, no
/// Quốc hiệu.
pub fn plain_document(base: &[u8]) -> Vec<u8> {
    edit_document(base, |_| {
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/></w:rPr><w:t>Danh sách việc cần làm tuần này</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="720" w:right="720" w:bottom="720" w:left="720"/></w:sectPr></w:body></w:document>"#.to_string()
    })
}

/// `docx` with the typed labels of its body's numbered paragraphs drawn by Word's multilevel
/// list numbering instead (H37): in each justified paragraph whose text starts with the next
/// label of its level — `I.`, `II.`, … (bold, level 0), `1.`, `2.`, … (level 1), `a)`, `b)`, …
/// (level 2), a lower level starting again after a higher one, as Word counts — the typed label
/// and its space are removed and a `w:numPr` added. `numbering.xml` is added with its
/// relationship and content type, as Word saves it (the label followed by a tab, Word's
/// default). Returns the package and how many labels of each level were replaced.
pub fn auto_numbered(docx: &[u8]) -> (Vec<u8>, [usize; 3]) {
    const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="7"><w:multiLevelType w:val="multilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/><w:lvlJc w:val="left"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#;
    let counts = std::cell::RefCell::new([0usize; 3]);
    let next = std::cell::RefCell::new([0u32; 3]);
    let t = "<w:t xml:space=\"preserve\">";
    let out = edited(
        docx,
        |n, x| {
            match n {
            "word/document.xml" => each_paragraph(&x, |p| {
                let Some(at) = p.find(t).map(|i| i + t.len()) else {
                    return p.to_string();
                };
                if !p.contains("<w:jc w:val=\"both\"/>") {
                    return p.to_string();
                }
                let mut next = next.borrow_mut();
                let text = &p[at..];
                let expected = [
                    format!("{}. ", roman(next[0] + 1)),
                    format!("{}. ", next[1] + 1),
                    format!("{}) ", char::from(b'a' + next[2] as u8)),
                ];
                let Some(level) = (0..3).find(|&l| {
                    text.starts_with(&expected[l]) && (l != 0 || p.contains("<w:b/>"))
                }) else {
                    return p.to_string();
                };
                next[level] += 1;
                for lower in next.iter_mut().skip(level + 1) {
                    *lower = 0;
                }
                counts.borrow_mut()[level] += 1;
                let p = format!("{}{}", &p[..at], &text[expected[level].len()..]);
                p.replacen(
                    "<w:pPr>",
                    &format!(
                        "<w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"5\"/></w:numPr>"
                    ),
                    1,
                )
            }),
            "word/_rels/document.xml.rels" => x.replace(
                "</Relationships>",
                r#"<Relationship Id="rIdNum5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#,
            ),
            "[Content_Types].xml" => x.replace(
                "</Types>",
                r#"<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#,
            ),
            _ => x,
        }
        },
        &[("word/numbering.xml", NUMBERING)],
    );
    let counts = *counts.borrow();
    (out, counts)
}

/// Roman numeral of `n` (1–39, enough for headings).
fn roman(n: u32) -> String {
    let mut out = "X".repeat((n / 10) as usize);
    out.push_str(["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][(n % 10) as usize]);
    out
}

/// `docx` with its runs split as Word saves them after editing and spell-checking: one run per
/// word (with an `w:rsidR`), a `w:proofErr` and the `_GoBack` bookmark after the first word, a
/// `w:lastRenderedPageBreak` in the second. The visible text is unchanged. Only runs of plain
/// text (`w:rPr` then one `w:t`) are split.
pub fn word_split_runs(docx: &[u8]) -> Vec<u8> {
    const OPEN: &str = "<w:r><w:rPr>";
    const MID: &str = "</w:rPr><w:t xml:space=\"preserve\">";
    const CLOSE: &str = "</w:t></w:r>";
    edit_document(docx, |x| {
        let mut out = String::with_capacity(x.len() * 2);
        let mut rest = x.as_str();
        while let Some(i) = rest.find(OPEN) {
            out.push_str(&rest[..i]);
            let run = &rest[i..];
            let Some(end) = run.find(CLOSE) else {
                out.push_str(run);
                rest = "";
                break;
            };
            let whole = &run[..end + CLOSE.len()];
            match whole[OPEN.len()..end].split_once(MID) {
                Some((rpr, text)) if !rpr.contains("<w:r>") && !text.contains('<') => {
                    for (k, word) in text.split_inclusive(' ').enumerate() {
                        let mark = if k == 1 {
                            "<w:lastRenderedPageBreak/>"
                        } else {
                            ""
                        };
                        out.push_str(&format!(
                            "<w:r w:rsidR=\"00A1B2C3\"><w:rPr>{rpr}</w:rPr>{mark}<w:t xml:space=\"preserve\">{word}</w:t></w:r>"
                        ));
                        if k == 0 {
                            out.push_str("<w:proofErr w:type=\"spellStart\"/><w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"0\"/>");
                        }
                    }
                }
                _ => out.push_str(whole),
            }
            rest = &run[end + CLOSE.len()..];
        }
        out.push_str(rest);
        out
    })
}

/// `docx` with the text of its document and footnotes in decomposed Unicode (NFD), as Unikey's
/// "Unicode tổ hợp" and some Mac programs write Vietnamese.
pub fn decomposed(docx: &[u8]) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    edited(
        docx,
        |n, x| {
            if n != "word/document.xml" && n != "word/footnotes.xml" {
                return x;
            }
            let mut out = String::with_capacity(x.len() * 2);
            let mut in_tag = false;
            let mut text = String::new();
            for c in x.chars() {
                match c {
                    '<' => {
                        out.extend(text.nfd());
                        text.clear();
                        in_tag = true;
                        out.push(c);
                    }
                    '>' => {
                        in_tag = false;
                        out.push(c);
                    }
                    _ if in_tag => out.push(c),
                    _ => text.push(c),
                }
            }
            out.extend(text.nfd());
            out
        },
        &[],
    )
}
