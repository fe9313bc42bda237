//! The fifteen public failure cases of `../shared/cases/README.md` (H01–H15), one test each.
//!
//! Each builds a plan from the fixture `tests/fixtures/ke-hoach-2025.yaml` with the value put in
//! every kind of place a plan has: the agency lines of the header table (`co_quan`), the trích yếu
//! (title, and the document title in `docProps/core.xml`), the place, body paragraphs (plain
//! `{{x}}` and rich `{{dinh_dang x}}`), a Markdown table cell (a custom template with `{{o x}}`),
//! footnote text, Nơi nhận and the signature. A plan has no Kính gửi and no value in the page header (only the
//! page number). Assertions are on the produced package: visible text and raw XML.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml::{Mapping, Value};

use crate::support::*;
use vanban::internals::template::BUILTIN;
use vanban::Templates;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The sample plan (fixture) as a YAML value.
fn base() -> Value {
    let text = std::fs::read_to_string(fixture("ke-hoach-2025.yaml")).expect("plan");
    serde_yaml::from_str(&text).expect("plan parses")
}

/// A text value.
fn s(t: &str) -> Value {
    Value::String(t.to_string())
}

/// A list of text values.
fn list(items: &[&str]) -> Value {
    Value::Sequence(items.iter().map(|t| s(t)).collect())
}

/// The extra table appended to the built-in template: one row per objective, its title in a
/// cell through `{{o …}}` (H01–H05 put values there too).
const TABLE: &str = "\n| Mục tiêu | Nội dung |\n|---|---|\n{{#each muc_tieu}}\n| {{o tieu_de}} | {{#each noi_dung}}{{o van_ban}}{{/each}} |\n{{/each}}\n";

/// A template folder: the built-in plan template plus `extra`.
fn template_dir(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!("{}{extra}", BUILTIN[0].2);
    std::fs::write(dir.path().join("ke-hoach.md.hbs"), text).expect("template");
    dir
}

/// Write `plan` to a temporary file and render it (with `templates` if given); the .docx bytes.
fn render(name: &str, plan: &Value, templates: Option<&Path>) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.yaml");
    std::fs::write(&path, serde_yaml::to_string(plan).expect("yaml")).expect("write");
    let plan = vanban::load_plan(&path).unwrap_or_else(|d| panic!("{name}: {d}"));
    let t = Templates::load(templates).unwrap_or_else(|d| panic!("{name}: {d}"));
    let docx =
        vanban::render_plan(&plan.value, &t.value).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert_all_parts_parse(&docx);
    dump_docx(name, &docx);
    docx
}

/// Everything a reader sees, per place.
struct Seen {
    body: Vec<String>,
    notes: Vec<String>,
    title: String,
    xml: Vec<(String, String)>,
}

fn seen(docx: &[u8]) -> Seen {
    let core = part(docx, "docProps/core.xml");
    let title = core
        .split("<dc:title>")
        .nth(1)
        .and_then(|t| t.split("</dc:title>").next())
        .unwrap_or("")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'");
    let xml: Vec<(String, String)> = parts(docx)
        .into_iter()
        .filter(|(n, _)| n.ends_with(".xml") || n.ends_with(".rels"))
        .map(|(n, d)| (n, String::from_utf8(d).expect("utf-8 part")))
        .collect();
    Seen {
        body: visible_text(&part(docx, "word/document.xml")),
        notes: visible_text(&part(docx, "word/footnotes.xml")),
        title,
        xml,
    }
}

impl Seen {
    fn body_has(&self, t: &str) -> bool {
        self.body.iter().any(|l| l.contains(t))
    }
    fn notes_have(&self, t: &str) -> bool {
        self.notes.iter().any(|l| l.contains(t))
    }
    fn doc(&self) -> &str {
        self.xml
            .iter()
            .find(|(n, _)| n == "word/document.xml")
            .map(|(_, x)| x.as_str())
            .expect("document.xml")
    }
    fn no_double_escape(&self) {
        for (n, x) in &self.xml {
            for bad in ["&amp;amp;", "&amp;lt;", "&amp;gt;", "&amp;quot;", "&amp;#"] {
                assert!(!x.contains(bad), "{n} holds {bad}");
            }
        }
    }
}

