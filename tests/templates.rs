//! User templates (`--templates DIR`), through the binary: every name a template reads is a
//! field of its document kind (H16), groups and lists are not printed as values (H20), triple
//! braces are refused (H21), nesting is bounded (H27), syntax errors are Vietnamese and located.

use std::path::PathBuf;
use std::process::Command;

use crate::support::*;

/// The result of one run: exit code, stderr, the output file when one was written.
struct Run {
    code: i32,
    stderr: String,
    docx: Option<Vec<u8>>,
}

/// `vanban <args…> -o OUT --templates DIR` with `files` written into DIR.
fn run(args: &[&str], files: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    let templates = dir.path().join("mau");
    std::fs::create_dir(&templates).expect("mkdir");
    for (name, text) in files {
        std::fs::write(templates.join(name), text).expect("write template");
    }
    let out = dir.path().join("out.docx");
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(
            args.iter()
                .map(|a| a.replace("{ROOT}", &root().to_string_lossy())),
        )
        .arg("-o")
        .arg(&out)
        .arg("--templates")
        .arg(&templates)
        .output()
        .expect("run vanban");
    Run {
        code: o.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&o.stderr).to_string(),
        docx: std::fs::read(&out).ok(),
    }
}

const PLAN: &[&str] = &["plan", "{ROOT}/tests/fixtures/ke-hoach-2025.yaml"];
const REPORT: &[&str] = &[
    "report",
    "--plan",
    "{ROOT}/tests/fixtures/ke-hoach-2025.yaml",
    "{ROOT}/tests/fixtures/bao-cao/tram-y-te.yaml",
];

fn plan_with(template: &str) -> Run {
    run(PLAN, &[("ke-hoach.md.hbs", template)])
}

