//! Hard inputs of issue 9 through the binary: a footnote cited twice (H17), invisible characters
//! from Word (H23), UTF-16 files (H25), Word's manual line break and escaped controls (H26), the
//! decimal comma (H29). The library-level checks of H23, H26 and H29 stay in `reading.rs`; these
//! run the built `vanban` as a user does and assert the message, its place and the output.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// The minimal plan (`tests/cases/plan-minimal.yaml`: line 1 is a comment).
fn plan_text() -> String {
    std::fs::read_to_string(fixture("../cases/plan-minimal.yaml")).expect("read plan")
}

/// The minimal unit report of the reading tests, and their one-place edit.
use crate::reading::{edit, REPORT};

struct Run {
    code: i32,
    stderr: String,
    docx: Option<Vec<u8>>,
    file: PathBuf,
}

/// Write `bytes` as `name` in a fresh folder and run `vanban <args> FILE -o OUT`.
fn run(dir: &Path, args: &[&str], name: &str, bytes: &[u8]) -> Run {
    let file = dir.join(name);
    std::fs::write(&file, bytes).expect("write");
    let out = dir.join(format!("{name}.docx"));
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .arg(&file)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run vanban");
    Run {
        code: o.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&o.stderr).to_string(),
        docx: std::fs::read(&out).ok(),
        file,
    }
}

fn plan(dir: &Path, text: &str) -> Run {
    run(dir, &["plan"], "ke-hoach.yaml", text.as_bytes())
}

/// The diagnostic block of stderr located at `file:line:column`.
#[track_caller]
fn at(r: &Run, line: usize, column: usize) -> String {
    let loc = format!("{}:{line}:{column}", r.file.display());
    r.stderr
        .split("\n\n")
        .find(|b| b.contains(&format!("--> {loc}\n")) || b.ends_with(&format!("--> {loc}")))
        .unwrap_or_else(|| panic!("nothing at {loc}:\n{}", r.stderr))
        .to_string()
}

