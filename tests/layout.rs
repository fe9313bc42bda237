//! Issue 9, items 1–5 (layout on the rendered page) and the hard-input cases H18, H19, H22 of
//! `../shared/cases/README.md`, each through the built `vanban` binary.
//!
//! The page breaks themselves are LibreOffice's and Word's to make; these tests assert the
//! structure that decides them (`w:keepNext`, `w:keepLines`, `w:cantSplit`, the rows of the
//! closing table) and the lines vanban sets itself (header, Kính gửi, trích yếu).

use std::path::Path;
use std::process::Command;

use crate::support::*;
use vanban::internals::layout::text_width_twips;
use vanban::model::units::Pt;

/// Run the binary in `dir`; (exit code, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run vanban");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stderr).expect("utf-8 stderr"),
    )
}

/// `text` with `from` replaced by `to` (which must be there).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture lacks {from:?}");
    text.replacen(from, to, 1)
}

/// A fixture workspace with `data/<file>` rewritten by `f`.
fn workspace(file: &str, f: impl FnOnce(&str) -> String) -> tempfile::TempDir {
    let dir = fixture_workspace();
    let path = dir.path().join("data").join(file);
    let text = std::fs::read_to_string(&path).expect("fixture");
    std::fs::write(&path, f(&text)).expect("write");
    dir
}

/// The unit report of `tram-y-te` in `dir`: (exit code, stderr, document.xml).
fn report(dir: &Path) -> (i32, String, String) {
    let (code, err) = run(
        dir,
        &[
            "report",
            "data/bao-cao/tram-y-te.yaml",
            "--plan",
            "data/ke-hoach-2025.yaml",
            "-o",
            "out.docx",
        ],
    );
    let xml = std::fs::read(dir.join("out.docx"))
        .map(|b| {
            dump_docx("layout-report", &b);
            part(&b, "word/document.xml")
        })
        .unwrap_or_default();
    (code, err, xml)
}

/// The plan in `dir`: (exit code, stderr, document.xml).
fn plan(dir: &Path) -> (i32, String, String) {
    let (code, err) = run(dir, &["plan", "data/ke-hoach-2025.yaml", "-o", "out.docx"]);
    let xml = std::fs::read(dir.join("out.docx"))
        .map(|b| {
            dump_docx("layout-plan", &b);
            part(&b, "word/document.xml")
        })
        .unwrap_or_default();
    (code, err, xml)
}

/// One paragraph of document.xml: its `w:pPr` and its visible text.
#[derive(Debug, Clone)]
struct P {
    ppr: String,
    text: String,
}

impl P {
    fn keep_next(&self) -> bool {
        self.ppr.contains("<w:keepNext/>")
    }
    fn keep_lines(&self) -> bool {
        self.ppr.contains("<w:keepLines/>")
    }
    /// A twips attribute of `w:ind` (`w:left`, `w:right`, `w:hanging`), 0 when absent.
    fn ind(&self, attr: &str) -> i32 {
        self.ppr
            .split("<w:ind ")
            .nth(1)
            .and_then(|s| s.split(&format!("{attr}=\"")).nth(1))
            .and_then(|s| s.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }
    fn bold(&self) -> bool {
        self.text.is_empty() || self.ppr.contains("<w:b/>")
    }
}

/// The paragraphs of an XML fragment, in order (table cells included).
fn paras(xml: &str) -> Vec<P> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:p>").or_else(|| rest.find("<w:p ")) {
        let after = &rest[i..];
        let (body, next) = match (after.find("</w:p>"), after.find("/>")) {
            (Some(e), _) => (&after[..e], &after[e + 6..]),
            (None, Some(e)) => (&after[..e], &after[e + 2..]),
            _ => break,
        };
        let ppr = body
            .split("<w:pPr>")
            .nth(1)
            .and_then(|s| s.split("</w:pPr>").next())
            .unwrap_or("")
            .to_string();
        // Bold runs count as the paragraph's style for `bold()`.
        let runs_bold = body.contains("<w:b/>");
        let text = visible_text(&format!("<w:p>{body}</w:p>")).concat();
        out.push(P {
            ppr: if runs_bold {
                format!("{ppr}<w:b/>")
            } else {
                ppr
            },
            text,
        });
        rest = next;
    }
    out
}

/// The first table of `xml` that contains `needle`.
fn table_with<'a>(xml: &'a str, needle: &str) -> &'a str {
    xml.split("<w:tbl>")
        .skip(1)
        .map(|t| t.split("</w:tbl>").next().unwrap_or(""))
        .find(|t| t.contains(needle))
        .unwrap_or_else(|| panic!("no table with {needle:?}"))
}