/// The error lines of stderr (`lỗi: …`, its location and hint), warnings left out.
fn errors(stderr: &str) -> String {
    stderr
        .split("\n\n")
        .filter(|b| b.trim_start().starts_with("lỗi"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Exit 1, no file, and `expected` (message, `file:line:column`, hint) among the errors.
#[track_caller]
fn assert_refused(r: &Run, expected: &[&str]) {
    let e = errors(&r.stderr);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.docx.is_none(), "no file is written");
    for x in expected {
        assert!(e.contains(x), "{x:?} not in:\n{e}");
    }
}

fn document_xml(r: &Run) -> String {
    let docx = r.docx.as_ref().unwrap_or_else(|| panic!("{}", r.stderr));
    part(docx, "word/document.xml")
}

#[test]
fn h16_misspelt_name_in_a_block_helper() {
    // The case as given.
    let r = plan_with(
        "{{#each mo_dau}}\n{{dinh_dang this}}\n\n{{/each}}\n{{#if yeu_cauu}}**2\\. Yêu cầu:** {{dinh_dang yeu_cau}}{{/if}}\n",
    );
    assert_refused(
        &r,
        &[
            "mẫu `ke-hoach` dùng tên `yeu_cauu`, nhưng dữ liệu không có trường `yeu_cauu`",
            "ke-hoach.md.hbs:5:7",
            "có phải ý bạn là `yeu_cau`?",
        ],
    );
    assert_eq!(errors(&r.stderr).matches("lỗi:").count(), 1, "{}", r.stderr);

    // Every place a name is read: #unless, #each (this.x, ../x, block params), #with, lookup,
    // helper arguments, subexpressions.
    for (template, name, at, suggestion) in [
        (
            "{{#unless kinh_phii}}x{{/unless}}",
            "kinh_phii",
            "1:11",
            "kinh_phi",
        ),
        (
            "{{#each muc_dichh}}{{this}}{{/each}}",
            "muc_dichh",
            "1:9",
            "muc_dich",
        ),
        (
            "{{#each muc_tieu}}\n{{#each noi_dung}}{{this.van_bann}}{{/each}}{{/each}}",
            "this.van_bann",
            "2:26",
            "van_ban",
        ),
        (
            "{{#each muc_tieu}}{{#each noi_dung}}{{../tieu_dee}}{{/each}}{{/each}}",
            "../tieu_dee",
            "1:42",
            "tieu_de",
        ),
        (
            "{{#each muc_tieu}}{{#each noi_dung}}{{../../dia_dan}}{{/each}}{{/each}}",
            "../../dia_dan",
            "1:45",
            "dia_danh",
        ),
        (
            "{{#each muc_tieu as |muc i|}}{{muc.tieu_dde}}{{/each}}",
            "muc.tieu_dde",
            "1:36",
            "tieu_de",
        ),
        (
            "{{#with ky}}{{nguoi_kyy}}{{/with}}",
            "nguoi_kyy",
            "1:15",
            "nguoi_ky",
        ),
        ("{{lookup muc_dichh 0}}", "muc_dichh", "1:10", "muc_dich"),
        (
            "{{ngay ngay_ban_hanhh}}",
            "ngay_ban_hanhh",
            "1:8",
            "ngay_ban_hanh",
        ),
        (
            "{{@root.co_quan.ban_hanhh}}",
            "@root.co_quan.ban_hanhh",
            "1:17",
            "ban_hanh",
        ),
        (
            "{{#if (eq dia_danhh \"x\")}}y{{/if}}",
            "dia_danhh",
            "1:11",
            "dia_danh",
        ),
        (
            "{{#each to_chuc_thuc_hien}}{{#if noi_dungg}}x{{/if}}{{/each}}",
            "noi_dungg",
            "1:34",
            "noi_dung",
        ),
    ] {
        let r = plan_with(template);
        assert_refused(
            &r,
            &[
                &format!("dùng tên `{name}`"),
                &format!("ke-hoach.md.hbs:{at}"),
                &format!("có phải ý bạn là `{suggestion}`?"),
            ],
        );
    }

    // Optional fields stay allowed when one data file leaves them out (`loai`, `noi_dung` of
    // an assignment, `tieu_de_phai`), as do the keys of list items and footnote labels.
    let ok = plan_with(
        "{{#if loai}}{{loai}}{{/if}}{{#if co_quan.tieu_de_phai}}x{{/if}}\n\n\
         {{#each to_chuc_thuc_hien}}{{#if noi_dung}}{{dinh_dang noi_dung}}{{/if}} {{don_vi}}\n\n{{/each}}\
         {{#each muc_tieu}}{{#each noi_dung}}{{#each chi_tieu}}{{ma}} {{#if he_so}}{{he_so}}{{/if}}\n\n{{/each}}{{/each}}{{/each}}\
         {{#each mo_dau}}{{dinh_dang this}}\n\n{{/each}}\
         {{#each chu_thich}}[^{{@key}}]: {{dinh_dang this}}\n{{/each}}",
    );
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(document_xml(&ok).contains("MT1.CT1"));

    // Another document kind: the unit report's own fields (not the plan's).
    let r = run(
        REPORT,
        &[(
            "bao-cao.md.hbs",
            "{{#each ket_qua}}{{tieu_dee}}{{/each}}\n\n{{bang_chi_tieu}}\n",
        )],
    );
    assert_refused(
        &r,
        &[
            "mẫu `bao-cao` dùng tên `tieu_dee`",
            "bao-cao.md.hbs:1:20",
            "có phải ý bạn là `tieu_de`?",
        ],
    );
    // A name of the plan's data is no field of the report.
    let r = run(REPORT, &[("bao-cao.md.hbs", "{{yeu_cau}}\n")]);
    assert_refused(
        &r,
        &["dữ liệu không có trường `yeu_cau`", "bao-cao.md.hbs:1:3"],
    );

    // A partial is checked where it is included, against the data it sees there.
    let r = run(
        PLAN,
        &[
            ("ke-hoach.md.hbs", "{{#each muc_tieu}}{{> muc}}{{/each}}\n"),
            ("muc.md.hbs", "{{tieu_de}}\n{{tieu_dee}}\n"),
        ],
    );
    assert_refused(
        &r,
        &[
            "dùng tên `tieu_dee`",
            "muc.md.hbs:2:3",
            "có phải ý bạn là `tieu_de`?",
        ],
    );
    // A partial is a level of its own (`../../` from inside it reaches the root), and its
    // hash values are names inside it: the check agrees with what handlebars fills.
    let outer = "{{#each muc_tieu}}{{> muc nhan=../dia_danh}}\n\n{{/each}}";
    let ok = run(
        PLAN,
        &[
            ("ke-hoach.md.hbs", outer),
            (
                "muc.md.hbs",
                "Mục: {{tieu_de}} tại {{nhan}} / {{../../dia_danh}}",
            ),
        ],
    );
    let text = visible_text(&document_xml(&ok));
    assert!(
        text.iter()
            .any(|l| l.starts_with("Mục: Mục tiêu 1")
                && l.ends_with("tại Nguyễn Trãi / Nguyễn Trãi")),
        "{text:?}"
    );
    let r = run(
        PLAN,
        &[
            ("ke-hoach.md.hbs", outer),
            ("muc.md.hbs", "{{nhann}} {{../dia_danh}}"),
        ],
    );
    assert_refused(
        &r,
        &[
            "dùng tên `nhann`",
            "có phải ý bạn là `nhan`?",
            "dùng tên `../dia_danh`, nhưng dữ liệu không có trường `dia_danh` (ở mỗi mục của `muc_tieu`)",
        ],
    );
}

#[test]
fn h16_other_kinds_through_render() {
    // A thông báo (van-ban) and a giấy mời: their own keys, with the ones vanban adds.
    let dir = tempfile::tempdir().expect("tempdir");
    let t = dir.path().join("mau");
    std::fs::create_dir(&t).expect("mkdir");
    std::fs::write(
        t.join("van-ban.md.hbs"),
        "{{markdown noi_dung}}\n\n{{ky.chuc_vuu}}\n",
    )
    .expect("write");
    std::fs::write(t.join("giay-moi.md.hbs"), "{{loi_moi}}\n\n{{dia_diemm}}\n").expect("write");
    for (kind, expected) in [
        ("thong-bao", "van-ban.md.hbs:3:6"),
        ("giay-moi", "giay-moi.md.hbs:3:3"),
    ] {
        let out = dir.path().join(format!("{kind}.docx"));
        let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("render")
            .arg(fixture(&format!("kinds/{kind}.yaml")))
            .arg("-o")
            .arg(&out)
            .arg("--templates")
            .arg(&t)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(expected), "{expected} in {stderr}");
        assert!(stderr.contains("có phải ý bạn là"), "{stderr}");
        assert!(!out.exists());
    }
}

#[test]
fn h20_list_or_group_printed_as_a_value() {
    // A text given as lines prints as text, its lines kept as line breaks; never `[…]`.
    let r = plan_with("Về: {{trich_yeu}}\n\nCơ quan: {{co_quan.ban_hanh}}\n");
    let xml = document_xml(&r);
    let text = visible_text(&xml);
    assert!(
        !text.iter().any(|l| l.contains('[') || l.contains("object")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|l| l
            == "Về: Triển khai thực hiện Chiến lược quốc gia về bình đẳng giới\ntrên địa bàn phường Nguyễn Trãi năm 2025"),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|l| l == "Cơ quan: ỦY BAN NHÂN DÂN\nPHƯỜNG NGUYỄN TRÃI"),
        "{text:?}"
    );
    // A group, a list, a list of groups, a map: an error with the right form.
    for (template, message, at, form) in [
        (
            "Ký: {{ky}}",
            "in `{{ky}}`, nhưng `ky` là một nhóm trường",
            "1:7",
            "`{{ky.nguoi_ky}}`",
        ),
        (
            "{{co_quan}}",
            "`co_quan` là một nhóm trường",
            "1:3",
            "`{{co_quan.ban_hanh}}`",
        ),
        (
            "{{muc_dich}}",
            "`muc_dich` là một danh sách",
            "1:3",
            "`{{#each muc_dich}}{{this}}{{/each}}`",
        ),
        (
            "{{#each muc_tieu}}{{noi_dung}}{{/each}}",
            "`noi_dung` là một danh sách",
            "1:21",
            "`{{#each noi_dung}}{{van_ban}}{{/each}}`",
        ),
        (
            "{{chu_thich}}",
            "`chu_thich` là một bảng nhãn",
            "1:3",
            "`{{#each chu_thich}}{{@key}}: {{this}}{{/each}}`",
        ),
        (
            "{{dinh_dang ky}}",
            "đưa `ky` vào hàm `dinh_dang`",
            "1:13",
            "`{{ky.nguoi_ky}}`",
        ),
        (
            "{{#each muc_tieu}}{{this}}{{/each}}",
            "`this` là một nhóm trường",
            "1:21",
            "`{{tieu_de}}`",
        ),
        (
            "{{#each dia_danh}}x{{/each}}",
            "`{{#each dia_danh}}`, nhưng `dia_danh` là một giá trị, không phải một danh sách",
            "1:9",
            "{{#if dia_danh}}",
        ),
    ] {
        let r = plan_with(template);
        assert_refused(&r, &[message, &format!("ke-hoach.md.hbs:{at}"), form]);
    }
}

