//! Phụ lục II of the consolidated report — the units × indicators matrix (issue 12): one row
//! per unit, one column per indicator it could report (`Đạt`, `Vượt`, `Không đạt`, `Đóng góp`,
//! `Không phát sinh`; `—` for not reported), each unit's count of indicators met and its
//! submission date (on time or late). Landscape, header row repeated on every page.
//!
//! Column widths are in millimetres (the weights of [`Column`] are millimetres here). When the
//! indicators do not fit the landscape text width
//! ([`text_width_landscape`](crate::layout::profile::text_width_landscape), 252 mm) beside the
//! fixed columns, the appendix holds one table for the units' dates and counts, then one table
//! per objective, each with the STT and unit columns and only the units that reported one of its
//! indicators (an objective with more indicators than a page holds is continued in a further
//! table). The STT is the unit's number in the first table throughout.

use super::{cell, objective_title};
use crate::consolidate::matrix::{unit_matrix, UnitRow};
use crate::consolidate::{Consolidated, Status};
use crate::data::indicator::Evaluation;
use crate::data::Plan;
use crate::model::format::date_short;
use crate::model::{Align, Block, Cell, Column, Inline, Paragraph, Role, Table};

/// STT column, mm.
const NUMBER_MM: u32 = 10;
/// Đơn vị column, mm (a unit name in two lines at 12 pt).
const UNIT_MM: u32 = 52;
/// One indicator column, mm: `Không`, the widest word of an evaluation, at 12 pt (≈ 12 mm)
/// plus the cell margins (2 × 1,9 mm).
const INDICATOR_MM: u32 = 17;
/// Số chỉ tiêu đạt column, mm.
const MET_MM: u32 = 22;
/// Ngày gửi báo cáo column, mm (`08/12/2025` at 12 pt plus margins).
const DATE_MM: u32 = 27;
/// Ngày gửi báo cáo column of the split layout's first table, mm: `08/12/2025 (trễ hạn)` on one
/// line at 12 pt (≈ 42 mm) plus margins, so that a row of that table is one line.
const DATE_WIDE_MM: u32 = 48;
/// Đơn vị column of the split layout's first table, mm.
const UNIT_WIDE_MM: u32 = 84;
/// Số chỉ tiêu đã báo cáo column, mm (split layout only).
const REPORTED_MM: u32 = 22;

/// Most indicator columns of a table whose headers give the indicators' names (`2. Tỷ lệ nữ
/// tham gia lãnh đạo, quản lý`, ≥ 33 mm each); more give `Chỉ tiêu 2`.
const NAMED_COLUMNS: usize = 5;
/// One indicator column whose header gives the indicator's name, mm (five fit beside STT, Đơn
/// vị and Số chỉ tiêu đạt: 10 + 52 + 22 + 5 × 32 = 244 ≤ 252).
const NAMED_MM: u32 = 32;
/// Most rows of a table whose header names its indicators (the narrative's itemised limit).
const NAMED_ROWS: usize = super::consolidated::ITEMISED_UNITS_LIMIT;

/// Width available for the columns, mm.
fn page_mm() -> u32 {
    crate::layout::profile::text_width_landscape().0.floor() as u32
}

/// How many indicator columns fit beside columns `fixed_mm` wide.
fn columns_fitting(fixed_mm: u32) -> usize {
    (page_mm().saturating_sub(fixed_mm) / INDICATOR_MM).max(1) as usize
}

fn column(weight: u32, align: Align) -> Column {
    Column { weight, align }
}

fn heading(text: String) -> Block {
    Block::Paragraph(Paragraph {
        role: Role::Heading(2),
        inlines: vec![Inline::plain(text)],
    })
}

fn note(text: String) -> Block {
    Block::Paragraph(Paragraph {
        role: Role::Body,
        inlines: vec![Inline::Text {
            text,
            bold: false,
            italic: true,
        }],
    })
}

/// Ngày gửi báo cáo: `03/12/2025 (đúng hạn)` / `(trễ hạn)` — one line where the column is
/// wide enough ([`DATE_WIDE_MM`]) — or why there is none.
fn date_cell(s: &Status) -> Cell {
    match s {
        Status::OnTime(d) => cell(format!("{} (đúng hạn)", date_short(*d))),
        Status::Late(d) => cell(format!("{} (trễ hạn)", date_short(*d))),
        Status::Missing => cell("Chưa gửi"),
        Status::Invalid => cell("Tệp không hợp lệ"),
    }
}

fn evaluation_cell(e: Option<Evaluation>) -> Cell {
    cell(e.map_or("—", Evaluation::label))
}

/// `3/4` — met of evaluated; `—` when nothing could be evaluated.
fn met_text(met: usize, evaluated: usize) -> String {
    if evaluated == 0 {
        "—".into()
    } else {
        format!("{met}/{evaluated}")
    }
}

fn reported(row: &UnitRow<'_>) -> bool {
    matches!(row.unit.status, Status::OnTime(_) | Status::Late(_))
}