#[test]
fn h17_one_footnote_cited_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = edit(
        &plan_text(),
        "mo_dau:\n  - \"Mở đầu.\"",
        "mo_dau:\n  - \"Theo Kế hoạch của thành phố[^kh] và Nghị quyết[^nq].\"\n\
         chu_thich:\n  nq: \"Nghị quyết số 28/NQ-CP.\"\n  kh: \"Kế hoạch số 125/KH-UBND.\"",
    );
    let text = edit(
        &text,
        "yeu_cau: \"Yêu cầu.\"",
        "yeu_cau: \"Bám sát Kế hoạch[^kh]; đúng tiến độ.\"",
    );
    let r = plan(dir.path(), &text);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let docx = r.docx.expect("written");
    let doc = part(&docx, "word/document.xml");
    let notes = part(&docx, "word/footnotes.xml");
    // One note per label, numbered by first reference: kh = 1, nq = 2.
    assert_eq!(notes.matches("<w:footnote ").count(), 4, "2 separators + 2");
    assert_eq!(notes.matches("Kế hoạch số 125/KH-UBND.").count(), 1);
    assert_eq!(doc.matches("<w:footnoteReference ").count(), 2);
    // The first reference to kh sits in a bookmark; the second citation is a NOTEREF field to
    // it (its cached number 1), in the note reference style: it follows when notes are added
    // before it in Word. Never a static number.
    let start = doc
        .find(r#"<w:bookmarkStart w:id="1" w:name="_RefNote1"/>"#)
        .expect("bookmark");
    let reference = doc.find(r#"<w:footnoteReference w:id="1"/>"#).expect("ref");
    let end = doc.find(r#"<w:bookmarkEnd w:id="1"/>"#).expect("end");
    assert!(start < reference && reference < end);
    let field = doc
        .find(r#"<w:instrText xml:space="preserve"> NOTEREF _RefNote1 \f \h </w:instrText>"#)
        .expect("NOTEREF field");
    assert!(field > end, "the field comes after the first reference");
    let after = &doc[field..];
    let sep = after.find(r#"w:fldCharType="separate""#).expect("separate");
    let cached = after.find("<w:t>1</w:t>").expect("cached number");
    let fin = after.find(r#"w:fldCharType="end""#).expect("end");
    assert!(sep < cached && cached < fin);
    assert_eq!(doc.matches("NOTEREF").count(), 1, "nq is cited once");
    // The reader sees `Kế hoạch1;`.
    let text = visible_text(&doc).join("\n");
    assert!(
        squash(&text).contains("Bám sát Kế hoạch1; đúng tiến độ."),
        "{text}"
    );
}

#[test]
fn h23_invisible_characters_through_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let name = "U+00A0, dấu cách không ngắt";
    // After `dia_danh:` (line 5): at the character, never a parse error elsewhere.
    let r = plan(
        dir.path(),
        &edit(
            &plan_text(),
            "dia_danh: \"Nguyễn Trãi\"",
            "dia_danh:\u{a0}Nguyễn Trãi",
        ),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.docx.is_none());
    let d = at(&r, 5, 10);
    assert!(d.contains(name) && d.contains("dấu cách thường"), "{d}");
    assert_eq!(r.stderr.matches("lỗi:").count(), 1, "{}", r.stderr);
    // As the first indent character before a key (line 41): not "missing field".
    let r = plan(
        dir.path(),
        &edit(&plan_text(), "  nguoi_ky: ", "\u{a0} nguoi_ky: "),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(at(&r, 41, 1).contains(name), "{}", r.stderr);
    assert!(!r.stderr.contains("thiếu trường"), "{}", r.stderr);
}

#[test]
fn issue_9_zero_width_characters_in_values_are_shown_and_named() {
    // A zero-width space copied into a value looks right on screen: a message that echoes the
    // value shows it by its code point and names it (the kind of H23, inside quoted values).
    let dir = tempfile::tempdir().expect("tempdir");
    let text = plan_text();
    let date = text
        .lines()
        .find(|l| l.starts_with("ngay_ban_hanh:"))
        .expect("date line")
        .to_string();
    let r = plan(
        dir.path(),
        &edit(&text, &date, "ngay_ban_hanh: \"2025-04-02\u{200b}\""),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.docx.is_none());
    assert!(
        r.stderr.contains("`2025-04-02⟨U+200B⟩`")
            && r.stderr.contains("U+200B, dấu cách độ rộng 0"),
        "{}",
        r.stderr
    );
    // Before `Lưu:` in Nơi nhận: still the Lưu line, not "the last line must be Lưu".
    let r = plan(dir.path(), &edit(&text, "\"Lưu: ", "\"\u{200b}Lưu: "));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("Lưu: VT, …"), "{}", r.stderr);
}

#[test]
fn h25_utf16_input_through_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = plan_text();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [
        ("le-bom.yaml", [&[0xFF, 0xFE][..], &le].concat()),
        ("le.yaml", le.clone()),
        ("be-bom.yaml", [&[0xFE, 0xFF][..], &be].concat()),
    ] {
        let r = run(dir.path(), &["plan"], name, &bytes);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        // Read as Unicode, never a legacy-encoding guess: the Vietnamese text is intact.
        let docx = r.docx.expect("written");
        let seen = visible_text(&part(&docx, "word/document.xml")).join("\n");
        assert!(seen.contains("Trần Thị Long"), "{name}: {seen}");
        assert!(seen.contains("Nguyễn Trãi"), "{name}: {seen}");
        // The input is never rewritten.
        assert_eq!(std::fs::read(&r.file).expect("read"), bytes);
    }
}

#[test]
fn h26_manual_line_break_through_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = edit(&plan_text(), "\"Trần Thị Long\"", "\"Trần Thị\u{b}Long\"");
    let text = edit(&text, "\"Văn phòng\"", "\"Văn\\vphòng\\fmột\\x0Bhai\"");
    let r = plan(dir.path(), &text);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let w = at(&r, 41, 22);
    assert!(w.contains("U+000B") && w.contains("ky.nguoi_ky"), "{w}");
    for (column, code) in [(17, "U+000B"), (24, "U+000C"), (29, "U+000B")] {
        let w = at(&r, 31, column);
        assert!(w.contains(code), "{w}");
    }
    let seen = visible_text(&part(&r.docx.expect("written"), "word/document.xml")).join("\n");
    assert!(seen.contains("Trần Thị Long"), "{seen}");
    assert!(seen.contains("Văn phòng một hai"), "{seen}");
}

#[test]
fn h29_decimal_comma_through_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = plan(
        dir.path(),
        &edit(&plan_text(), "ke_hoach: 40", "ke_hoach: 1,5"),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.docx.is_none());
    let d = at(&r, 21, 23);
    assert!(
        d.contains("muc_tieu[0].noi_dung[0].chi_tieu[0].ke_hoach"),
        "{d}"
    );
    assert!(d.contains("`1,5`") && d.contains("`1.5`"), "{d}");

    // In a unit report: `1,240` is neither 1 nor 1.24 silently.
    let plan_file = dir.path().join("plan.yaml");
    std::fs::write(&plan_file, plan_text()).expect("write");
    let r = run(
        dir.path(),
        &["report", "--plan", &plan_file.to_string_lossy()],
        "tram-y-te.yaml",
        edit(REPORT, "mau_so: 100", "mau_so: 1,240").as_bytes(),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.docx.is_none());
    let d = at(&r, 15, 13);
    assert!(
        d.contains("so_lieu[0].mau_so") && d.contains("`1,240`"),
        "{d}"
    );
    assert!(d.contains("`1240`") && d.contains("`1.24`"), "{d}");
}

#[test]
fn issue_9_an_impossible_date_is_echoed_as_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (typed, why) in [
        ("2025-13-01", "không có tháng 13"),
        ("\"31/02/2025\"", "tháng 2/2025 có 28 ngày"),
        ("\"2024-02-30\"", "tháng 2/2024 có 29 ngày"),
    ] {
        let r = plan(
            dir.path(),
            &edit(
                &plan_text(),
                "ngay_ban_hanh: 2025",
                &format!("ngay_ban_hanh: {typed}"),
            ),
        );
        assert_eq!(r.code, 1, "{}", r.stderr);
        let d = at(&r, 6, 16);
        let shown = typed.trim_matches('"');
        assert!(
            d.contains(&format!("ngày `{shown}` không có thật trong lịch: {why}")),
            "{d}"
        );
    }
}