#[test]
fn h21_triple_braces_are_refused_when_the_template_loads() {
    let r = plan_with("{{#each mo_dau}}{{this}}\n\n{{/each}}\nA: {{{dia_danh}}}\n");
    assert_refused(
        &r,
        &[
            "mẫu `ke-hoach` dùng ba dấu ngoặc `{{{dia_danh}}}`",
            "ke-hoach.md.hbs:4:4",
            "viết `{{dia_danh}}` (in nguyên văn) hoặc `{{dinh_dang dia_danh}}`",
        ],
    );
    // In a block, in a partial, in another kind's template: the same.
    let r = run(
        REPORT,
        &[
            ("bao-cao.md.hbs", "{{#each kho_khan}}{{> dong}}{{/each}}\n"),
            ("dong.md.hbs", "- {{{this}}}\n"),
        ],
    );
    assert_refused(&r, &["ba dấu ngoặc `{{{this}}}`", "dong.md.hbs:1:3"]);
    // The data never becomes formatting: with `{{dia_danh}}` the value is literal text.
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("ke-hoach.yaml");
    let seed = std::fs::read_to_string(fixture("ke-hoach-2025.yaml")).expect("read");
    let seed = seed.replacen(
        "dia_danh: \"Nguyễn Trãi\"",
        "dia_danh: \"**Đậm** [^1] # y\"",
        1,
    );
    assert!(seed.contains("**Đậm**"), "fixture has dia_danh");
    std::fs::write(&data, seed).expect("write");
    let r = run(
        &["plan", &data.to_string_lossy()],
        &[("ke-hoach.md.hbs", "A: {{dia_danh}}\n")],
    );
    let text = visible_text(&document_xml(&r));
    assert!(text.iter().any(|l| l == "A: **Đậm** [^1] # y"), "{text:?}");
}