/// A plan with `value` in every place a plain value reaches, and `rich` in the rich-text places.
fn everywhere(value: &str, rich: &str) -> Value {
    let mut p = base();
    p["co_quan"]["chu_quan"] = s(value);
    p["co_quan"]["ban_hanh"] = list(&["ỦY BAN NHÂN DÂN", value]);
    p["dia_danh"] = s(value);
    p["trich_yeu"] = s(value);
    p["mo_dau"] = list(&[&format!("{rich}[^1]")]);
    p["muc_tieu"][0]["tieu_de"] = s(value);
    p["muc_tieu"][0]["noi_dung"][0]["van_ban"] = s(rich);
    p["to_chuc_thuc_hien"][0]["don_vi"] = s(value);
    let mut notes = Mapping::new();
    notes.insert(s("1"), s(rich));
    p["chu_thich"] = Value::Mapping(notes);
    p["noi_nhan"] = list(&[value, "Lưu: VT"]);
    p["ky"]["nguoi_ky"] = s(value);
    p["ky"]["chuc_vu"] = s(value);
    p
}

/// Assert `value` is seen in every place of a plan built by [`everywhere`].
fn assert_everywhere(seen: &Seen, value: &str, rich: &str) {
    let upper = value.to_uppercase();
    assert!(
        seen.body_has(&upper),
        "agency / signature title (upper case): {upper}"
    );
    assert!(
        seen.body.iter().filter(|l| l.contains(&upper)).count() >= 3,
        "chủ quản, ban hành and chức vụ lines"
    );
    assert!(seen.body_has(&format!("{value}, ngày")), "place-date line");
    assert!(
        seen.body.iter().any(|l| l == value),
        "trích yếu, signer name, or cell"
    );
    assert!(seen.body_has(&format!("1. {value}")), "objective heading");
    assert!(seen.body_has(&format!("- {value}")), "Nơi nhận line");
    assert!(seen.body_has(rich), "body paragraph");
    assert!(seen.notes_have(rich), "footnote text");
    assert_eq!(seen.title, format!("Kế hoạch {value}"), "core.xml title");
}

// ---------------------------------------------------------------------------------------------
// H01–H05: values reach every place literally
// ---------------------------------------------------------------------------------------------

#[test]
fn h01_ampersand_in_values() {
    let value = "Phòng Tài chính & Kế hoạch";
    let rich = "Sở Nông nghiệp & PTNT (b/c)";
    let t = template_dir(TABLE);
    let docx = render("h01", &everywhere(value, rich), Some(t.path()));
    let seen = seen(&docx);
    assert_everywhere(&seen, value, rich);
    seen.no_double_escape();
    let doc = seen.doc();
    assert!(doc.contains("Phòng Tài chính &amp; Kế hoạch"));
    assert!(doc.contains("PHÒNG TÀI CHÍNH &amp; KẾ HOẠCH"));
    assert!(doc.contains("Sở Nông nghiệp &amp; PTNT (b/c)"));
    // Every `&` of the text is `&amp;` exactly once.
    for (n, x) in &seen.xml {
        let amps = x.matches('&').count();
        let escaped = x.matches("&amp;").count() + x.matches("&quot;").count();
        assert_eq!(amps, escaped, "{n}: only &amp; (and &quot; in attributes)");
    }
    // In the table cell too.
    assert!(
        seen.body.iter().filter(|l| *l == value).count() >= 2,
        "cell and signer"
    );
}

#[test]
fn h02_less_than_and_greater_than_in_values() {
    let mut p = base();
    p["muc_tieu"][0]["noi_dung"][0]["van_ban"] = s("Tỷ lệ sai sót < 2%");
    p["muc_tieu"][0]["noi_dung"][1]["van_ban"] = s("Tỷ lệ hoàn thành >= 100%");
    p["muc_tieu"][0]["tieu_de"] = s("Mục tiêu <1> & <b>đậm</b>");
    p["noi_nhan"][0] = s("Sở <Tư pháp>");
    p["ky"]["nguoi_ky"] = s("A <B> C");
    let t = template_dir(TABLE);
    let docx = render("h02", &p, Some(t.path()));
    let seen = seen(&docx);
    seen.no_double_escape();
    let all = seen.body.join("\n");
    let a = all.find("- Tỷ lệ sai sót < 2%").expect("first, literally");
    let b = all
        .find("- Tỷ lệ hoàn thành >= 100%")
        .expect("second, literally");
    assert!(a < b, "in order");
    // Nothing after them disappears: the next objective line is still there.
    assert!(all.contains("Chỉ tiêu 1: Tăng tỷ lệ lao động nữ"));
    assert!(all.contains("1. Mục tiêu <1> & <b>đậm</b>"));
    assert!(
        all.contains("Tỷ lệ sai sót < 2%Tỷ lệ hoàn thành >= 100%"),
        "cell"
    );
    assert!(all.contains("- Sở <Tư pháp>;"));
    assert!(seen.body.iter().any(|l| l == "A <B> C"));
    assert!(seen.doc().contains("&lt;b&gt;đậm&lt;/b&gt;"));
}

