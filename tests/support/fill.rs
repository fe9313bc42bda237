//! Filling a unit's blank form (`vanban form`) with the content of a unit report in YAML,
//! through `umya-spreadsheet` — as a unit's spreadsheet program would. Used by the tests
//! (`tests/forms.rs`) and by `examples/gen_forms.rs` (the benchmark's 1,000 filled forms).

use std::path::Path;

use serde_yaml::Value;
use umya_spreadsheet::Worksheet;

/// The labels of the info sheet and the unit report's keys they hold (the form's contract,
/// stated again here so that a change on one side fails this test).
pub(crate) const INFO: &[(&str, &str)] = &[
    ("Mã đơn vị", "don_vi.ma"),
    ("Tên đơn vị", "don_vi.ten"),
    ("Cơ quan chủ quản", "co_quan.chu_quan"),
    ("Cơ quan ban hành", "co_quan.ban_hanh"),
    ("Tiêu đề bên phải", "co_quan.tieu_de_phai"),
    ("Số, ký hiệu", "so_ky_hieu"),
    ("Địa danh", "dia_danh"),
    ("Ngày ban hành", "ngay_ban_hanh"),
    ("Ngày nộp", "ngay_nop"),
    ("Kính gửi", "kinh_gui"),
    ("Trích yếu", "trich_yeu"),
    ("Mở đầu", "mo_dau"),
    ("Kết luận", "ket_luan"),
    ("Nơi nhận", "noi_nhan"),
    ("Quyền hạn ký", "ky.quyen_han"),
    ("Chức vụ người ký", "ky.chuc_vu"),
    ("Họ tên người ký", "ky.nguoi_ky"),
];

pub(crate) fn get<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

/// A YAML value as the text a unit types in a cell: lists one item per line.
pub(crate) fn cell_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim_end().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Sequence(items) => items.iter().map(cell_text).collect::<Vec<_>>().join("\n"),
        _ => String::new(),
    }
}

/// (row, column) 1-based of the cell whose text is `text` in the first 40 rows.
pub(crate) fn find(ws: &Worksheet, text: &str) -> (u32, u32) {
    for r in 1..=40 {
        for c in 1..=12 {
            if ws.get_value((c, r)) == text {
                return (r, c);
            }
        }
    }
    panic!("no cell «{text}» in sheet {}", ws.get_name());
}

/// Column of header `name` in the header row `row`.
pub(crate) fn col(ws: &Worksheet, row: u32, name: &str) -> u32 {
    (1..=12)
        .find(|&c| ws.get_value((c, row)) == name)
        .unwrap_or_else(|| panic!("no column «{name}»"))
}

pub(crate) fn sheet<'a>(
    book: &'a mut umya_spreadsheet::Spreadsheet,
    name: &str,
) -> &'a mut Worksheet {
    book.get_sheet_by_name_mut(name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
}

/// Fill the blank form `form` with the content of unit report `yaml` and save it as `out`,
/// through `umya-spreadsheet`.
pub(crate) fn fill(form: &Path, yaml: &Value, out: &Path) {
    let mut book = umya_spreadsheet::reader::xlsx::read(form).expect("read form");
    {
        let ws = sheet(&mut book, "Thông tin");
        let (header, _) = find(ws, "Mục");
        for r in header + 1..header + 40 {
            let label = ws.get_value((1, r));
            let Some((_, key)) = INFO.iter().find(|(l, _)| *l == label) else {
                continue;
            };
            if let Some(v) = get(yaml, key) {
                ws.get_cell_mut((2, r)).set_value_string(cell_text(v));
            }
        }
    }
    {
        let ws = sheet(&mut book, "Chỉ tiêu");
        let (header, code_col) = find(ws, "Mã chỉ tiêu");
        let cols = [
            ("tu_so", col(ws, header, "Tử số")),
            ("mau_so", col(ws, header, "Mẫu số")),
            ("so_luong", col(ws, header, "Số lượng")),
        ];
        let done = col(ws, header, "Hoàn thành");
        let note = col(ws, header, "Ghi chú");
        for f in get(yaml, "so_lieu")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            let code = cell_text(&f["ma"]);
            let r = (header + 1..header + 60)
                .find(|&r| ws.get_value((code_col, r)) == code)
                .unwrap_or_else(|| panic!("no row for {code}"));
            for (key, c) in cols {
                if let Some(x) = f.get(key).and_then(Value::as_f64) {
                    ws.get_cell_mut((c, r)).set_value_number(x);
                }
            }
            if let Some(b) = f.get("hoan_thanh").and_then(Value::as_bool) {
                ws.get_cell_mut((done, r))
                    .set_value_string(if b { "Có" } else { "Không" });
            }
            if let Some(n) = f.get("ghi_chu") {
                ws.get_cell_mut((note, r)).set_value_string(cell_text(n));
            }
        }
    }
    {
        let ws = sheet(&mut book, "Kết quả");
        let (header, objective) = find(ws, "Mục tiêu");
        let text = col(ws, header, "Kết quả thực hiện");
        for k in get(yaml, "ket_qua")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            let n = cell_text(&k["muc_tieu"]);
            let r = (header + 1..header + 20)
                .find(|&r| ws.get_value((objective, r)) == n)
                .expect("objective row");
            // A second entry for the same objective: its paragraphs follow in the same cell.
            let before = ws.get_value((text, r));
            let add = cell_text(&k["noi_dung"]);
            let all = if before.is_empty() {
                add
            } else {
                format!("{before}\n{add}")
            };
            ws.get_cell_mut((text, r)).set_value_string(all);
        }
    }
    {
        let ws = sheet(&mut book, "Hoạt động");
        let (header, name) = find(ws, "Tên hoạt động");
        let keys = [
            ("muc_tieu", col(ws, header, "Mục tiêu")),
            ("so_buoi", col(ws, header, "Số buổi")),
            ("so_luot_nguoi", col(ws, header, "Số lượt người tham dự")),
            ("so_tin_bai", col(ws, header, "Số tin, bài")),
        ];
        for (i, a) in get(yaml, "hoat_dong")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let r = header + 1 + i as u32;
            ws.get_cell_mut((name, r))
                .set_value_string(cell_text(&a["ten"]));
            for (key, c) in keys {
                if let Some(x) = a.get(key).and_then(Value::as_f64) {
                    ws.get_cell_mut((c, r)).set_value_number(x);
                }
            }
        }
    }
    {
        let ws = sheet(&mut book, "Khó khăn");
        let (h, c) = find(ws, "Khó khăn, vướng mắc");
        for (i, item) in get(yaml, "kho_khan")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .enumerate()
        {
            ws.get_cell_mut((c, h + 1 + i as u32))
                .set_value_string(cell_text(item));
        }
    }
    {
        // A plain entry is one row; a `noi_bo:` group one row marked Có in Nội bộ.
        let ws = sheet(&mut book, "Đề xuất");
        let (h, c) = find(ws, "Đề xuất, kiến nghị");
        let internal = col(ws, h, "Nội bộ");
        for (i, item) in get(yaml, "de_xuat")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let r = h + 1 + i as u32;
            match item.get("noi_bo") {
                Some(lines) => {
                    ws.get_cell_mut((c, r)).set_value_string(cell_text(lines));
                    ws.get_cell_mut((internal, r)).set_value_string("Có");
                }
                None => {
                    ws.get_cell_mut((c, r)).set_value_string(cell_text(item));
                }
            }
        }
    }
    umya_spreadsheet::writer::xlsx::write(&book, out).expect("write filled form");
}
