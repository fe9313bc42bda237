//! Đọc thư mục báo cáo — read every unit report of a folder, keep going on errors.
//!
//! Every `*.yaml`/`*.yml` file of the folder (not its subfolders, not hidden files) is read, in
//! file-name order; the result does not depend on the order in which the
//! system lists the files. A bad file never hides the others: its diagnostics are kept and the
//! next file is read. Two files for the same unit are both rejected, with an error naming both.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::data::report::{load_unit_report, UnitReport};
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
    /// Warnings from the valid reports.
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

    /// Reject a report whose unit id is not among `expected` while its file name is (and no other
    /// report has that id): almost surely a typo in `don_vi.ma`, which would otherwise make the
    /// consolidated report call the same unit both missing and unexpected.
    /// Returns the errors it added.
    pub fn reject_mistyped_ids(&mut self, expected: &[&str]) -> Diagnostics {
        let mut added = Diagnostics::new();
        // Sets, not list scans: with 10,000 units a scan per report is 10^8 comparisons.
        let ids: std::collections::BTreeSet<String> =
            self.reports.iter().map(|r| r.unit.id.clone()).collect();
        let expected: std::collections::BTreeSet<&str> = expected.iter().copied().collect();
        let mut kept = Vec::with_capacity(self.reports.len());
        for r in std::mem::take(&mut self.reports) {
            let file = stem(&r.path);
            if !expected.contains(r.unit.id.as_str())
                && expected.contains(file.as_str())
                && !ids.contains(&file)
            {
                let d = Diagnostic::error(
                    Location::file(&r.path),
                    format!(
                        "mã đơn vị `{}` không có trong danh sách phải báo cáo, còn tên tệp `{file}` thì có",
                        r.unit.id
                    ),
                )
                .with_field("don_vi.ma")
                .with_hint(format!("có phải gõ nhầm? sửa thành `ma: {file}`"));
                added.push(d.clone());
                self.rejected.push(Rejected {
                    path: r.path.clone(),
                    unit_id: file,
                    diagnostics: d.into(),
                    not_a_unit: false,
                });
            } else {
                kept.push(r);
            }
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

/// The `*.yaml` / `*.yml` files of `dir`, sorted by name; an error if there are none.
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
            !name.starts_with('.') && (name.ends_with(".yaml") || name.ends_with(".yml"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Diagnostic::error(
            Location::file(dir),
            "thư mục báo cáo không có tệp .yaml nào",
        )
        .with_hint("mỗi đơn vị một tệp `<mã đơn vị>.yaml`, ví dụ `data/bao-cao/tram-y-te.yaml`")
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
                out.rejected.push(Rejected {
                    path: path.clone(),
                    unit_id: stem(path),
                    diagnostics: d,
                    not_a_unit: empty
                        || matches!(
                            kind,
                            FileKind::Plan | FileKind::Envelope | FileKind::Document
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

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}