/// The rows of a table fragment.
fn rows(table: &str) -> Vec<&str> {
    table
        .split("<w:tr>")
        .skip(1)
        .map(|r| r.split("</w:tr>").next().unwrap_or(""))
        .collect()
}

/// The cells of a row fragment.
fn cells(row: &str) -> Vec<&str> {
    row.split("<w:tc>")
        .skip(1)
        .map(|c| c.split("</w:tc>").next().unwrap_or(""))
        .collect()
}

/// `w:w` of the `n`-th `w:gridCol` of a table fragment.
fn grid_col(table: &str, n: usize) -> i32 {
    table
        .split("<w:gridCol w:w=\"")
        .nth(n + 1)
        .and_then(|s| s.split('"').next())
        .and_then(|v| v.parse().ok())
        .expect("gridCol")
}

/// The warnings of `stderr` that name `field`.
fn warnings_for<'a>(stderr: &'a str, field: &str) -> Vec<&'a str> {
    stderr
        .split("\n\n")
        .filter(|w| w.starts_with("cảnh báo") && w.contains(&format!("= trường: {field}\n")))
        .collect()
}

/// Table cell margins (OOXML default, 108 twips each side).
const CELL_MARGINS: i32 = 2 * 108;

// ---------------------------------------------------------------------------------------------
// H18: markers typed in Kính gửi; Mẫu 1.5 layout
// ---------------------------------------------------------------------------------------------

/// The Kính gửi paragraphs of a document: from the one starting `Kính gửi` to the last `- ….`.
fn addressee_block(xml: &str) -> Vec<P> {
    let all = paras(xml);
    let start = all
        .iter()
        .position(|p| p.text.starts_with("Kính gửi"))
        .expect("Kính gửi");
    let mut out = vec![all[start].clone()];
    if all[start].text != "Kính gửi:" {
        return out;
    }
    for p in &all[start + 1..] {
        out.push(p.clone());
        if p.text.ends_with('.') {
            break;
        }
    }
    out
}

#[test]
fn h18_markers_typed_in_kinh_gui() {
    let clean = r#"kinh_gui: ["Ủy ban nhân dân phường Nguyễn Trãi", "Phòng Nội vụ"]"#;
    let from = r#"kinh_gui: ["Ủy ban nhân dân phường Nguyễn Trãi"]"#;
    let (_, _, want) = report(workspace("bao-cao/tram-y-te.yaml", |t| edit(t, from, clean)).path());
    // Every kind of marker and end punctuation a user types gives the same document.
    for typed in [
        r#"kinh_gui: ["- Ủy ban nhân dân phường Nguyễn Trãi;", "- Phòng Nội vụ."]"#,
        r#"kinh_gui: ["+ Ủy ban nhân dân phường Nguyễn Trãi,", "– Phòng Nội vụ;"]"#,
    ] {
        let d = workspace("bao-cao/tram-y-te.yaml", |t| edit(t, from, typed));
        let (code, err, xml) = report(d.path());
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            xml, want,
            "{typed}: not the same document as without the markers"
        );
        assert!(!xml.contains("- -") && !xml.contains(";;") && !xml.contains(";."));
        for i in 0..2 {
            let w = warnings_for(&err, &format!("kinh_gui[{i}]"));
            assert_eq!(w.len(), 1, "{typed}: {err}");
        }
    }
    // Mẫu 1.5: `Kính gửi:` alone, then one indented `- …;` line per addressee, the last `.`.
    let block = addressee_block(&want);
    let texts: Vec<&str> = block.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Kính gửi:",
            "- Ủy ban nhân dân phường Nguyễn Trãi;",
            "- Phòng Nội vụ."
        ]
    );
    let label = block[0].ind("w:left");
    assert!(label > 0, "{:?}", block[0]);
    for p in &block[1..] {
        // The dash stands right of the label; a wrapped line aligns under the text.
        assert!(p.ind("w:left") - p.ind("w:hanging") > label, "{p:?}");
        assert!(p.ind("w:hanging") > 0, "{p:?}");
    }
    assert!(block[..2].iter().all(P::keep_next));

    // One addressee with a typed marker: on the label's line, as without it.
    let d = workspace("bao-cao/tram-y-te.yaml", |t| {
        edit(
            t,
            from,
            r#"kinh_gui: ["- Ủy ban nhân dân phường Nguyễn Trãi"]"#,
        )
    });
    let (code, err, xml) = report(d.path());
    assert_eq!(code, 0, "{err}");
    let block = addressee_block(&xml);
    assert_eq!(block.len(), 1);
    assert_eq!(
        block[0].text,
        "Kính gửi: Ủy ban nhân dân phường Nguyễn Trãi."
    );
    assert_eq!(warnings_for(&err, "kinh_gui[0]").len(), 1, "{err}");

    // The same for a document of any kind (`loai:`), through `render`.
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(fixture("kinds/to-trinh.yaml")).expect("fixture");
    let text = edit(
        &text,
        r#"kinh_gui: ["Ủy ban nhân dân thành phố Kon Tum"]"#,
        r#"kinh_gui: ["- Ủy ban nhân dân thành phố Kon Tum;", "- Phòng Tài chính - Kế hoạch."]"#,
    );
    std::fs::write(dir.path().join("t.yaml"), text).expect("write");
    let (code, err) = run(dir.path(), &["render", "t.yaml", "-o", "t.docx"]);
    assert_eq!(code, 0, "{err}");
    let xml = part(
        &std::fs::read(dir.path().join("t.docx")).expect("t.docx"),
        "word/document.xml",
    );
    let texts: Vec<String> = addressee_block(&xml).into_iter().map(|p| p.text).collect();
    assert_eq!(
        texts,
        [
            "Kính gửi:",
            "- Ủy ban nhân dân thành phố Kon Tum;",
            "- Phòng Tài chính - Kế hoạch."
        ]
    );
}

