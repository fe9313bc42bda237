//! Đọc thư mục báo cáo — read every unit report of a folder, keep going on errors.
//!
//! Every `*.yaml`/`*.yml` file of the folder (not its subfolders, not hidden files) is read, in
//! file-name order; the result does not depend on the order in which the
//! system lists the files. A bad file never hides the others: its diagnostics are kept and the
//! next file is read. Two files for the same unit are both rejected, with an error naming both.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::data::report::{load_unit_report, Unit, UnitReport};
use crate::data::{io_vi, Plan};
use crate::diag::{Diagnostic, Diagnostics, Location};

/// Tệp bị loại — a report file that could not be used.
#[derive(Debug, Clone)]
pub struct Rejected {
    /// The file.
    pub path: PathBuf,
    /// The unit it is taken to belong to: the unit id when it could be read, else the file stem.
    pub unit_id: String,
    /// Why (every problem, located).
    pub diagnostics: Diagnostics,
    /// Not a unit's report at all (an empty file, a plan, an envelope or a document with `loai`
    /// left in the folder): never named as a unit in the consolidated report.
    pub not_a_unit: bool,
}

/// Kết quả đọc thư mục — the usable reports, the rejected files and the warnings.
#[derive(Debug, Clone, Default)]
pub struct Collected {
    /// Valid reports, one per unit, in file-name order.
    pub reports: Vec<UnitReport>,
    /// Files that could not be used, in file-name order.
    pub rejected: Vec<Rejected>,
    /// Warnings from the valid reports, and about unit codes not in the envelope's list
    /// ([`Collected::reject_mistyped_ids`]).
    pub warnings: Diagnostics,
}

impl Collected {
    /// Every error of every rejected file, in file-name order.
    pub fn errors(&self) -> Diagnostics {
        let mut d = Diagnostics::new();
        for r in &self.rejected {
            d.extend(r.diagnostics.clone());
        }
        d
    }

    /// Check each report's unit id against the units the envelope expects (`expected`, its
    /// `don_vi_phai_bao_cao`), so that the consolidated report never calls one unit both missing
    /// and unexpected (H30). A report whose id is not expected while an expected unit has no
    /// report is taken to be that unit's when its file name is that unit's id, its name is that
    /// unit's name, or its id is one or two keystrokes away from that unit's id
    /// (`Missing::take_likely`): an error naming the file, the code and the intended code, and the
    /// file is rejected as that unit's (with `--allow-partial` the unit counts as having a bad
    /// file). Any other unexpected id is a warning, also kept in [`Collected::warnings`]: the
    /// report is consolidated as a unit outside the list. Returns every diagnostic it added.
    pub fn reject_mistyped_ids(&mut self, expected: &[Unit]) -> Diagnostics {
        let mut added = Diagnostics::new();
        // Sets, not list scans: with 10,000 units a scan per report is 10^8 comparisons.
        let expected_ids: BTreeSet<&str> = expected.iter().map(|u| u.id.as_str()).collect();
        let mut covered: BTreeSet<String> =
            self.reports.iter().map(|r| r.unit.id.clone()).collect();
        covered.extend(self.rejected_ids());
        let mut missing = Missing::new(
            expected
                .iter()
                .filter(|u| !covered.contains(&u.id))
                .collect(),
        );
        let mut kept = Vec::with_capacity(self.reports.len());
        for r in std::mem::take(&mut self.reports) {
            if expected_ids.contains(r.unit.id.as_str()) {
                kept.push(r);
                continue;
            }
            let file = stem(&r.path);
            let Some((intended, why)) = missing.take_likely(&r, &file) else {
                let d = Diagnostic::warning(
                    r.id_at.clone(),
                    format!(
                        "đơn vị `{}` ({}) không có trong danh sách phải báo cáo",
                        r.unit.id, r.unit.name
                    ),
                )
                .with_field("don_vi.ma")
                .with_hint(format!(
                    "báo cáo vẫn được tổng hợp, ghi là đơn vị ngoài danh sách; nếu đơn vị phải báo cáo, \
                     thêm `- {{ ma: \"{}\", ten: \"{}\" }}` vào `don_vi_phai_bao_cao` của tệp thông tin \
                     báo cáo tổng hợp",
                    r.unit.id, r.unit.name
                ));
                added.push(d.clone());
                self.warnings.push(d);
                kept.push(r);
                continue;
            };
            let d = Diagnostic::error(
                r.id_at.clone(),
                format!(
                    "mã đơn vị `{}` không có trong danh sách phải báo cáo, còn đơn vị `{}` ({}) trong danh sách thì chưa có báo cáo",
                    r.unit.id, intended.id, intended.name
                ),
            )
            .with_field("don_vi.ma")
            .with_hint(format!(
                "có phải gõ nhầm ({why})? sửa thành `ma: {}`",
                intended.id
            ));
            added.push(d.clone());
            self.rejected.push(Rejected {
                path: r.path.clone(),
                unit_id: intended.id.clone(),
                diagnostics: d.into(),
                not_a_unit: false,
            });
        }
        self.reports = kept;
        self.rejected.sort_by(|a, b| a.path.cmp(&b.path));
        added
    }