#[test]
fn h03_markdown_punctuation_in_values() {
    let values = [
        "1. Một",
        "- Gạch",
        "# Thăng",
        "> Trích",
        "a * b _c_ d",
        "**đậm?**",
        "[^1] chú thích?",
        "`mã` | ống | \\ gạch",
        "---",
        "<br> [liên kết](http://x)",
    ];
    let mut p = base();
    p["muc_tieu"][0]["tieu_de"] = s(values[0]);
    p["muc_tieu"][1]["tieu_de"] = s(values[1]);
    p["muc_tieu"][2]["tieu_de"] = s(values[2]);
    p["nhiem_vu"][0]["tieu_de"] = s(values[3]);
    p["to_chuc_thuc_hien"][0]["don_vi"] = s(values[4]);
    p["noi_nhan"] = list(&[values[5], values[6], values[7], values[8], "Lưu: VT"]);
    p["ky"]["nguoi_ky"] = s(values[9]);
    p["trich_yeu"] = s(values[7]);
    p["dia_danh"] = s(values[4]);
    // Rich text keeps only *emphasis* and [^label]: everything else is literal.
    p["muc_dich"] = list(&[
        "1. Một",
        "- Gạch",
        "# Thăng",
        "> Trích",
        "`mã` | \\ x",
        "* sao",
    ]);
    let t = template_dir(TABLE);
    let docx = render("h03", &p, Some(t.path()));
    let seen = seen(&docx);
    let all = seen.body.join("\n");
    for v in values {
        assert!(all.contains(v), "{v:?} literal in\n{all}");
    }
    for v in [
        "- 1. Một",
        "- - Gạch",
        "- # Thăng",
        "- > Trích",
        "- `mã` | \\ x",
        "- * sao",
    ] {
        assert!(seen.body.iter().any(|l| l == v), "rich {v:?}");
    }
    let doc = seen.doc();
    // Only the plan's one real footnote; no list numbering, no extra table, no code.
    assert_eq!(doc.matches("<w:footnoteReference").count(), 1);
    assert!(!doc.contains("<w:numPr>"));
    assert_eq!(
        doc.matches("<w:tbl>").count(),
        3,
        "header, closing and the template's table"
    );
    // No emphasis made from data: the runs holding the values are neither bold nor italic
    // unless the layout makes the whole line so (headings are bold).
    assert!(!doc.contains(
        "<w:i/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">đậm"
    ));
}

#[test]
fn h04_line_breaks_in_values() {
    let mut p = base();
    p["mo_dau"] = list(&["Dòng một\nDòng hai\n\nĐoạn mới\n"]);
    p["muc_tieu"][0]["tieu_de"] = s("Ô một\nÔ hai\n");
    p["yeu_cau"] = s("Yêu cầu một\nYêu cầu hai\n");
    let t = template_dir(TABLE);
    let docx = render("h04", &p, Some(t.path()));
    let seen = seen(&docx);
    assert!(
        seen.body.iter().any(|l| l == "Dòng một\nDòng hai"),
        "break in body"
    );
    assert!(
        seen.body.iter().any(|l| l == "Đoạn mới"),
        "blank line: new paragraph"
    );
    assert!(
        seen.body.iter().any(|l| l == "Ô một\nÔ hai"),
        "break in the cell"
    );
    assert!(seen.body_has("Yêu cầu một\nYêu cầu hai"));
    let doc = seen.doc();
    assert!(
        !doc.contains("\\n") && !doc.contains("Dòng một\n"),
        "no literal newline"
    );
    assert!(doc.contains("<w:br/>"));
    // The trailing newline adds nothing: no paragraph ends with a break.
    assert!(!seen.body.iter().any(|l| l.ends_with('\n')));
}