/// Render `text` (a document with `loai:`) in a fresh folder: (exit code, stderr, document.xml).
fn render(name: &str, text: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("t.yaml"), text).expect("write");
    let (code, err) = run(dir.path(), &["render", "t.yaml", "-o", "t.docx"]);
    let xml = std::fs::read(dir.path().join("t.docx"))
        .map(|b| {
            dump_docx(name, &b);
            part(&b, "word/document.xml")
        })
        .unwrap_or_default();
    (code, err, xml)
}

#[test]
fn issue_9_place_of_other_shapes() {
    // (issuing agency, dia_danh, what the warning says; None: no warning). The unit's own level
    // word is the first (a phường in a quận or thành phố), `XÃ HỘI` is not one, and the place
    // line opens with a capital.
    let text = std::fs::read_to_string(fixture("kinds/thong-bao.yaml")).expect("fixture");
    for (agency, place, said) in [
        (
            r#"["ỦY BAN NHÂN DÂN", "PHƯỜNG 1", "QUẬN 3"]"#,
            "1",
            Some("ghi `dia_danh: \"Phường 1\"`"),
        ),
        (
            r#"["CÔNG AN PHƯỜNG THẮNG NHẤT THÀNH PHỐ VŨNG TÀU"]"#,
            "Thắng Nhất",
            Some("ghi `dia_danh: \"Phường Thắng Nhất\"`"),
        ),
        (
            r#"["CÔNG CHỨC VĂN HÓA - XÃ HỘI", "PHƯỜNG NGUYỄN TRÃI"]"#,
            "Nguyễn Trãi",
            Some("ghi `dia_danh: \"Phường Nguyễn Trãi\"`"),
        ),
        (
            r#"["ỦY BAN NHÂN DÂN", "PHƯỜNG 3"]"#,
            "phường 3",
            Some("ghi `dia_danh: \"Phường 3\"`"),
        ),
        (
            r#"["ỦY BAN NHÂN DÂN", "PHƯỜNG 1", "QUẬN 3"]"#,
            "Phường 1",
            None,
        ),
    ] {
        let t = edit(
            &text,
            r#"ban_hanh: ["ỦY BAN NHÂN DÂN", "PHƯỜNG NGUYỄN TRÃI"]"#,
            &format!("ban_hanh: {agency}"),
        );
        let t = edit(
            &t,
            r#"dia_danh: "Phường Nguyễn Trãi""#,
            &format!(r#"dia_danh: "{place}""#),
        );
        let (code, err, _) = render("issue-9-place", &t);
        assert_eq!(code, 0, "{err}");
        let w = warnings_for(&err, "dia_danh");
        match said {
            Some(s) => assert!(w.len() == 1 && w[0].contains(s), "{agency} {place}: {err}"),
            None => assert!(w.is_empty(), "{agency} {place}: {err}"),
        }
    }
}

#[test]
fn issue_9_minutes_recipient_label_keeps_with_its_list() {
    // Biên bản (Mẫu 1.9): Nơi nhận stands below the two signatures as paragraphs of its own; the
    // label `Nơi nhận:` keeps with the first recipient, never alone at a page foot.
    let text = std::fs::read_to_string(fixture("kinds/bien-ban.yaml")).expect("fixture");
    let (code, err, xml) = render("issue-9-minutes", &text);
    assert_eq!(code, 0, "{err}");
    let ps = paras(&xml);
    let label = ps
        .iter()
        .position(|p| p.text == "Nơi nhận:")
        .expect("Nơi nhận:");
    assert!(ps[label].keep_next(), "{:?}", ps[label]);
    assert!(ps[label + 1].text.starts_with("- "), "{:?}", ps[label + 1]);
}

#[test]
fn issue_9_markers_of_every_shape_in_kinh_gui_and_thanh_phan() {
    // Bullets other than `- `/`+ `/`– `, a dash glued to the name, several markers in a row:
    // all dropped with a warning, never `- * …` or `- - …`.
    let text = std::fs::read_to_string(fixture("kinds/to-trinh.yaml")).expect("fixture");
    for (typed, n) in [
        (
            r#"["* Ủy ban nhân dân thành phố Kon Tum;", "• Phòng Nội vụ."]"#,
            2,
        ),
        (
            r#"["— Ủy ban nhân dân thành phố Kon Tum", "-Phòng Nội vụ"]"#,
            2,
        ),
        (
            r#"["- - Ủy ban nhân dân thành phố Kon Tum ;", "Phòng Nội vụ.."]"#,
            2,
        ),
    ] {
        let t = edit(
            &text,
            r#"kinh_gui: ["Ủy ban nhân dân thành phố Kon Tum"]"#,
            &format!("kinh_gui: {typed}"),
        );
        let (code, err, xml) = render("issue-9-markers", &t);
        assert_eq!(code, 0, "{err}");
        let texts: Vec<String> = addressee_block(&xml).into_iter().map(|p| p.text).collect();
        assert_eq!(
            texts,
            [
                "Kính gửi:",
                "- Ủy ban nhân dân thành phố Kon Tum;",
                "- Phòng Nội vụ."
            ],
            "{typed}"
        );
        let warned = (0..n)
            .filter(|i| !warnings_for(&err, &format!("kinh_gui[{i}]")).is_empty())
            .count();
        assert_eq!(warned, n, "{typed}: {err}");
    }
    // A value that only starts with a dash or a number is the user's text.
    let t = edit(
        &text,
        r#"kinh_gui: ["Ủy ban nhân dân thành phố Kon Tum"]"#,
        r#"kinh_gui: ["Ủy ban nhân dân Phường 3", "-5% dự toán"]"#,
    );
    let (code, err, xml) = render("issue-9-markers-kept", &t);
    assert_eq!(code, 0, "{err}");
    let texts: Vec<String> = addressee_block(&xml).into_iter().map(|p| p.text).collect();
    assert_eq!(
        texts,
        ["Kính gửi:", "- Ủy ban nhân dân Phường 3;", "- -5% dự toán."]
    );
    // Giấy mời: the invitees are the same kind of list (Mẫu 1.7).
    let text = std::fs::read_to_string(fixture("kinds/giay-moi.yaml")).expect("fixture");
    let t = edit(
        &text,
        r#"  - "Thành viên Ban vì sự tiến bộ của phụ nữ phường""#,
        r#"  - "- Thành viên Ban vì sự tiến bộ của phụ nữ phường;""#,
    );
    let t = edit(
        &t,
        r#"  - "Trưởng các tổ dân phố""#,
        r#"  - "* Trưởng các tổ dân phố.""#,
    );
    let (code, err, xml) = render("issue-9-markers-invitees", &t);
    assert_eq!(code, 0, "{err}");
    let texts: Vec<String> = paras(&xml).into_iter().map(|p| p.text).collect();
    assert!(
        texts.contains(&"- Thành viên Ban vì sự tiến bộ của phụ nữ phường;".to_string())
            && texts.contains(&"- Trưởng các tổ dân phố.".to_string()),
        "{texts:?}"
    );
    assert!(!texts
        .iter()
        .any(|t| t.starts_with("- -") || t.starts_with("- *")));
    assert_eq!(warnings_for(&err, "thanh_phan[0]").len(), 1, "{err}");
    assert_eq!(warnings_for(&err, "thanh_phan[2]").len(), 1, "{err}");
}

// ---------------------------------------------------------------------------------------------
// H19: a very long Nơi nhận
// ---------------------------------------------------------------------------------------------

#[test]
fn h19_long_recipient_list() {
    let lines: String = (1..=36)
        .map(|i| format!("  - \"Ủy ban nhân dân xã số {i:02} (để thực hiện)\"\n"))
        .collect();
    let d = workspace("ke-hoach-2025.yaml", |t| {
        let start = t.find("noi_nhan:\n").expect("noi_nhan");
        let end = t[start..].find("\n\n").expect("end of noi_nhan") + start;
        format!(
            "{}noi_nhan:\n{lines}  - \"Lưu: VT, UB(Hùng)\"{}",
            &t[..start],
            &t[end..]
        )
    });
    let (code, err, xml) = plan(d.path());
    assert_eq!(code, 0, "{err}");
    let closing = table_with(&xml, "Nơi nhận:");
    let rows = rows(closing);
    assert_eq!(rows.len(), 2, "the list runs on in a second row");
    // Row 1 never splits: the signature and the recipients beside it.
    assert!(rows[0].contains("<w:cantSplit/>"));
    let first = cells(rows[0]);
    assert!(first[1].contains("Trần Thị Long") && first[1].contains("PHÓ CHỦ TỊCH"));
    let beside: Vec<P> = paras(first[0]);
    assert_eq!(beside[0].text, "Nơi nhận:");
    assert!(
        (3..=12).contains(&(beside.len() - 1)),
        "as many recipients as stand beside the signature: {}",
        beside.len() - 1
    );
    // Row 2 may break across pages and holds the rest, in order, the `Lưu` line last.
    assert!(!rows[1].contains("<w:cantSplit/>"));
    let rest = paras(cells(rows[1])[0]);
    let all: Vec<String> = beside[1..]
        .iter()
        .chain(&rest)
        .map(|p| p.text.clone())
        .collect();
    let want: Vec<String> = (1..=36)
        .map(|i| format!("- Ủy ban nhân dân xã số {i:02} (để thực hiện);"))
        .chain(["- Lưu: VT, UB(Hùng).".to_string()])
        .collect();
    assert_eq!(all, want);
    // The last body paragraph keeps with the signature: it and the gap before the table keep
    // with the next, and the closing sentence is never split.
    let body_end = &xml[..xml.find(closing).expect("closing table")];
    let before = paras(body_end);
    let gap = &before[before.len() - 1];
    let last = &before[before.len() - 2];
    assert!(gap.keep_next(), "{gap:?}");
    assert!(last.keep_next() && last.keep_lines(), "{last:?}");
    assert!(last.text.ends_with("./."), "{last:?}");

    // A short Nơi nhận stays one row, never split.
    let (_, _, xml) = plan(fixture_workspace().path());
    let rows = self::rows(table_with(&xml, "Nơi nhận:"));
    assert_eq!(rows.len(), 1);
    assert!(rows[0].contains("<w:cantSplit/>"));
}

// ---------------------------------------------------------------------------------------------
// H22: a long agency name
// ---------------------------------------------------------------------------------------------

/// The header table's left cell: its paragraphs, the cell's text width, and the rule's length.
fn agency_cell(xml: &str) -> (Vec<P>, i32, i32) {
    let header = xml
        .split("<w:tbl>")
        .nth(1)
        .and_then(|t| t.split("</w:tbl>").next())
        .expect("header table");
    let width = grid_col(header, 0) - CELL_MARGINS;
    let row = rows(header)[0];
    let ps = paras(cells(row)[0]);
    let rule = ps.last().expect("rule");
    assert!(rule.ppr.contains("<w:pBdr>") && rule.text.is_empty());
    let length = width - rule.ind("w:left") - rule.ind("w:right");
    (ps[..ps.len() - 1].to_vec(), width, length)
}

#[test]
fn h22_long_agency_name() {
    let h22 = "BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA PHƯỜNG NGUYỄN TRÃI";
    let d = workspace("bao-cao/tram-y-te.yaml", |t| {
        let t = edit(
            t,
            r#"chu_quan: ["TRUNG TÂM Y TẾ THÀNH PHỐ KON TUM"]"#,
            r#"chu_quan: ["CÔNG AN THÀNH PHỐ KON TUM"]"#,
        );
        edit(
            &t,
            r#"ban_hanh: ["TRẠM Y TẾ", "PHƯỜNG NGUYỄN TRÃI"]"#,
            &format!(r#"ban_hanh: ["{h22}"]"#),
        )
    });
    let (code, err, xml) = report(d.path());
    assert_eq!(code, 0, "{err}");
    let (lines, width, rule) = agency_cell(&xml);
    let texts: Vec<&str> = lines.iter().map(|p| p.text.as_str()).collect();
    // The line the data gives that fits stays whole; the one that cannot is broken at natural
    // points, never inside a word or a name.
    assert_eq!(
        texts,
        [
            "CÔNG AN THÀNH PHỐ KON TUM",
            "BAN CHỈ ĐẠO",
            "CÁC CHƯƠNG TRÌNH",
            "MỤC TIÊU QUỐC GIA",
            "PHƯỜNG NGUYỄN TRÃI"
        ]
    );
    for p in &lines {
        let bold = p.bold();
        assert!(
            text_width_twips(&p.text, Pt(13.0), bold).0 <= width,
            "{p:?} wider than the column ({width})"
        );
    }
    // A warning names the field and the lines; none for the line that fits.
    let w = warnings_for(&err, "co_quan.ban_hanh[0]");
    assert_eq!(w.len(), 1, "{err}");
    assert!(w[0].contains("«PHƯỜNG NGUYỄN TRÃI»") && w[0].contains("tram-y-te.yaml:"));
    assert!(
        warnings_for(&err, "co_quan.chu_quan[0]").is_empty(),
        "{err}"
    );
    // The rule under the name: 1/3–1/2 of the longest line as rendered (NĐ 30 Phụ lục I, II.2).
    let longest = texts[1..]
        .iter()
        .map(|l| text_width_twips(l, Pt(13.0), true).0)
        .max()
        .expect("lines");
    assert!(
        3 * rule >= longest && 2 * rule <= longest,
        "rule {rule} against the longest line {longest}"
    );

    // The parent line of the sample that cannot fit at 13 pt (≈ 5,000 twips): broken before
    // THÀNH PHỐ with a warning naming the field.
    let (code, err, xml) = report(fixture_workspace().path());
    assert_eq!(code, 0, "{err}");
    let (lines, _, _) = agency_cell(&xml);
    let texts: Vec<&str> = lines.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "TRUNG TÂM Y TẾ",
            "THÀNH PHỐ KON TUM",
            "TRẠM Y TẾ",
            "PHƯỜNG NGUYỄN TRÃI"
        ]
    );
    assert_eq!(warnings_for(&err, "co_quan.chu_quan[0]").len(), 1, "{err}");

    // The same for a right-hand title too long for its column (an organisation's own header).
    let title = "ĐẢNG BỘ PHƯỜNG NGUYỄN TRÃI THÀNH PHỐ KON TUM TỈNH KON TUM";
    let d = workspace("bao-cao/tram-y-te.yaml", |t| {
        edit(
            t,
            r#"ban_hanh: ["TRẠM Y TẾ", "PHƯỜNG NGUYỄN TRÃI"]"#,
            &format!(
                "ban_hanh: [\"TRẠM Y TẾ\", \"PHƯỜNG NGUYỄN TRÃI\"]\n  tieu_de_phai: \"{title}\""
            ),
        )
    });
    let (code, err, xml) = report(d.path());
    assert_eq!(code, 0, "{err}");
    let header = xml.split("<w:tbl>").nth(1).expect("header");
    let width = grid_col(header, 1) - CELL_MARGINS;
    let right = paras(cells(rows(header)[0])[1]);
    let texts: Vec<&str> = right.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "ĐẢNG BỘ PHƯỜNG NGUYỄN TRÃI",
            "THÀNH PHỐ KON TUM TỈNH KON TUM",
            ""
        ]
    );
    for l in &texts {
        assert!(text_width_twips(l, Pt(13.0), true).0 <= width, "{l}");
    }
    assert_eq!(warnings_for(&err, "co_quan.tieu_de_phai").len(), 1, "{err}");
}

