//! Findings of a new user's trial from the README alone (issue 9, "trial"): each test runs the
//! built binary the way the user did.

use std::path::Path;
use std::process::Command;

use crate::support::fixture_workspace;

/// Run the binary in `dir`: (exit code, stdout, stderr).
fn vanban(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run vanban");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).expect("utf-8 stdout"),
        String::from_utf8(o.stderr).expect("utf-8 stderr"),
    )
}

/// Finding 12: results on stdout, diagnostics on stderr; `-q` silences the summary.
#[test]
fn issue_9_trial_results_on_stdout_diagnostics_on_stderr() {
    let w = fixture_workspace();
    let d = w.path();
    let (code, out, err) = vanban(d, &["validate", "data"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("data/ke-hoach-2025.yaml: hợp lệ"), "{out}");
    assert!(!err.contains("hợp lệ"), "{err}");
    // The warnings (typos of the sample plan) are diagnostics.
    assert!(err.contains("cảnh báo"), "{err}");
    assert!(!out.contains("cảnh báo"), "{out}");
    let (code, out, err) = vanban(d, &["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Đã ghi output/ke-hoach-2025.docx"), "{out}");
    assert!(out.contains("Xong: đã ghi"), "{out}");
    assert!(!err.contains("Xong"), "{err}");
    let (code, out, _) = vanban(d, &["-q", "build"]);
    assert_eq!(code, 0);
    assert_eq!(out, "", "-q prints no result");
    // An invalid file: its verdict is a result too, its errors are diagnostics.
    std::fs::write(d.join("data/sai.yaml"), "loai: thong_bao\nso_ky_hieu: [\n").expect("write");
    let (code, out, err) = vanban(d, &["validate", "data/sai.yaml"]);
    assert_eq!(code, 1);
    assert!(out.contains("data/sai.yaml: KHÔNG hợp lệ"), "{out}");
    assert!(err.contains("lỗi:"), "{err}");
}

/// Findings 3, 7, 14: `new` names, a missing input's "did you mean", a Word file as input.
#[test]
fn issue_9_trial_new_and_input_names() {
    let w = tempfile::tempdir().expect("tempdir");
    let d = w.path();
    // `new quyet_dinh` makes quyet-dinh.yaml; `render quyet_dinh.yaml` suggests it.
    let (code, out, err) = vanban(d, &["new", "quyet_dinh"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("vanban render quyet-dinh.yaml"), "{out}");
    for cmd in ["render", "validate"] {
        let (code, _, err) = vanban(d, &[cmd, "quyet_dinh.yaml"]);
        assert_eq!(code, 2, "{cmd}: {err}");
        assert!(
            err.contains("có phải ý bạn là `quyet-dinh.yaml`?"),
            "{cmd}: {err}"
        );
    }
    let (code, _, err) = vanban(d, &["plan", "ke_hoach.yaml"]);
    assert_eq!(code, 2);
    assert!(!err.contains("có phải ý bạn là"), "nothing close: {err}");
    // Again: the error gives an example of another name.
    let (code, _, err) = vanban(d, &["new", "quyet_dinh"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`vanban new quyet_dinh quyet-dinh-2.yaml`"),
        "{err}"
    );
    // A .docx name for the YAML starter: refused, nothing written.
    let (code, _, err) = vanban(d, &["new", "giay_moi", "gm.docx"]);
    assert_eq!(code, 2);
    assert!(err.contains("đuôi `.yaml`"), "{err}");
    assert!(!d.join("gm.docx").exists());
    // A name with spaces is quoted in the printed command; a new folder is made.
    let (code, out, _) = vanban(d, &["new", "thong_bao", "Thông báo họp.yaml"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("vanban render \"Thông báo họp.yaml\""),
        "{out}"
    );
    let (code, _, err) = vanban(d, &["new", "cong_van", "van-ban/cv-01.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(d.join("van-ban/cv-01.yaml").is_file());
    // A Word file given as input: said so, whatever its name.
    let (code, _, err) = vanban(d, &["render", "quyet-dinh.yaml"]);
    assert_eq!(code, 0, "{err}");
    std::fs::copy(d.join("output/quyet-dinh.docx"), d.join("x.yaml")).expect("copy");
    for (cmd, file) in [
        ("render", "output/quyet-dinh.docx"),
        ("validate", "output/quyet-dinh.docx"),
        ("validate", "x.yaml"),
    ] {
        let (code, _, err) = vanban(d, &[cmd, file]);
        assert_eq!(code, 2, "{cmd} {file}: {err}");
        assert!(err.contains("đây là tệp Word"), "{cmd} {file}: {err}");
        assert!(!err.contains("UTF-8"), "{cmd} {file}: {err}");
    }
}

/// Finding 4: the draft's place-and-date line (`…, ngày      tháng      năm 2026`) never wraps:
/// by the layout's own measure (no-break spaces as wide as LibreOffice sets them) it fits the
/// width its paragraph has, with 1 mm to spare, for long place names too.
#[test]
fn issue_9_trial_draft_date_line_fits() {
    use crate::support::{fixture, part};
    use vanban::internals::layout::styled_width_twips;
    use vanban::model::units::Pt;
    let w = tempfile::tempdir().expect("tempdir");
    let d = w.path();
    let base = std::fs::read_to_string(fixture("kinds/thong-bao.yaml")).expect("fixture");
    for place in ["Phường Nguyễn Trãi", "Thành phố Hồ Chí Minh", "Xã Ea H'Leo"] {
        let data = base
            .replace(
                "dia_danh: \"Phường Nguyễn Trãi\"",
                &format!("dia_danh: \"{place}\""),
            )
            .replace("ngay_ban_hanh: \"2025-10-20\"", "ngay_ban_hanh: 2026");
        assert_ne!(data, base);
        std::fs::write(d.join("tb.yaml"), &data).expect("write");
        let (code, _, err) = vanban(d, &["render", "tb.yaml", "-o", "tb.docx", "--force"]);
        assert_eq!(code, 0, "{err}");
        let xml = part(
            &std::fs::read(d.join("tb.docx")).expect("read"),
            "word/document.xml",
        );
        let line = format!("{place}, ngày\u{a0}");
        // The paragraph of the date line: its size and whether it uses the cell margins.
        let at = xml.find(&line).expect("date line");
        let para = &xml[xml[..at].rfind("<w:p>").expect("para")..at];
        let size: f64 = para
            .split("<w:sz w:val=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .expect("size");
        let text = &xml[at..at + xml[at..].find("</w:t>").expect("end")];
        let width = styled_width_twips(text, Pt(size / 2.0), false, true).0;
        // The right column is 5669 twips; 108 twips of cell margin on each side unless the
        // paragraph is indented into them.
        let room = if para.contains("w:left=\"-108\"") {
            5669
        } else {
            5669 - 216
        };
        assert!(
            width + 57 <= room,
            "{place}: {width} twips at {} pt in {room}",
            size / 2.0
        );
    }
}

/// Every word of every table cell of `xml` fits its column (grid width less the cell margins),
/// by the layout's measure: (word, column width, word width) of those that do not.
fn split_words(xml: &str) -> Vec<(String, i32, i32)> {
    use vanban::internals::layout::styled_width_twips;
    use vanban::model::units::Pt;
    let attr = |s: &str, key: &str| -> Option<i32> {
        s.split(key).nth(1)?.split('"').next()?.parse().ok()
    };
    let mut bad = Vec::new();
    for tbl in xml.split("<w:tbl>").skip(1) {
        let grid: Vec<i32> = tbl
            .split("<w:gridCol ")
            .skip(1)
            .filter_map(|g| attr(g, "w:w=\""))
            .collect();
        for tr in tbl.split("<w:tr>").skip(1) {
            let tr = tr.split("</w:tr>").next().unwrap_or_default();
            if tr.contains("w:gridSpan") || tr.contains("<w:tbl>") {
                continue;
            }
            for (i, tc) in tr.split("<w:tc>").skip(1).enumerate() {
                let Some(&col) = grid.get(i) else { continue };
                for run in tc.split("<w:r>").skip(1) {
                    let bold = run.contains("<w:b/>");
                    let italic = run.contains("<w:i/>");
                    let size = attr(run, "<w:sz w:val=\"").unwrap_or(24);
                    let Some(text) = run.split("<w:t xml:space=\"preserve\">").nth(1) else {
                        continue;
                    };
                    let text = text.split("</w:t>").next().unwrap_or_default();
                    for word in text.split_whitespace() {
                        let wd =
                            styled_width_twips(word, Pt(f64::from(size) / 2.0), bold, italic).0;
                        if wd > col - 216 {
                            bad.push((word.to_string(), col, wd));
                        }
                    }
                }
            }
        }
    }
    bad
}

/// Finding 5: no word of a table cell is wider than its column (`bé trai/100 bé gái` in the
/// unit report's Đơn vị tính column), in the unit reports and the consolidated report.
#[test]
fn issue_9_trial_table_columns_fit_their_words() {
    use crate::support::part;
    let w = fixture_workspace();
    let d = w.path();
    let (code, _, err) = vanban(d, &["-q", "build"]);
    assert_eq!(code, 0, "{err}");
    let mut docs = vec![d.join("output/bao-cao-tong-hop-2025.docx")];
    for e in std::fs::read_dir(d.join("output/bao-cao")).expect("output/bao-cao") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "docx") {
            docs.push(p);
        }
    }
    let tram = std::fs::read(d.join("output/bao-cao/tram-y-te.docx")).expect("read");
    assert!(part(&tram, "word/document.xml").contains("trai/100"));
    for doc in docs {
        let xml = part(&std::fs::read(&doc).expect("read"), "word/document.xml");
        assert_eq!(split_words(&xml), vec![], "{}", doc.display());
    }
}

/// Finding 2: a template saved under a slightly wrong name is named with the right one; `-v`
/// does not name a file for a built-in template; `vanban templates` (`mau`) writes the built-in
/// templates to edit, never over a file.
#[test]
fn issue_9_trial_template_names_and_templates_command() {
    let w = fixture_workspace();
    let d = w.path();
    let plan = "data/ke-hoach-2025.yaml";
    std::fs::create_dir_all(d.join("templates")).expect("mkdir");
    for bad in ["ke_hoach.md.hbs", "ke-hoach.md.hbs.txt", "bao-cao.hbs"] {
        std::fs::write(d.join("templates").join(bad), "x\n").expect("write");
    }
    // A partial with another name is no mistake.
    std::fs::write(d.join("templates/chu-ky-rieng.md.hbs"), "x\n").expect("write");
    let (code, _, err) = vanban(d, &["-v", "plan", plan, "-o", "a.docx"]);
    assert_eq!(code, 0, "{err}");
    for (bad, good) in [
        ("ke_hoach.md.hbs", "ke-hoach.md.hbs"),
        ("ke-hoach.md.hbs.txt", "ke-hoach.md.hbs"),
        ("bao-cao.hbs", "bao-cao.md.hbs"),
    ] {
        assert!(
            err.contains(&format!(
                "tệp `templates/{bad}` không phải tên mẫu nào (bị bỏ qua); có phải ý bạn là `{good}`?"
            )),
            "{bad}: {err}"
        );
    }
    assert!(!err.contains("chu-ky-rieng"), "{err}");
    assert!(
        err.contains("mẫu `ke-hoach` (mẫu có sẵn trong chương trình)"),
        "{err}"
    );
    assert!(!err.contains("từ templates/ke-hoach.md.hbs"), "{err}");

    // `vanban mau ke_hoach` writes the built-in plan template, which is then used.
    let (code, out, err) = vanban(d, &["mau", "ke_hoach"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Đã ghi templates/ke-hoach.md.hbs"), "{out}");
    let builtin = vanban::builtin_templates()
        .iter()
        .find(|(n, _, _)| *n == "ke-hoach")
        .expect("ke-hoach")
        .2;
    let written = std::fs::read_to_string(d.join("templates/ke-hoach.md.hbs")).expect("read");
    assert_eq!(written, builtin);
    let edited = written.replacen("# I.", "Đoạn của phường.\n\n# I.", 1);
    assert_ne!(edited, written);
    std::fs::write(d.join("templates/ke-hoach.md.hbs"), &edited).expect("edit");
    let (code, _, err) = vanban(d, &["-v", "plan", plan, "-o", "b.docx"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("mẫu `ke-hoach` từ templates/ke-hoach.md.hbs"),
        "{err}"
    );
    // Again, and all of them: the edited file is kept, with a warning; the others are written.
    let (code, out, err) = vanban(d, &["templates"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("tệp mẫu đã có, giữ nguyên"), "{err}");
    assert!(out.contains("Đã ghi templates/bao-cao.md.hbs"), "{out}");
    assert_eq!(
        std::fs::read_to_string(d.join("templates/ke-hoach.md.hbs")).expect("read"),
        edited
    );
    // Another folder; an unknown name is a usage error with the closest name.
    let (code, _, err) = vanban(d, &["templates", "bao_cao", "-o", "mau-khac"]);
    assert_eq!(code, 0, "{err}");
    assert!(d.join("mau-khac/bao-cao.md.hbs").is_file());
    let (code, _, err) = vanban(d, &["mau", "kehaoch"]);
    assert_eq!(code, 2);
    assert!(err.contains("có phải ý bạn là `ke-hoach`?"), "{err}");
}

/// Finding 6: an untouched starter's placeholders are located warnings, counted by `validate`;
/// the starter's draft year is the current year; the quyết định starter cites the law of 2025.
#[test]
fn issue_9_trial_starter_placeholders_are_warned() {
    let w = tempfile::tempdir().expect("tempdir");
    let d = w.path();
    let (code, _, err) = vanban(d, &["new", "quyet_dinh"]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(d.join("quyet-dinh.yaml")).expect("read");
    assert!(
        text.contains(
            "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025"
        ),
        "{text}"
    );
    assert!(!text.contains("năm 2015"), "{text}");
    // The draft year is this year (whatever it is): the file's own, at least 2025.
    let year: i32 = text
        .lines()
        .find_map(|l| l.strip_prefix("ngay_ban_hanh: "))
        .and_then(|y| y.trim().parse().ok())
        .expect("ngay_ban_hanh: YEAR");
    assert!(year >= 2025, "{year}");
    let marks = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| l.matches('«').count())
        .sum::<usize>();
    let (code, out, err) = vanban(d, &["validate", "quyet-dinh.yaml"]);
    assert_eq!(code, 0, "{err}");
    let warned = err.matches("cảnh báo: chỗ «…» chưa được sửa").count();
    assert_eq!(warned, marks, "one warning per placeholder value\n{err}");
    assert!(err.contains("--> quyet-dinh.yaml:"), "{err}");
    assert!(err.contains("= trường: dia_danh"), "{err}");
    assert!(
        out.contains(&format!(
            "quyet-dinh.yaml: hợp lệ, nhưng còn {marks} chỗ «…» chưa sửa"
        )),
        "{out}"
    );
    // Filled in: no more warning, plain "hợp lệ".
    let filled: String = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with('#') {
                l.to_string()
            } else {
                l.replace(['«', '»'], "")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(d.join("quyet-dinh.yaml"), filled).expect("write");
    let (code, out, err) = vanban(d, &["validate", "quyet-dinh.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("chỗ «…»"), "{err}");
    assert!(out.contains("quyet-dinh.yaml: hợp lệ\n"), "{out}");
}

/// Finding 13: `Lưu VT, VHXH` (no colon) as the last recipient is a located error with the fix.
#[test]
fn issue_9_trial_luu_without_colon_is_an_error() {
    use crate::support::fixture;
    let w = tempfile::tempdir().expect("tempdir");
    let d = w.path();
    let base = std::fs::read_to_string(fixture("kinds/thong-bao.yaml")).expect("fixture");
    let (n, line) = base
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"Lưu: "))
        .expect("a Lưu: line");
    let bad = base.replace(line, &line.replace("Lưu: ", "Lưu "));
    std::fs::write(d.join("tb.yaml"), bad).expect("write");
    let (code, _, err) = vanban(d, &["validate", "tb.yaml"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("thiếu dấu `:` sau `Lưu`"), "{err}");
    assert!(err.contains(&format!("--> tb.yaml:{}:", n + 1)), "{err}");
    assert!(err.contains("viết `\"Lưu: "), "{err}");
    assert!(!d.join("output").exists());
}

/// Replace `from` (which must be there) by `to` in `text`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

/// Findings 8, 9, 10, 15 (Tab): the messages of common slips, told by what was written and
/// located where the slip is.
#[test]
fn issue_9_trial_messages_of_common_slips() {
    use crate::support::{fixture, fixture_workspace};
    let w = fixture_workspace();
    let d = w.path();
    let plan = std::fs::read_to_string(fixture("ke-hoach-2025.yaml")).expect("plan");
    let tram = std::fs::read_to_string(fixture("bao-cao/tram-y-te.yaml")).expect("report");
    let mat_tran = std::fs::read_to_string(fixture("bao-cao/mat-tran.yaml")).expect("report");
    let line_of =
        |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).expect("line") + 1;
    // (file text, expected location `:line:column`, expected text in the message or hint,
    // text that must not be there).
    let dia_danh_line = line_of(&tram, "dia_danh:");
    let cases: Vec<(String, String, Vec<&str>, &str)> = vec![
        (
            edit(&tram, "so_buoi: 6", "so_buoi: -6"),
            format!(":{}:", line_of(&tram, "so_buoi: 6")),
            vec!["cần số nguyên từ 0 trở lên, viết liền, ví dụ 12"],
            "u64",
        ),
        (
            edit(&tram, "dia_danh: \"Phường", "dia_danh \"Phường"),
            format!(":{dia_danh_line}:9"),
            vec![
                "thiếu dấu `:` sau `dia_danh`",
                "viết `dia_danh: \"Phường Nguyễn Trãi\"`",
            ],
            "simple key",
        ),
        (
            edit(&plan, "don_vi_tinh: \"%\"", "don_vi_tinh: %"),
            format!(":{}:", line_of(&plan, "don_vi_tinh: \"%\"")),
            vec!["viết `don_vi_tinh: \"%\"`"],
            "unexpected character",
        ),
        (
            edit(&plan, "ke_hoach: 40", "ke_hoach: 50%"),
            format!(":{}:", line_of(&plan, "ke_hoach: 40")),
            vec!["viết `ke_hoach: 50`; dấu % ghi ở `don_vi_tinh`"],
            "README (mục Định dạng YAML)",
        ),
        (
            edit(&mat_tran, "hoan_thanh: true", "hoan_thanh: có"),
            format!(":{}:", line_of(&mat_tran, "hoan_thanh: true")),
            vec!["viết `hoan_thanh: true` (có, đã hoàn thành) hoặc `hoan_thanh: false`"],
            "README (mục",
        ),
        (
            edit(&tram, "tu_so: 52", "tu_so: \"2.300\""),
            format!(":{}:", line_of(&tram, "tu_so: 52")),
            vec!["không dấu chấm, dấu phẩy hay dấu cách hàng nghìn: `tu_so: 2300`"],
            "README (mục",
        ),
        (
            edit(&tram, "mau_so: 50", "mau_so: 1 850"),
            format!(":{}:", line_of(&tram, "mau_so: 50")),
            vec!["`mau_so: 1850`"],
            "README (mục",
        ),
        (
            edit(&tram, "so_buoi: 6", "so_buoi: nhiều"),
            format!(":{}:", line_of(&tram, "so_buoi: 6")),
            vec!["README, mục “Báo cáo đơn vị”"],
            "mục Định dạng YAML",
        ),
        (
            edit(&mat_tran, "    hoan_thanh: true", "    tu_so: 1"),
            format!(":{}:", line_of(&mat_tran, "hoan_thanh: true")),
            vec![
                "tính theo định tính: không dùng trường `tu_so`",
                "= trường: so_lieu[2].tu_so",
            ],
            "trường này",
        ),
        (
            edit(
                &tram,
                "trich_yeu: \"Kết quả",
                "trich_yeu: \"Về việc \"kiểm tra\" kết quả",
            ),
            format!(":{}:12", line_of(&tram, "trich_yeu:")),
            vec![
                "bên trong giá trị đã đóng chuỗi quá sớm",
                "“…”",
                "trich_yeu: 'Về việc \"kiểm tra\" kết quả",
            ],
            "chưa được đóng",
        ),
        (
            edit(&tram, "don_vi:\n  ma:", "don_vi:\n\tma:"),
            format!(":{}:1", line_of(&tram, "don_vi:") + 1),
            vec!["dùng ký tự Tab để thụt lề"],
            ":2\n",
        ),
    ];
    for (i, (text, at, wanted, unwanted)) in cases.iter().enumerate() {
        let file = format!("data/bao-cao/sai-{i}.yaml");
        let file = if text.contains("nhiem_vu:") {
            format!("sai-{i}.yaml")
        } else {
            file
        };
        std::fs::write(d.join(&file), text).expect("write");
        let (code, _, err) = vanban(d, &["validate", &file, "--plan", "data/ke-hoach-2025.yaml"]);
        assert_eq!(code, 1, "{i}: {err}");
        assert!(err.contains(&format!("--> {file}{at}")), "{i}: {at}\n{err}");
        for x in wanted {
            assert!(err.contains(x), "{i}: {x}\n{err}");
        }
        assert!(!err.contains(unwanted), "{i}: {unwanted}\n{err}");
        // One error; the qualitative indicator without `hoan_thanh` has its second, real one.
        let errors = if wanted[0].contains("định tính") {
            2
        } else {
            1
        };
        assert_eq!(err.matches("lỗi:").count(), errors, "{i}\n{err}");
        std::fs::remove_file(d.join(&file)).expect("remove");
    }
    // Curly quotes around a whole value: accepted, with a located warning.
    let file = "data/bao-cao/cong.yaml";
    let text = edit(
        &tram,
        "trich_yeu: \"Kết quả thực hiện công tác bình đẳng giới trong lĩnh vực y tế năm 2025\"",
        "trich_yeu: “Kết quả thực hiện công tác bình đẳng giới trong lĩnh vực y tế năm 2025”",
    );
    std::fs::write(d.join(file), text).expect("write");
    let (code, _, err) = vanban(d, &["validate", file]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("ngoặc kép cong “…”: hai dấu này sẽ được in ra"),
        "{err}"
    );
    assert!(
        err.contains(&format!("--> {file}:{}:12", line_of(&tram, "trich_yeu:"))),
        "{err}"
    );
    assert!(err.contains("dùng ngoặc kép thẳng: `\"Kết quả"), "{err}");
}

/// Finding 15: one error for one mistake — a no-break space in the indentation, a file of
/// another kind, a wrong output name (before anything about the data); the agency column's
/// widths said as the README says them.
#[test]
fn issue_9_trial_one_error_for_one_mistake() {
    use crate::support::{fixture, fixture_workspace};
    let w = fixture_workspace();
    let d = w.path();
    let tram = std::fs::read_to_string(fixture("bao-cao/tram-y-te.yaml")).expect("report");
    for (from, to) in [
        ("    tu_so: 52", "\u{a0}   tu_so: 52"),
        ("  - ma: \"MT4.CT1\"", "\u{a0} - ma: \"MT4.CT1\""),
    ] {
        std::fs::write(d.join("data/bao-cao/tram-y-te.yaml"), edit(&tram, from, to))
            .expect("write");
        let (code, _, err) = vanban(d, &["validate", "data/bao-cao/tram-y-te.yaml"]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("ký tự vô hình U+00A0"), "{err}");
        assert_eq!(err.matches("lỗi:").count(), 1, "{to:?}\n{err}");
    }
    std::fs::write(d.join("data/bao-cao/tram-y-te.yaml"), &tram).expect("restore");
    // The envelope given to `plan`: only what it is.
    let (code, _, err) = vanban(d, &["plan", "data/tong-hop-2025.yaml"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("lỗi: tệp này là tệp thông tin báo cáo tổng hợp"),
        "{err}"
    );
    assert_eq!(err.matches("lỗi:").count(), 1, "{err}");
    // A wrong output name: refused before the data is read (no warning about it).
    for args in [
        vec!["plan", "data/ke-hoach-2025.yaml", "-o", "x.yaml"],
        vec![
            "report",
            "data/bao-cao/tram-y-te.yaml",
            "--plan",
            "data/ke-hoach-2025.yaml",
            "-o",
            "x.yaml",
        ],
        vec![
            "consolidate",
            "--plan",
            "data/ke-hoach-2025.yaml",
            "data/bao-cao",
            "-o",
            "x.yaml",
        ],
    ] {
        let (code, _, err) = vanban(d, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.starts_with("lỗi: tệp kết quả phải có đuôi .docx"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("cảnh báo"), "{args:?}: {err}");
    }
    // The agency column: 78,5 mm wide, 74,7 mm for text — both in the warning, as in the README.
    let (_, _, err) = vanban(d, &["validate", "data/bao-cao/tram-y-te.yaml"]);
    assert!(
        err.contains("chỗ viết chữ của cột tên cơ quan chỉ rộng 74,7 mm (cột rộng 78,5 mm, trừ lề ô hai bên)"),
        "{err}"
    );
    let readme = std::fs::read_to_string(crate::support::repo("README.md")).expect("README");
    assert!(
        readme.contains("cột rộng 78,5 mm; chỗ viết chữ 74,7 mm"),
        "README"
    );
}