/// Phụ lục II's body: the matrix (one table, or one per objective), then the legend.
pub(crate) fn matrix_body(plan: &Plan, c: &Consolidated) -> Vec<Block> {
    let rows = unit_matrix(c);
    let n = c.indicators.len();
    let header_of = |j: usize| cell(format!("Chỉ tiêu {}", j + 1));
    let mut body = Vec::new();
    if n <= columns_fitting(NUMBER_MM + UNIT_MM + DATE_MM + MET_MM) {
        let mut columns = vec![
            column(NUMBER_MM, Align::Center),
            column(UNIT_MM, Align::Left),
        ];
        columns.extend((0..n).map(|_| column(INDICATOR_MM, Align::Center)));
        columns.push(column(MET_MM, Align::Center));
        columns.push(column(DATE_MM, Align::Center));
        let mut header = vec![cell("STT"), cell("Đơn vị")];
        header.extend((0..n).map(header_of));
        header.push(cell("Số chỉ tiêu đạt"));
        header.push(cell("Ngày gửi báo cáo"));
        let rows = rows
            .iter()
            .map(|r| {
                let mut cells = vec![cell(r.number.to_string()), cell(r.unit.unit.name.clone())];
                cells.extend(r.cells.iter().map(|e| evaluation_cell(*e)));
                cells.push(cell(met_text(r.met, r.evaluated)));
                cells.push(date_cell(&r.unit.status));
                cells
            })
            .collect();
        body.push(Block::Table(Table {
            columns,
            header,
            rows,
        }));
    } else {
        body.push(heading(
            "1. Tình hình gửi báo cáo, số chỉ tiêu đạt của từng đơn vị".into(),
        ));
        body.push(Block::Table(Table {
            columns: vec![
                column(NUMBER_MM, Align::Center),
                column(UNIT_WIDE_MM, Align::Left),
                column(DATE_WIDE_MM, Align::Center),
                column(REPORTED_MM, Align::Center),
                column(MET_MM, Align::Center),
            ],
            header: vec![
                cell("STT"),
                cell("Đơn vị"),
                cell("Ngày gửi báo cáo"),
                cell("Số chỉ tiêu đã báo cáo"),
                cell("Số chỉ tiêu đạt"),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        cell(r.number.to_string()),
                        cell(r.unit.unit.name.clone()),
                        date_cell(&r.unit.status),
                        cell(if reported(r) {
                            r.reported.to_string()
                        } else {
                            "—".into()
                        }),
                        cell(met_text(r.met, r.evaluated)),
                    ]
                })
                .collect(),
        }));
        let per_table = columns_fitting(NUMBER_MM + UNIT_MM + MET_MM);
        let mut section = 1;
        for objective in 1..=plan.raw.muc_tieu.len() {
            let of: Vec<usize> = (0..n)
                .filter(|&j| c.indicators[j].indicator.objective == objective)
                .collect();
            for (part, chunk) in of.chunks(per_table).enumerate() {
                section += 1;
                let title = objective_title(plan, objective);
                body.push(heading(if part == 0 {
                    format!("{section}. {title}")
                } else {
                    format!("{section}. {title} (tiếp theo)")
                }));
                let table_rows: Vec<Vec<Cell>> = rows
                    .iter()
                    .filter(|r| chunk.iter().any(|&j| r.cells[j].is_some()))
                    .map(|r| {
                        let mut cells =
                            vec![cell(r.number.to_string()), cell(r.unit.unit.name.clone())];
                        let (mut met, mut evaluated) = (0, 0);
                        for &j in chunk {
                            let e = r.cells[j];
                            if e.is_some_and(Evaluation::counts_as_met) {
                                met += 1;
                            }
                            if matches!(
                                e,
                                Some(Evaluation::Met | Evaluation::Exceeded | Evaluation::NotMet)
                            ) {
                                evaluated += 1;
                            }
                            cells.push(evaluation_cell(e));
                        }
                        cells.push(cell(met_text(met, evaluated)));
                        cells
                    })
                    .collect();
                let mut columns = vec![
                    column(NUMBER_MM, Align::Center),
                    column(UNIT_MM, Align::Left),
                ];
                // A few columns of a short table are wide enough for the indicators' names;
                // otherwise the header gives their numbers and a line under the heading their
                // names (a tall header repeated on each of many pages would cost pages).
                let named = chunk.len() <= NAMED_COLUMNS && table_rows.len() <= NAMED_ROWS;
                if !named {
                    body.push(note(format!(
                        "{}.",
                        chunk
                            .iter()
                            .map(|&j| format!(
                                "Chỉ tiêu {}: {}",
                                j + 1,
                                c.indicators[j].indicator.name
                            ))
                            .collect::<Vec<_>>()
                            .join("; ")
                    )));
                }
                let width = if named { NAMED_MM } else { INDICATOR_MM };
                columns.extend(chunk.iter().map(|_| column(width, Align::Center)));
                columns.push(column(MET_MM, Align::Center));
                let mut header = vec![cell("STT"), cell("Đơn vị")];
                if named {
                    header.extend(
                        chunk.iter().map(|&j| {
                            cell(format!("{}. {}", j + 1, c.indicators[j].indicator.name))
                        }),
                    );
                } else {
                    header.extend(chunk.iter().map(|&j| header_of(j)));
                }
                header.push(cell("Số chỉ tiêu đạt"));
                body.push(Block::Table(Table {
                    columns,
                    header,
                    rows: table_rows,
                }));
            }
        }
    }
    body.push(note(
        "Ghi chú: số ở đầu tên chỉ tiêu (“Chỉ tiêu 2”, “2. Tỷ lệ …”) là số thứ tự của chỉ tiêu tại \
         Phụ lục I; “—”: đơn vị không báo cáo chỉ tiêu này. Đánh giá theo số liệu của riêng đơn vị; chỉ tiêu số lượng là chỉ tiêu chung, \
         số liệu của đơn vị là phần “Đóng góp”, không đánh giá riêng. Số chỉ tiêu đạt: số chỉ tiêu \
         đạt, vượt trên số chỉ tiêu được đánh giá (không tính chỉ tiêu đóng góp, không phát sinh)."
            .into(),
    ));
    body
}