    /// Refuse to consolidate when a report file is bad (the default without `--allow-partial`):
    /// every error of every bad file (when `details`), then one error naming the files. `dir` is
    /// the report folder the summary points at.
    pub fn refuse_partial(&self, dir: &Path, details: bool) -> Result<(), Diagnostics> {
        if self.rejected.is_empty() {
            return Ok(());
        }
        let files: Vec<String> = self
            .rejected
            .iter()
            .map(|x| x.path.display().to_string())
            .collect();
        let mut d = if details {
            self.errors()
        } else {
            Diagnostics::new()
        };
        d.push(
            Diagnostic::error(
                Location::file(dir),
                format!(
                    "không lập báo cáo tổng hợp: {} tệp báo cáo có lỗi ({})",
                    self.rejected.len(),
                    files.join(", ")
                ),
            )
            .with_hint(
                "sửa các lỗi ở trên, hoặc thêm `--allow-partial` để tổng hợp phần còn lại \
                 (các đơn vị có tệp lỗi được tính là chưa báo cáo)",
            ),
        );
        Err(d)
    }

    /// The unit ids of the rejected files that are units' reports (see [`Rejected::not_a_unit`]).
    pub fn rejected_ids(&self) -> Vec<String> {
        self.rejected
            .iter()
            .filter(|r| !r.not_a_unit)
            .map(|r| r.unit_id.clone())
            .collect()
    }
}

/// The `*.yaml` / `*.yml` files and the filled forms (`*.xlsx`; `.xls`, `.ods` to be refused
/// with their fix) of `dir`, sorted by name; an error if there are none.
pub fn report_files(dir: &Path) -> Result<Vec<PathBuf>, Diagnostics> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostics::from(
            Diagnostic::error(
                Location::file(dir),
                format!("không đọc được thư mục báo cáo: {}", io_vi(&e)),
            )
            .with_hint("chỉ định thư mục chứa các tệp báo cáo đơn vị, ví dụ `data/bao-cao/`"),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            // `~$x.xlsx`: the lock file Excel leaves beside a form it has open.
            !name.starts_with('.')
                && !name.starts_with("~$")
                && (name.ends_with(".yaml")
                    || name.ends_with(".yml")
                    || crate::form::is_spreadsheet(p))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Diagnostic::error(
            Location::file(dir),
            "thư mục báo cáo không có tệp .yaml hay .xlsx nào",
        )
        .with_hint("mỗi đơn vị một tệp `<mã đơn vị>.yaml` (ví dụ `data/bao-cao/tram-y-te.yaml`) hoặc biểu mẫu Excel đã điền (.xlsx)")
        .into());
    }
    Ok(files)
}

/// Read and validate every report file of `dir` against `plan`.
///
/// Fails only when the folder cannot be read or holds no `.yaml` file; a bad report file is
/// returned in [`Collected::rejected`].
pub fn collect(dir: &Path, plan: &Plan) -> Result<Collected, Diagnostics> {
    let files = report_files(dir)?;
    Ok(collect_files(&files, plan))
}

