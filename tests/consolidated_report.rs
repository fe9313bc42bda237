//! Issue 12: the consolidated report the higher level wants, through the binary — the sections
//! the consolidating agency writes (a placeholder and a warning where its file is silent), the
//! units' proposals addressed to the ward kept from those forwarded upward, the synthesis per
//! objective, and Phụ lục II, the units × indicators matrix.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::*;

const PLAN: &str = "data/ke-hoach-2025.yaml";
const ENVELOPE: &str = "data/tong-hop-2025.yaml";
const REPORTS: &str = "data/bao-cao";

fn vanban(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run vanban")
}

/// `vanban consolidate` of the fixtures → (stderr, the document's paragraphs, squashed).
fn consolidated(dir: &Path) -> (String, Vec<String>) {
    let o = vanban(
        dir,
        &[
            "consolidate",
            "--plan",
            PLAN,
            REPORTS,
            "--envelope",
            ENVELOPE,
            "-o",
            "c.docx",
        ],
    );
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(o.status.success(), "{err}");
    let bytes = std::fs::read(dir.join("c.docx")).expect("written");
    dump_docx("issue_12_consolidated", &bytes);
    let paras = visible_text(&part(&bytes, "word/document.xml"))
        .iter()
        .map(|p| squash(p))
        .collect();
    (err, paras)
}

fn position(paras: &[String], start: &str) -> usize {
    paras
        .iter()
        .position(|p| p.starts_with(start))
        .unwrap_or_else(|| panic!("no paragraph starting {start:?}:\n{}", paras.join("\n")))
}