#[test]
fn h05_leading_spaces_in_values() {
    let mut p = base();
    p["mo_dau"] = list(&["    Bốn dấu cách đầu dòng[^1]"]);
    p["yeu_cau"] = s("\tMột tab đầu dòng");
    p["muc_tieu"][0]["tieu_de"] = s("      Sáu dấu cách");
    p["noi_nhan"][0] = s("    Sở Tư pháp");
    let docx = render("h05", &p, None);
    let seen = seen(&docx);
    assert!(seen.body.iter().any(|l| l == "Bốn dấu cách đầu dòng"));
    assert!(seen.body_has("2. Yêu cầu: Một tab đầu dòng"));
    assert!(seen.body.iter().any(|l| l == "1. Sáu dấu cách"));
    assert!(seen.body.iter().any(|l| l == "- Sở Tư pháp;"));
}

// ---------------------------------------------------------------------------------------------
// H06–H08: template errors and empty values
// ---------------------------------------------------------------------------------------------

fn run_fixture_binary(case: &str) -> (i32, String, bool) {
    let dir = repo("tests/cases/invalid").join(case);
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out.docx");
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("plan")
        .arg(dir.join("data.yaml"))
        .arg("--templates")
        .arg(dir.join("templates"))
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stderr).expect("utf-8"),
        out.exists(),
    )
}

#[test]
fn h06_unclosed_template_block() {
    let (code, stderr, written) = run_fixture_binary("template-unclosed-block");
    assert_ne!(code, 0);
    assert!(!written, "no file written");
    assert!(stderr.contains("ke-hoach.md.hbs:7:1"), "{stderr}");
    assert!(stderr.contains("khối `{{#each}}` mở ở dòng 7"), "{stderr}");
    assert!(stderr.contains("{{/each}}"), "hint names the closing tag");
}

#[test]
fn h07_missing_value_in_template() {
    let (code, stderr, written) = run_fixture_binary("template-missing-variable");
    assert_ne!(code, 0);
    assert!(!written, "no file written");
    assert!(stderr.contains("ke-hoach.md.hbs:5:21"), "{stderr}");
    assert!(stderr.contains("`co_quan_phoi_hop`"), "{stderr}");
}

#[test]
fn h08_empty_optional_values_leave_nothing() {
    // An empty value renders exactly as an absent one.
    let mut absent = base();
    absent["to_chuc_thuc_hien"][1]
        .as_mapping_mut()
        .expect("map")
        .remove("noi_dung");
    absent["to_chuc_thuc_hien"][1]["nhiem_vu"] = list(&["Việc."]);
    let mut empty = absent.clone();
    empty["co_quan"]["chu_quan"] = s("");
    empty["to_chuc_thuc_hien"][1]["noi_dung"] = s("  ");
    empty["to_chuc_thuc_hien"][1]["nhiem_vu"] = list(&["Việc.", "", "  "]);
    empty["noi_nhan"] = list(&[
        "Ban vì sự tiến bộ của phụ nữ thành phố (b/c)",
        "",
        "Thường trực Đảng ủy (b/c)",
        "Thường trực HĐND phường (b/c)",
        "Đ/c Chủ tịch, đ/c Long - PCT UBND phường",
        "  ",
        "Các Cán bộ, công chức, đơn vị tại Mục V",
        "Lưu: VT, UB(Hùng)",
    ]);
    empty["muc_dich"]
        .as_sequence_mut()
        .expect("list")
        .push(s(""));
    empty["ky"]["quyen_han"] = list(&["TM. ỦY BAN NHÂN DÂN", "", "KT. CHỦ TỊCH"]);
    let a = render("h08-absent", &absent, None);
    let b = render("h08-empty", &empty, None);
    assert_eq!(
        part(&a, "word/document.xml"),
        part(&b, "word/document.xml"),
        "empty optional values leave no trace"
    );
    let seen = seen(&b);
    assert!(!seen
        .body
        .iter()
        .any(|l| l.trim() == "-" || l.trim() == "- ;"));
    assert!(!seen
        .body
        .iter()
        .any(|l| l.trim_end().ends_with(':') && l.contains("Các ban, ngành") && l.contains(": ")));
}