#[test]
fn issue_9_a_key_at_the_wrong_level_says_where_it_belongs() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A top-level key put under `co_quan:` (line 3).
    let text = edit(&plan_text(), "so_ky_hieu: \"/KH-UBND\"\n", "");
    let text = edit(
        &text,
        "  ban_hanh: [",
        "  so_ky_hieu: \"/KH-UBND\"\n  ban_hanh: [",
    );
    let r = plan(dir.path(), &text);
    let d = at(&r, 3, 3);
    assert!(
        d.contains("`so_ky_hieu` là trường ở cấp ngoài cùng của tệp (viết sát lề trái, không thụt vào), không nằm trong `co_quan:`"),
        "{d}"
    );
    // A key of a group put at the top level.
    let text = edit(&plan_text(), "dia_danh:", "nguoi_ky: \"X\"\ndia_danh:");
    let r = plan(dir.path(), &text);
    assert!(
        at(&r, 5, 1).contains("`nguoi_ky` là trường trong `ky:` (viết thụt vào dưới `ky:`)"),
        "{}",
        r.stderr
    );
    // A unit report's key at the top of a plan.
    let text = format!("{}so_lieu:\n  - ma: MT1.CT1\n", plan_text());
    let r = plan(dir.path(), &text);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let d = at(&r, 42, 1);
    assert!(
        d.contains("`so_lieu` là trường của báo cáo của đơn vị (thư mục `bao-cao/`)"),
        "{d}"
    );
    assert!(!d.contains("so_ky_hieu"), "no misleading did-you-mean: {d}");
    // In a unit report: a plan key under `don_vi:`.
    let plan_file = dir.path().join("plan.yaml");
    std::fs::write(&plan_file, plan_text()).expect("write");
    let r = run(
        dir.path(),
        &["report", "--plan", &plan_file.to_string_lossy()],
        "tram-y-te.yaml",
        edit(
            REPORT,
            "  ten: \"Trạm Y tế phường\"\n",
            "  ten: \"Trạm Y tế phường\"\n  dia_danh: \"X\"\n",
        )
        .as_bytes(),
    );
    assert!(
        at(&r, 4, 3).contains("`dia_danh` là trường ở cấp ngoài cùng của tệp"),
        "{}",
        r.stderr
    );
}