#[test]
fn h27_depth_of_a_user_template_is_bounded() {
    let deep = format!(
        "{}x{}",
        "{{#if yeu_cau}}\n".repeat(5000),
        "{{/if}}".repeat(5000)
    );
    let r = plan_with(&deep);
    assert_refused(
        &r,
        &[
            "mẫu `ke-hoach` lồng khối quá sâu: quá 40 tầng tại đây",
            "ke-hoach.md.hbs:41:1",
            "mẫu con",
        ],
    );
    // Subexpressions too.
    let deep = format!(
        "{{{{#if {}yeu_cau{}}}}}x{{{{/if}}}}",
        "(not ".repeat(5000),
        ")".repeat(5000)
    );
    let r = plan_with(&deep);
    assert_refused(&r, &["lồng biểu thức con quá sâu", "ke-hoach.md.hbs:1:"]);
    // Partials that include each other would recurse without end when filled.
    let r = run(
        PLAN,
        &[
            ("ke-hoach.md.hbs", "{{> a}}\n"),
            ("a.md.hbs", "x {{> b}}\n"),
            ("b.md.hbs", "y\n{{> a}}\n"),
        ],
    );
    assert_refused(
        &r,
        &[
            "mẫu con `a` được chèn lại bên trong chính nó: a → b → a",
            "b.md.hbs:2:5",
        ],
    );
    // 40 levels are fine.
    let ok = format!("{}x{}", "{{#if yeu_cau}}".repeat(40), "{{/if}}".repeat(40));
    let r = plan_with(&ok);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn issue_9_template_syntax_errors_are_vietnamese_and_point_at_the_opening_tag() {
    for (template, message, at, hint) in [
        (
            "{{#if yeu_cau}}\n  {{#each muc_dich}}\nx\n{{/if}}\n",
            "khối `{{#each}}` mở ở dòng 2 của mẫu `ke-hoach` chưa được đóng thì đã gặp `{{/if}}` ở dòng 4",
            "ke-hoach.md.hbs:2:3",
            "thêm `{{/each}}` trước `{{/if}}`",
        ),
        (
            "a\n{{#with ky}}\n{{nguoi_ky}}\n",
            "khối `{{#with}}` mở ở dòng 2 của mẫu `ke-hoach` nhưng không được đóng",
            "ke-hoach.md.hbs:2:1",
            "thêm `{{/with}}`",
        ),
        (
            "x\n{{/each}}\n",
            "`{{/each}}` của mẫu `ke-hoach` đóng một khối chưa được mở",
            "ke-hoach.md.hbs:2:1",
            "xóa `{{/each}}`",
        ),
        (
            "Địa danh: {{dia_danh}\n",
            "thẻ `{{dia_danh}` của mẫu `ke-hoach` không được đóng bằng `}}`",
            "ke-hoach.md.hbs:1:11",
            "mỗi thẻ mở bằng `{{`",
        ),
        (
            "{{#if yeu_cau}}a{{else}}b{{else}}c{{/if}}",
            "mẫu `ke-hoach` viết sai cú pháp handlebars ở thẻ `{{else}}`",
            "ke-hoach.md.hbs:1:",
            "một thẻ là",
        ),
        (
            "{{#iff yeu_cau}}x{{/iff}}",
            "mẫu `ke-hoach` gọi khối `iff` không tồn tại",
            "ke-hoach.md.hbs:1:4",
            "có phải ý bạn là `if`?",
        ),
    ] {
        let r = plan_with(template);
        assert_refused(&r, &[message, at, hint]);
        for english in ["expected", "invalid", "helper", "Template"] {
            assert!(!errors(&r.stderr).contains(english), "{}", r.stderr);
        }
    }
}

#[test]
fn issue_9_an_optional_field_left_out_names_a_key_the_data_accepts() {
    // `loai` is optional in a plan; printed without `#if` when the file leaves it out.
    let r = plan_with("{{loai}}\n");
    assert_refused(
        &r,
        &[
            "mẫu `ke-hoach` in `loai` nhưng tệp dữ liệu không ghi trường này",
            "ke-hoach.md.hbs:1:1",
            "ghi `loai:` trong tệp dữ liệu, hoặc bọc chỗ dùng trong `{{#if loai}}…{{/if}}`",
        ],
    );
    // A key of a group: where to write it.
    let r = plan_with("{{co_quan.tieu_de_phai}}\n");
    assert_refused(
        &r,
        &["ghi `tieu_de_phai:` trong `co_quan:` trong tệp dữ liệu"],
    );
    // A name no kind has (`thoi_han`): never "add it to the data", which would then refuse it;
    // the keys the plan accepts instead.
    let r = plan_with("{{thoi_han}}\n");
    assert_refused(
        &r,
        &[
            "dữ liệu không có trường `thoi_han`",
            "có phải ý bạn là `thoi_gian`?",
        ],
    );
    assert!(!r.stderr.contains("ghi `thoi_han"), "{}", r.stderr);
    // The key it names is one the data accepts: written, the plan builds.
    let dir = tempfile::tempdir().expect("tempdir");
    let data: PathBuf = dir.path().join("ke-hoach.yaml");
    let seed = std::fs::read_to_string(fixture("ke-hoach-2025.yaml")).expect("read");
    std::fs::write(&data, format!("loai: ke_hoach\n{seed}")).expect("write");
    let r = run(
        &["plan", &data.to_string_lossy()],
        &[("ke-hoach.md.hbs", "{{loai}}\n")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(visible_text(&document_xml(&r))
        .iter()
        .any(|l| l == "ke_hoach"));
}

#[test]
fn issue_9_misspelt_block_variables_and_else_if_names_are_located() {
    // `@indexx`, `@frist`: handlebars' block variables misspelt are refused at load with the
    // line and the right name, not a generic error while filling.
    let t = "{{#each muc_tieu}}\n{{stt @indexx}}. {{tieu_de}} {{#if @frist}}x{{/if}}\n{{/each}}\n";
    let r = plan_with(t);
    assert_refused(
        &r,
        &[
            "`@indexx`",
            "ke-hoach.md.hbs:2:7",
            "có phải ý bạn là `@index`?",
            "`@frist`",
            "ke-hoach.md.hbs:2:36",
            "có phải ý bạn là `@first`?",
        ],
    );
    // A misspelt name in an `{{else if …}}` chain has the line and column of its tag.
    let r = plan_with("{{#if ky}}a{{else if kyy}}b{{/if}}\n");
    assert_refused(
        &r,
        &["`kyy`", "ke-hoach.md.hbs:1:22", "có phải ý bạn là `ky`?"],
    );
    // The right names are accepted.
    let r = plan_with("{{#each muc_tieu}}{{stt @index}}{{#if @first}}.{{/if}}{{/each}}\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
}