#[test]
fn issue_12_sections_from_the_envelope_and_a_placeholder_where_it_is_silent() {
    let d = fixture_workspace();
    let (err, paras) = consolidated(d.path());
    // The fixture envelope leaves out `phuong_huong` on purpose.
    assert!(
        err.contains("chưa ghi 1 mục do cơ quan tổng hợp viết (`phuong_huong`)"),
        "{err}"
    );
    let order = [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "Thực hiện Kế hoạch số 62/KH-UBND ngày 02/4/2025",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "1. Ưu điểm",
        "2. Hạn chế, khó khăn",
        "3. Nguyên nhân",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
        "[cần bổ sung: phương hướng, nhiệm vụ năm sau]",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
        "Đề nghị Ủy ban nhân dân thành phố tổ chức tập huấn",
    ];
    let at: Vec<usize> = order.iter().map(|s| position(&paras, s)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{order:?} at {at:?}");
    // Only the silent section gets a placeholder.
    assert_eq!(
        paras.iter().filter(|p| p.contains("[cần bổ sung")).count(),
        1
    );
}

#[test]
fn issue_12_a_request_to_the_ward_is_not_forwarded() {
    let d = fixture_workspace();
    let (_, paras) = consolidated(d.path());
    let forwarded = position(&paras, "Đề xuất của các đơn vị, đề nghị cấp trên xem xét:");
    let internal = position(&paras, "Các đề xuất các đơn vị gửi Ủy ban nhân dân phường");
    assert!(forwarded < internal);
    let funds = position(
        &paras,
        "- Trạm Y tế phường: Đề nghị UBND phường hỗ trợ kinh phí in tờ rơi",
    );
    assert!(funds > internal, "{}", paras.join("\n"));
    let forwarded_unit = position(&paras, "- Trạm Y tế phường: Đề nghị Trung tâm Y tế");
    assert!(forwarded < forwarded_unit && forwarded_unit < internal);
    // The unit's own report still states both.
    let o = vanban(
        d.path(),
        &[
            "report",
            "data/bao-cao/hoi-phu-nu.yaml",
            "--plan",
            PLAN,
            "-o",
            "u.docx",
        ],
    );
    assert!(o.status.success());
    let unit = visible_text(&part(
        &std::fs::read(d.path().join("u.docx")).unwrap(),
        "word/document.xml",
    ))
    .join("\n");
    assert!(
        unit.contains("hỗ trợ kinh phí duy trì các câu lạc bộ"),
        "{unit}"
    );
}

#[test]
fn issue_12_a_proposal_group_with_another_key_is_an_error() {
    let d = fixture_workspace();
    let path = d.path().join("data/bao-cao/hoi-phu-nu.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("  - noi_bo:", "  - noi_bos:", 1)).unwrap();
    let o = vanban(
        d.path(),
        &["validate", "data/bao-cao/hoi-phu-nu.yaml", "--plan", PLAN],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("hoi-phu-nu.yaml:"), "{err}");
    assert!(err.contains("noi_bo"), "{err}");
    // A group written at the top level is pointed to its place.
    let path = d.path().join("data/bao-cao/mat-tran.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}noi_bo:\n  - \"x\"\n")).unwrap();
    let o = vanban(
        d.path(),
        &["validate", "data/bao-cao/mat-tran.yaml", "--plan", PLAN],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("`noi_bo` là trường trong mỗi mục của `de_xuat`"),
        "{err}"
    );
}

#[test]
fn issue_12_synthesis_one_paragraph_per_unit_and_figures_in_words() {
    let d = fixture_workspace();
    let (_, paras) = consolidated(d.path());
    assert!(paras.contains(
        &"- Tỷ lệ nữ tham gia lãnh đạo, quản lý: toàn phường 10/24 người, đạt 41,7% (kế hoạch 40%), vượt kế hoạch."
            .to_string()
    ));
    let objective_4 = position(&paras, "d) Mục tiêu 4");
    let objective_5 = position(&paras, "đ) Mục tiêu 5");
    let health: Vec<&String> = paras[objective_4..objective_5]
        .iter()
        .filter(|p| p.starts_with("- Trạm Y tế phường:"))
        .collect();
    assert_eq!(health.len(), 1, "{health:?}");
    // Its results and its activities, in one paragraph.
    assert!(health[0].contains("Duy trì khám thai định kỳ"));
    assert!(health[0].contains("6 buổi, 320 lượt người tham dự"));
    // No tool wording.
    let all = paras.join("\n");
    for tool in ["mẫu số bằng 0", "× hệ số", "Tổng:"] {
        assert!(!all.contains(tool), "{tool:?}");
    }
}

#[test]
fn issue_12_appendix_ii_units_by_indicators() {
    let d = fixture_workspace();
    let (_, paras) = consolidated(d.path());
    let appendix = position(&paras, "Phụ lục II");
    assert_eq!(
        paras[appendix + 1],
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA TỪNG ĐƠN VỊ"
    );
    let rest = &paras[appendix..];
    // 21 indicators do not fit one landscape width: a table of dates and counts, then one
    // table per objective, each with the unit column.
    let first = position(
        rest,
        "1. Tình hình gửi báo cáo, số chỉ tiêu đạt của từng đơn vị",
    );
    let youth = first + position(&rest[first..], "Đoàn Thanh niên phường");
    assert_eq!(rest[youth + 1], "08/12/2025 (trễ hạn)");
    assert_eq!(rest[youth + 2], "3");
    assert_eq!(rest[youth + 3], "1/2");
    let o1 = position(rest, "2. Mục tiêu 1: Trong lĩnh vực chính trị");
    assert_eq!(
        rest[o1 + 1..o1 + 7],
        [
            "STT",
            "Đơn vị",
            "1. Quy hoạch cán bộ, ưu tiên cán bộ nữ, trẻ",
            "2. Tỷ lệ nữ tham gia lãnh đạo, quản lý",
            "3. Tỷ lệ nữ tham gia lãnh đạo ở các đoàn thể",
            "Số chỉ tiêu đạt"
        ]
    );
    let police = o1 + position(&rest[o1..], "Công an phường");
    assert_eq!(rest[police - 1], "3");
    assert_eq!(rest[police + 1..police + 5], ["—", "Không đạt", "—", "0/1"]);
    for objective in 2..=6 {
        assert!(
            rest.iter()
                .any(|p| p.starts_with(&format!("{}. Mục tiêu {objective}:", objective + 1))),
            "objective {objective}"
        );
    }
}