/// Read and validate `files` (in this order) against `plan`.
///
/// One thread on purpose: measured on the 2-core target, reading on two threads saved little
/// (YAML parsing is allocation-bound) and kept the reports in per-thread `malloc` arenas, whose
/// memory the main thread cannot reuse once the reports are freed — the peak memory of a
/// 10,000-unit consolidation went from under 100 MB to about 140 MB.
pub fn collect_files(files: &[PathBuf], plan: &Plan) -> Collected {
    let mut out = Collected::default();
    let mut reports = Vec::with_capacity(files.len());
    for path in files {
        match load_unit_report(path, plan) {
            Ok(w) => {
                out.warnings.extend(w.warnings);
                reports.push(w.value);
            }
            Err(d) => {
                use crate::data::yaml::FileKind;
                let empty =
                    std::fs::read(path).is_ok_and(|b| b.iter().all(u8::is_ascii_whitespace));
                let (kind, _) = crate::data::recognize(path);
                let unit_id = if crate::form::is_spreadsheet(path) {
                    crate::data::xlsx::form_unit_code(path).unwrap_or_else(|| stem(path))
                } else {
                    stem(path)
                };
                out.rejected.push(Rejected {
                    path: path.clone(),
                    unit_id,
                    diagnostics: d,
                    not_a_unit: empty
                        || matches!(
                            kind,
                            FileKind::Plan
                                | FileKind::Envelope
                                | FileKind::Document
                                | FileKind::PreviousYear
                        ),
                })
            }
        }
    }
    // Two files for the same unit: reject both, each error naming the other file.
    let mut by_unit: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        by_unit.entry(r.unit.id.clone()).or_default().push(i);
    }
    let mut duplicate = vec![false; reports.len()];
    for (id, idx) in &by_unit {
        if idx.len() < 2 {
            continue;
        }
        let names: Vec<String> = idx
            .iter()
            .map(|&i| reports[i].path.display().to_string())
            .collect();
        for &i in idx {
            duplicate[i] = true;
            let others: Vec<&str> = names
                .iter()
                .filter(|n| **n != reports[i].path.display().to_string())
                .map(String::as_str)
                .collect();
            let d = Diagnostic::error(
                Location::file(&reports[i].path),
                format!(
                    "đơn vị `{id}` có hai tệp báo cáo: {} và {}",
                    reports[i].path.display(),
                    others.join(", ")
                ),
            )
            .with_field("don_vi.ma")
            .with_hint("mỗi đơn vị chỉ một tệp; xóa hoặc sửa mã đơn vị ở một trong các tệp");
            out.rejected.push(Rejected {
                path: reports[i].path.clone(),
                unit_id: id.clone(),
                diagnostics: d.into(),
                not_a_unit: false,
            });
        }
    }
    let mut keep = duplicate.iter().map(|d| !d);
    reports.retain(|_| keep.next().unwrap_or(true));
    out.reports = reports;
    out.rejected.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Most comparisons of unit codes that differ by a few keystrokes, over all the reports of one
/// consolidation (a pathological folder of 10,000 unknown codes against 10,000 missing units
/// would be 10^8); past it only file names and unit names are matched.
const FUZZY_BUDGET: usize = 1_000_000;

/// The expected units without a report, each claimed at most once by a mistyped report.
struct Missing<'a> {
    units: Vec<&'a Unit>,
    taken: Vec<bool>,
    by_id: BTreeMap<&'a str, usize>,
    by_name: BTreeMap<String, Vec<usize>>,
    /// Ids without `-`, for the keystroke comparison.
    bare: Vec<String>,
    budget: usize,
}

/// A unit name compared loosely: lower case, spaces collapsed (names are NFC already).
fn fold_name(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl<'a> Missing<'a> {
    fn new(units: Vec<&'a Unit>) -> Self {
        let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, u) in units.iter().enumerate() {
            by_name.entry(fold_name(&u.name)).or_default().push(i);
        }
        Missing {
            taken: vec![false; units.len()],
            by_id: units
                .iter()
                .enumerate()
                .map(|(i, u)| (u.id.as_str(), i))
                .collect(),
            bare: units.iter().map(|u| u.id.replace('-', "")).collect(),
            by_name,
            units,
            budget: FUZZY_BUDGET,
        }
    }

    /// The missing unit that report `r` (file stem `file`) most likely belongs to, taken so no
    /// other report claims it, and why, in words: its file name is that unit's id; its name is
    /// that unit's name ([`fold_name`]); or its id differs from that unit's by at most two edits
    /// (insert, delete, change or swap a character; `-` ignored), the closest first, the first
    /// listed on a tie. Ids shorter than 4 characters are matched by file and name only.
    fn take_likely(&mut self, r: &UnitReport, file: &str) -> Option<(&'a Unit, &'static str)> {
        let free = |i: &usize| !self.taken[*i];
        let found = if let Some(i) = self.by_id.get(file).copied().filter(free) {
            Some((i, "tên tệp là mã của đơn vị này"))
        } else if let Some(i) = self
            .by_name
            .get(&fold_name(&r.unit.name))
            .and_then(|v| v.iter().copied().find(free))
        {
            Some((i, "tên đơn vị trùng với tên trong danh sách"))
        } else {
            let id = r.unit.id.replace('-', "");
            if id.chars().count() < 4 || self.budget < self.units.len() {
                None
            } else {
                self.budget -= self.units.len();
                (0..self.units.len())
                    .filter(free)
                    .map(|i| (strsim::damerau_levenshtein(&id, &self.bare[i]), i))
                    .filter(|(d, _)| *d <= 2)
                    .min()
                    .map(|(_, i)| (i, "mã gần giống mã của đơn vị này"))
            }
        };
        let (i, why) = found?;
        self.taken[i] = true;
        Some((self.units[i], why))
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}