#[test]
fn issue_9_an_unquoted_luu_line_gets_the_quoting_hint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = plan(
        dir.path(),
        &edit(&plan_text(), "  - \"Lưu: VT\"", "  - Lưu: VT"),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let d = at(&r, 37, 5);
    assert!(d.contains("noi_nhan[1]"), "{d}");
    assert!(
        d.contains("dấu `: ` làm YAML đọc `Lưu: VT` thành một cặp khóa–giá trị: đặt cả dòng trong dấu ngoặc kép, `- \"Lưu: VT\"`"),
        "{d}"
    );
}

#[test]
fn issue_9_curly_quoted_luu_line_gets_the_straight_quoted_form() {
    // `- “Lưu: VT”`: Word's curly quotes are no YAML quotes, so the line is read as a key and
    // its value; the hint gives the line in straight quotes, never `"“Lưu: VT”"`.
    let dir = tempfile::tempdir().expect("tempdir");
    let r = plan(
        dir.path(),
        &edit(&plan_text(), "- \"Lưu: VT\"", "- “Lưu: VT”"),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.docx.is_none());
    assert!(r.stderr.contains("`- \"Lưu: VT\"`"), "{}", r.stderr);
    assert!(!r.stderr.contains("\"“"), "{}", r.stderr);
}

/// H24: every `w14:paraId`, bookmark id, note id and drawing id is unique in the package, for
/// every document the binary writes: the plan, the unit reports, the consolidated report and a
/// sample of every kind (`loai`), built as a user does.
#[test]
fn h24_ids_are_unique_in_every_document_the_binary_writes() {
    let ws = crate::support::fixture_workspace();
    let kinds = ws.path().join("vi-du");
    std::fs::create_dir_all(&kinds).expect("mkdir");
    for e in std::fs::read_dir(crate::support::fixture("kinds")).expect("kinds") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, kinds.join(p.file_name().expect("name"))).expect("copy");
    }
    let o = crate::support::vanban(ws.path(), &["build"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = crate::support::vanban(ws.path(), &["render", "vi-du/*.yaml", "-o", "output/vi-du"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut files = Vec::new();
    let mut dirs = vec![ws.path().join("output")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("read output") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "docx") {
                files.push(p);
            }
        }
    }
    // 1 plan + 8 unit reports + 1 consolidated report + every kind's sample.
    assert!(files.len() >= 10 + 10, "{files:?}");
    let mut notes = 0;
    for f in &files {
        let docx = std::fs::read(f).expect("read docx");
        for (part, data) in crate::support::parts(&docx) {
            let xml = String::from_utf8_lossy(&data).to_string();
            let mut seen = std::collections::BTreeSet::new();
            // Each element: its name and its id attributes. A bookmark's end repeats its start's
            // id by design; a footnote reference points at a note's id (another part).
            for element in xml.split('<').skip(1) {
                let tag = element.split('>').next().unwrap_or_default();
                let name = tag.split_whitespace().next().unwrap_or_default();
                if matches!(name, "w:bookmarkEnd" | "w:footnoteReference") {
                    continue;
                }
                for attr in ["w14:paraId=\"", "w:id=\"", " id=\""] {
                    if let Some(rest) = tag.split(attr).nth(1) {
                        let id = rest.split('"').next().unwrap_or_default();
                        if name == "w:footnote" {
                            notes += 1;
                        }
                        let key = format!("{attr}{id}");
                        assert!(
                            seen.insert(key),
                            "{}: {part}: <{name} {attr}{id}\" twice",
                            f.display()
                        );
                    }
                }
            }
        }
    }
    assert!(
        notes > 2 * files.len(),
        "no document with a footnote was checked"
    );
}