#[test]
fn issue_9_agency_names_of_other_kinds() {
    // (chu_quan, ban_hanh, the lines as printed): words of two syllables (`ĐẦU TƯ`, `THỂ THAO`,
    // `XÂY DỰNG`) and names (`MẶT TRẬN TỔ QUỐC VIỆT NAM`) are never split; a line never starts
    // with the dash of `VĂN HÓA - THỂ THAO`.
    for (parent, issuing, want) in [
        (
            "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM THÀNH PHỐ KON TUM",
            "PHƯỜNG NGUYỄN TRÃI",
            &[
                "ỦY BAN MẶT TRẬN",
                "TỔ QUỐC VIỆT NAM",
                "THÀNH PHỐ KON TUM",
                "PHƯỜNG NGUYỄN TRÃI",
            ][..],
        ),
        (
            "ỦY BAN NHÂN DÂN TỈNH KON TUM",
            "BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG KHU VỰC HUYỆN ĐĂK HÀ",
            &[
                "ỦY BAN NHÂN DÂN",
                "TỈNH KON TUM",
                "BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ",
                "XÂY DỰNG KHU VỰC",
                "HUYỆN ĐĂK HÀ",
            ][..],
        ),
        (
            "ỦY BAN NHÂN DÂN THỊ XÃ BUÔN HỒ",
            "TRUNG TÂM VĂN HÓA - THỂ THAO VÀ TRUYỀN THANH THỊ XÃ BUÔN HỒ",
            &[
                "ỦY BAN NHÂN DÂN",
                "THỊ XÃ BUÔN HỒ",
                "TRUNG TÂM VĂN HÓA -",
                "THỂ THAO VÀ TRUYỀN THANH",
                "THỊ XÃ BUÔN HỒ",
            ][..],
        ),
    ] {
        let d = workspace("bao-cao/tram-y-te.yaml", |t| {
            let t = edit(
                t,
                r#"chu_quan: ["TRUNG TÂM Y TẾ THÀNH PHỐ KON TUM"]"#,
                &format!(r#"chu_quan: ["{parent}"]"#),
            );
            edit(
                &t,
                r#"ban_hanh: ["TRẠM Y TẾ", "PHƯỜNG NGUYỄN TRÃI"]"#,
                &format!(r#"ban_hanh: ["{issuing}"]"#),
            )
        });
        let (code, err, xml) = report(d.path());
        assert_eq!(code, 0, "{err}");
        let (lines, _, _) = agency_cell(&xml);
        let texts: Vec<&str> = lines.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, want, "{err}");
    }
    // One word wider than the column cannot be broken by vanban: a warning names the field
    // (Word would break it between letters).
    let d = workspace("bao-cao/tram-y-te.yaml", |t| {
        edit(
            t,
            r#"ban_hanh: ["TRẠM Y TẾ", "PHƯỜNG NGUYỄN TRÃI"]"#,
            r#"ban_hanh: ["TRẠM Y TẾ", "PHUONGNGUYENTRAITHANHPHOKONTUMTINHKONTUM"]"#,
        )
    });
    let (code, err, _) = report(d.path());
    assert_eq!(code, 0, "{err}");
    let w = warnings_for(&err, "co_quan.ban_hanh[1]");
    assert_eq!(w.len(), 1, "{err}");
    assert!(
        w[0].contains("PHUONGNGUYENTRAITHANHPHOKONTUMTINHKONTUM"),
        "{w:?}"
    );
}

/// Issue 9, item 2: every agency line of the eight sample unit reports stays on one line
/// (`CÔNG AN THÀNH PHỐ KON TUM`, `TRƯỜNG TRUNG HỌC CƠ SỞ`), and the header table follows the
/// decree's grid: the right column 5670 twips, the table 199 twips into the left margin.
#[test]
fn issue_9_sample_agency_lines_stay_whole() {
    let dir = fixture_workspace();
    let (code, err) = run(dir.path(), &["build", "-o", "out"]);
    assert_eq!(code, 0, "{err}");
    for e in std::fs::read_dir(dir.path().join("data/bao-cao")).expect("units") {
        let path = e.expect("entry").path();
        let yaml = std::fs::read_to_string(&path).expect("unit");
        let name = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .to_string();
        let docx =
            std::fs::read(dir.path().join(format!("out/bao-cao/{name}.docx"))).expect("docx");
        let xml = part(&docx, "word/document.xml");
        let (lines, width, _) = agency_cell(&xml);
        for p in &lines {
            assert!(
                yaml.contains(&format!("\"{}\"", p.text)) || name == "tram-y-te",
                "{name}: {:?} is not a line of the data",
                p.text
            );
            assert!(text_width_twips(&p.text, Pt(13.0), p.bold()).0 <= width);
        }
        let header = xml.split("<w:tbl>").nth(1).expect("header");
        assert_eq!(grid_col(header, 1), 5669, "{name}");
        assert!(
            header.contains(r#"<w:tblInd w:w="-198" w:type="dxa"/>"#),
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Issue 9, item 1: headings keep with what follows
// ---------------------------------------------------------------------------------------------

#[test]
fn issue_9_headings_keep_with_next() {
    let dir = fixture_workspace();
    let (code, err) = run(dir.path(), &["build", "-o", "out"]);
    assert_eq!(code, 0, "{err}");
    for doc in [
        "out/bao-cao-tong-hop-2025.docx",
        "out/ke-hoach-2025.docx",
        "out/bao-cao/tram-y-te.docx",
        "out/bao-cao/cong-an.docx",
    ] {
        let xml = part(
            &std::fs::read(dir.path().join(doc)).expect(doc),
            "word/document.xml",
        );
        let body = &xml[..xml.find("Nơi nhận:").expect("closing")];
        let mut headings = 0;
        for p in paras(body) {
            let t = p.text.trim();
            let marker = t.split(' ').next().unwrap_or("");
            let numbered = marker.ends_with(')') && marker.chars().count() == 2
                || marker.strip_suffix('.').is_some_and(|m| {
                    !m.is_empty() && m.chars().all(|c| c.is_ascii_digit() || "IVX".contains(c))
                });
            let heading_like = t.ends_with(':') || (numbered && !t.ends_with(['.', ';']));
            if heading_like && !t.starts_with("Kính gửi") {
                headings += 1;
                assert!(p.keep_next(), "{doc}: {t:?} does not keep with the next");
            }
        }
        assert!(headings >= 3, "{doc}: {headings} headings");
    }
    // The group line of the consolidated report that ended page 1 (issue 9).
    let xml = part(
        &std::fs::read(dir.path().join("out/bao-cao-tong-hop-2025.docx")).expect("docx"),
        "word/document.xml",
    );
    let c = paras(&xml)
        .into_iter()
        .find(|p| p.text.starts_with("c) Mục tiêu 3"))
        .expect("c) Mục tiêu 3");
    assert!(c.keep_next() && c.keep_lines(), "{c:?}");
}

// ---------------------------------------------------------------------------------------------
// Issue 9, item 4: balanced trích yếu
// ---------------------------------------------------------------------------------------------

/// The trích yếu lines: the bold centred paragraphs after `BÁO CÁO`, up to the rule.
fn subject(xml: &str) -> Vec<String> {
    let all = paras(xml);
    let start = all.iter().position(|p| p.text == "BÁO CÁO").expect("title") + 1;
    all[start..]
        .iter()
        .take_while(|p| !p.text.is_empty())
        .map(|p| p.text.clone())
        .collect()
}

#[test]
fn issue_9_subject_lines_balanced() {
    let long = "Kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ trong lĩnh vực y tế trên địa bàn phường Nguyễn Trãi năm 2025";
    let from =
        r#"trich_yeu: "Kết quả thực hiện công tác bình đẳng giới trong lĩnh vực y tế năm 2025""#;
    let d = workspace("bao-cao/tram-y-te.yaml", |t| {
        edit(t, from, &format!("trich_yeu: \"{long}\""))
    });
    let (code, err, xml) = report(d.path());
    assert_eq!(code, 0, "{err}");
    let lines = subject(&xml);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines.join(" "), long);
    let w: Vec<i32> = lines
        .iter()
        .map(|l| text_width_twips(l, Pt(14.0), true).0)
        .collect();
    assert!((w[0] - w[1]).abs() * 4 < w[0], "balanced: {lines:?}");
    for l in &lines {
        assert!(l.split(' ').count() > 2, "{lines:?}");
        for end in ["Nguyễn", "phường", "năm", "bình", "tiến", "lĩnh", "y"] {
            assert!(
                !l.ends_with(&format!(" {end}")),
                "broken inside a name or word: {lines:?}"
            );
        }
    }
    // Breaks given in the data are kept.
    let d = workspace("bao-cao/tram-y-te.yaml", |t| {
        edit(
            t,
            from,
            "trich_yeu: |\n  Kết quả thực hiện công tác bình đẳng giới\n  trong lĩnh vực y tế năm 2025",
        )
    });
    let (_, _, xml) = report(d.path());
    assert_eq!(
        subject(&xml),
        [
            "Kết quả thực hiện công tác bình đẳng giới",
            "trong lĩnh vực y tế năm 2025"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Issue 9, item 5: địa danh of a unit named after a person or a number
// ---------------------------------------------------------------------------------------------

#[test]
fn issue_9_place_needs_its_level_word() {
    // The plan's seed wording is kept; the tool warns with the fix.
    let (code, err, xml) = plan(fixture_workspace().path());
    assert_eq!(code, 0, "{err}");
    assert!(xml.contains("Nguyễn Trãi, ngày"));
    let w = warnings_for(&err, "dia_danh");
    assert_eq!(w.len(), 1, "{err}");
    assert!(w[0].contains("tên người") && w[0].contains("`dia_danh: \"Phường Nguyễn Trãi\"`"));
    // With the level word: no warning, and the line is printed as written.
    let d = workspace("ke-hoach-2025.yaml", |t| {
        edit(
            t,
            "dia_danh: \"Nguyễn Trãi\"",
            "dia_danh: \"Phường Nguyễn Trãi\"",
        )
    });
    let (code, err, xml) = plan(d.path());
    assert_eq!(code, 0, "{err}");
    assert!(warnings_for(&err, "dia_danh").is_empty(), "{err}");
    assert!(xml.contains("Phường Nguyễn Trãi, ngày"));
    // A unit named by a number.
    let d = workspace("ke-hoach-2025.yaml", |t| {
        let t = edit(t, "dia_danh: \"Nguyễn Trãi\"", "dia_danh: \"5\"");
        t.replace("PHƯỜNG NGUYỄN TRÃI", "PHƯỜNG 5")
    });
    let (_, err, _) = plan(d.path());
    let w = warnings_for(&err, "dia_danh");
    assert_eq!(w.len(), 1, "{err}");
    assert!(
        w[0].contains("một số") && w[0].contains("\"Phường 5\""),
        "{}",
        w[0]
    );
    // An ordinary name: only a reminder of the rule.
    let d = workspace("ke-hoach-2025.yaml", |t| {
        let t = edit(t, "dia_danh: \"Nguyễn Trãi\"", "dia_danh: \"Tân Lập\"");
        t.replace("PHƯỜNG NGUYỄN TRÃI", "XÃ TÂN LẬP")
    });
    let (_, err, _) = plan(d.path());
    let w = warnings_for(&err, "dia_danh");
    assert_eq!(w.len(), 1, "{err}");
    assert!(
        w[0].contains("nếu") && w[0].contains("\"Xã Tân Lập\""),
        "{}",
        w[0]
    );
}