// ---------------------------------------------------------------------------------------------
// H09–H10: footnotes, page numbers
// ---------------------------------------------------------------------------------------------

#[test]
fn h09_footnotes_are_complete() {
    let mut p = base();
    // Defined before `1` but referenced after it: numbered 2.
    let real = p["chu_thich"]
        .as_mapping()
        .and_then(|m| m.values().next().cloned())
        .expect("real footnote");
    let mut notes = Mapping::new();
    notes.insert(
        s("nq"),
        s("*Nghị quyết số 28/NQ-CP ngày 03/3/2021* của Chính phủ."),
    );
    notes.insert(s("1"), real);
    p["chu_thich"] = Value::Mapping(notes);
    p["muc_dich"][0] = s("Nhằm tăng cường sự lãnh đạo[^nq].");
    // A second reference to the same note: its number again, not a second (duplicate) footnote.
    p["muc_dich"][1] = s("Đẩy mạnh công tác tuyên truyền[^nq].");
    let docx = render("h09", &p, None);
    let doc = part(&docx, "word/document.xml");
    let notes = part(&docx, "word/footnotes.xml");
    let i1 = doc
        .find(r#"<w:footnoteReference w:id="1"/>"#)
        .expect("ref 1");
    let i2 = doc
        .find(r#"<w:footnoteReference w:id="2"/>"#)
        .expect("ref 2");
    assert!(i1 < i2, "numbered in order of first reference");
    assert_eq!(doc.matches("<w:footnoteReference").count(), 2);
    // Two references, and the second citation's NOTEREF field (five runs, H17).
    assert_eq!(
        doc.matches(r#"<w:rStyle w:val="FootnoteReference"/>"#)
            .count(),
        7
    );
    assert!(seen(&docx).body_has("Đẩy mạnh công tác tuyên truyền2."));
    assert!(notes.contains(r#"w:type="separator" w:id="-1""#));
    assert!(notes.contains(r#"w:type="continuationSeparator" w:id="0""#));
    assert_eq!(
        notes.matches("<w:footnoteRef/>").count(),
        2,
        "number mark in each note"
    );
    let n1 = notes.find(r#"<w:footnote w:id="1">"#).expect("note 1");
    let n2 = notes.find(r#"<w:footnote w:id="2">"#).expect("note 2");
    assert!(n1 < n2);
    assert!(notes[n1..n2].contains("Kế hoạch số 62/KH-UBND"));
    let second = &notes[n2..];
    let italic_run = second
        .split("<w:r>")
        .find(|r| r.contains("Nghị quyết số 28/NQ-CP"))
        .expect("italic run");
    assert!(italic_run.contains("<w:i/>"), "italics kept: {italic_run}");
    assert!(second.contains("của Chính phủ."));
    let settings = part(&docx, "word/settings.xml");
    assert!(settings.contains("<w:footnotePr>"));
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"w:styleId="FootnoteReference""#));
    assert!(styles.contains(r#"w:styleId="FootnoteText""#));
}

#[test]
fn h10_page_number_field() {
    let docx = render("h10", &base(), None);
    let doc = part(&docx, "word/document.xml");
    assert!(doc.contains("<w:titlePg/>"), "no number on page 1");
    let headers: Vec<(String, String)> = parts(&docx)
        .into_iter()
        .filter(|(n, _)| n.starts_with("word/header"))
        .map(|(n, d)| (n, String::from_utf8(d).expect("utf-8")))
        .collect();
    let numbered: Vec<&String> = headers
        .iter()
        .filter(|(_, h)| h.contains("PAGE"))
        .map(|(_, h)| h)
        .collect();
    assert_eq!(numbered.len(), 1);
    let h = numbered[0];
    assert!(h.contains(r#"<w:jc w:val="center"/>"#));
    assert!(h.contains(r#"<w:fldChar w:fldCharType="begin""#));
    assert!(h.contains(r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#));
    assert!(h.contains(r#"<w:fldChar w:fldCharType="end""#));
    assert!(h.contains(r#"<w:sz w:val="28"/>"#) || h.contains(r#"<w:sz w:val="26"/>"#));
    assert!(h.contains(r#"w:ascii="Times New Roman""#));
    // The first-page header exists and has no field.
    let rels = part(&docx, "word/_rels/document.xml.rels");
    let first_id = doc
        .split(r#"<w:headerReference w:type="first" r:id=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("first header reference");
    let target = rels
        .split(&format!(r#"Id="{first_id}""#))
        .nth(1)
        .and_then(|s| s.split("Target=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .expect("first header target");
    let first = headers
        .iter()
        .find(|(n, _)| n.ends_with(target))
        .expect("first header part");
    assert!(!first.1.contains("PAGE"));
}

// ---------------------------------------------------------------------------------------------
// H11–H12: determinism, dates and time zones
// ---------------------------------------------------------------------------------------------

fn run_with_tz(data: &Path, out: &Path, tz: &str) -> Vec<u8> {
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("-q")
        .arg("plan")
        .arg(data)
        .arg("-o")
        .arg(out)
        .env("TZ", tz)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read(out).expect("output")
}

#[test]
fn h11_same_input_same_bytes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let a = run_with_tz(
        &fixture("ke-hoach-2025.yaml"),
        &tmp.path().join("a.docx"),
        "UTC",
    );
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = run_with_tz(
        &fixture("ke-hoach-2025.yaml"),
        &tmp.path().join("b.docx"),
        "Asia/Ho_Chi_Minh",
    );
    assert!(a == b, "byte-identical across time and TZ");
}

#[test]
fn h12_dates_and_time_zones() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (date, expected) in [
        ("2025-01-05", "ngày 05 tháng 01 năm 2025"),
        ("2025-03-09T07:30:00+07:00", "ngày 09 tháng 3 năm 2025"),
        ("2025-03-09T23:30:00-05:00", "ngày 09 tháng 3 năm 2025"),
    ] {
        let text = std::fs::read_to_string(fixture("ke-hoach-2025.yaml"))
            .expect("plan")
            .replace("so_ky_hieu: \"/KH-UBND\"", "so_ky_hieu: \"62/KH-UBND\"")
            .replace("ngay_ban_hanh: 2025", &format!("ngay_ban_hanh: {date}"));
        let data = tmp.path().join("plan.yaml");
        std::fs::write(&data, text).expect("write");
        let a = run_with_tz(&data, &tmp.path().join("utc.docx"), "UTC");
        let b = run_with_tz(&data, &tmp.path().join("hcm.docx"), "Asia/Ho_Chi_Minh");
        assert!(a == b, "{date}: same bytes in both TZ");
        let body = visible_text(&part(&a, "word/document.xml"));
        assert!(
            body.iter()
                .any(|l| l == &format!("Nguyễn Trãi, {expected}")),
            "{date} → {expected}"
        );
        dump_docx(&format!("h12-{}", &date[..10]), &a);
    }
}

// ---------------------------------------------------------------------------------------------
// H13–H15: fonts, NFC, scale
// ---------------------------------------------------------------------------------------------

#[test]
fn h13_font_slots_and_language() {
    let mut p = base();
    p["mo_dau"] = list(&["Nghị quyết và Kế hoạch *nghiêng* **đậm**[^1]"]);
    let t = template_dir(TABLE);
    let docx = render("h13", &p, Some(t.path()));
    let has_fonts = |rpr: &str| {
        ["ascii", "hAnsi", "eastAsia", "cs"]
            .iter()
            .all(|slot| rpr.contains(&format!(r#"w:{slot}="Times New Roman""#)))
    };
    let mut checked = 0;
    for (name, data) in parts(&docx) {
        let is_text_part = name == "word/document.xml"
            || name == "word/footnotes.xml"
            || name.starts_with("word/header");
        if !is_text_part {
            continue;
        }
        let xml = String::from_utf8(data).expect("utf-8");
        for rpr in text_run_properties(&xml) {
            assert!(has_fonts(&rpr), "{name}: run without the four slots: {rpr}");
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} runs checked");
    let styles = part(&docx, "word/styles.xml");
    let defaults = styles
        .split("<w:docDefaults>")
        .nth(1)
        .and_then(|d| d.split("</w:docDefaults>").next())
        .expect("docDefaults");
    assert!(has_fonts(defaults), "defaults: {defaults}");
    assert!(
        defaults.contains(r#"<w:lang w:val="vi-VN""#),
        "defaults language"
    );
    let core = part(&docx, "docProps/core.xml");
    assert!(core.contains("<dc:language>vi-VN</dc:language>"));
}

#[test]
fn h14_decomposed_unicode_becomes_composed() {
    let nfd = "Vie\u{323}\u{302}t Nam";
    let mut p = base();
    p["dia_danh"] = s(&format!("Phường {nfd}"));
    p["mo_dau"] = list(&[&format!("Dữ liệu: {nfd}[^1]")]);
    p["noi_nhan"][0] = s(nfd);
    let t = template_dir(&format!("\nMẫu: {nfd}\n"));
    let docx = render("h14", &p, Some(t.path()));
    for (name, data) in parts(&docx) {
        if name.ends_with(".xml") {
            let xml = String::from_utf8(data).expect("utf-8");
            assert!(unicode_normalization::is_nfc(&xml), "{name} is not NFC");
        }
    }
    let body = visible_text(&part(&docx, "word/document.xml"));
    assert!(body.iter().any(|l| l == "Dữ liệu: Việt Nam"), "data");
    assert!(body.iter().any(|l| l == "Mẫu: Việt Nam"), "template");
    assert!(body.iter().any(|l| l.starts_with("Phường Việt Nam, ngày")));
    assert!(body.iter().any(|l| l == "- Việt Nam;"));
}

/// 700 footnotes and a 14,000-row table (700 units × 20 indicators) through a custom template:
/// it finishes and the package is valid (a tenth of the size too). How the time grows with the
/// size is measured by the benchmark (`benches/consolidate.rs`, group `scale`), not here.
#[test]
fn h15_scale() {
    const TEMPLATE: &str = "{{#each mo_dau}}\n{{dinh_dang this}}\n\n{{/each}}\n| Đơn vị | Chỉ tiêu |\n|---|---|\n{{#each to_chuc_thuc_hien}}{{#each nhiem_vu}}| {{o ../don_vi}} | {{o this}} |\n{{/each}}{{/each}}\n\n{{#each chu_thich}}\n[^{{@key}}]: {{dinh_dang this}}\n{{/each}}\n";
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("ke-hoach.md.hbs"), TEMPLATE).expect("template");
    let build = |units: usize, notes: usize| -> Vec<u8> {
        let mut p = base();
        let mut defs = Mapping::new();
        let mut paras = Vec::new();
        for i in 1..=notes {
            defs.insert(s(&format!("n{i}")), s(&format!("Chú thích số {i}.")));
            paras.push(s(&format!("Đoạn {i}[^n{i}].")));
        }
        p["chu_thich"] = Value::Mapping(defs);
        p["mo_dau"] = Value::Sequence(paras);
        let rows: Vec<Value> = (0..units)
            .map(|u| {
                let mut m = Mapping::new();
                m.insert(s("don_vi"), s(&format!("Đơn vị {u}")));
                m.insert(
                    s("nhiem_vu"),
                    Value::Sequence(
                        (0..20)
                            .map(|k| s(&format!("Chỉ tiêu {k} & < {u}")))
                            .collect(),
                    ),
                );
                Value::Mapping(m)
            })
            .collect();
        p["to_chuc_thuc_hien"] = Value::Sequence(rows);
        render(&format!("h15-{units}"), &p, Some(dir.path()))
    };
    let small = build(70, 70);
    let big = build(700, 700);
    let doc = part(&big, "word/document.xml");
    // 14,000 rows + the table's header row + the frame's header table (2) and closing table (1).
    assert_eq!(doc.matches("<w:tr>").count(), 14_004);
    assert_eq!(doc.matches("<w:footnoteReference").count(), 700);
    assert!(doc.contains("Chỉ tiêu 19 &amp; &lt; 699"));
    assert_eq!(
        part(&small, "word/document.xml").matches("<w:tr>").count(),
        1_404
    );
}

/// A package that fails its integrity check is never written: the check catches a relationship
/// to a missing part (see also the unit tests of `docx::package`).
#[test]
fn output_is_never_corrupt() {
    let docx = render("check", &base(), None);
    // Every relationship target of the produced package exists.
    let names: Vec<String> = parts(&docx).into_iter().map(|(n, _)| n).collect();
    let rels = part(&docx, "word/_rels/document.xml.rels");
    for target in rels.split("Target=\"").skip(1) {
        let t = target.split('"').next().expect("target");
        assert!(names.contains(&format!("word/{t}")), "{t} exists");
    }
    let _: PathBuf = dump_docx("check", &docx);
}
