//! `vanban form` (`bieu-mau`): the plan's indicators as one `.xlsx` form per unit.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{ForceArgs, Reporter};
use vanban::{Error, ExitStatus, Unit};

/// Tham số của lệnh `form`.
#[derive(Debug, Args)]
pub(crate) struct FormArgs {
    /// Tệp kế hoạch có các chỉ tiêu, ví dụ `data/ke-hoach-2025.yaml`.
    #[arg(long, value_name = "TỆP")]
    pub plan: PathBuf,
    /// Tệp thông tin báo cáo tổng hợp: danh sách đơn vị phải báo cáo, địa danh, hạn nộp
    /// (mặc định: tệp `tong-hop-*.yaml` cùng thư mục với kế hoạch, nếu có).
    #[arg(long, value_name = "TỆP")]
    pub envelope: Option<PathBuf>,
    /// Chỉ tạo biểu mẫu cho các mã đơn vị này (mặc định: mọi đơn vị của tệp thông tin).
    #[arg(long = "unit", value_name = "MÃ", num_args = 1..)]
    pub units: Vec<String>,
    /// Thư mục ghi biểu mẫu (mặc định: `output/bieu-mau`); mỗi đơn vị một tệp `<mã đơn vị>.xlsx`.
    #[arg(short, long, value_name = "THƯ_MỤC")]
    pub output: Option<PathBuf>,
    /// Ghi đè biểu mẫu đã sửa.
    #[command(flatten)]
    pub force: ForceArgs,
}

/// The forms' folder under the output folder (`output/bieu-mau`).
pub(crate) const FORMS_DIR: &str = "bieu-mau";

/// Run `form`.
pub(crate) fn run(a: &FormArgs, r: &Reporter) -> Result<ExitStatus, Error> {
    let plan_path = super::paths::input_file(&a.plan)?;
    let envelope_path = match &a.envelope {
        Some(p) => Some(super::paths::input_file(p)?),
        None => {
            let dir = plan_path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            // Without --unit the envelope's list is needed; with it the envelope only prefills.
            match super::build::find_envelope(dir) {
                Ok(p) => Some(p),
                Err(d) if a.units.is_empty() => return Err(Error::Input(d)),
                Err(_) => None,
            }
        }
    };
    r.step(&format!("đọc kế hoạch {}", plan_path.display()));
    let plan = vanban::load_plan(&plan_path)
        .map_err(|d| super::wrong_command(&plan_path, d, vanban::FileKind::Plan))?;
    r.diagnostics(&plan.warnings);
    let envelope = match &envelope_path {
        Some(p) => {
            r.step(&format!("đọc thông tin báo cáo tổng hợp {}", p.display()));
            let e = vanban::load_envelope(p)
                .map_err(|d| super::wrong_command(p, d, vanban::FileKind::Envelope))?;
            r.diagnostics(&e.warnings);
            Some(e.value)
        }
        None => None,
    };
    let units = units(a, envelope.as_ref())?;
    let dir = a
        .output
        .clone()
        .unwrap_or_else(|| Path::new("output").join(FORMS_DIR));
    let mut inputs = vec![plan_path];
    inputs.extend(envelope_path);
    write_forms(
        r,
        &plan.value,
        envelope.as_ref(),
        &units,
        &dir,
        &inputs,
        a.force.force,
    )
}

/// The units to write a form for: the codes given (with their names from the envelope), else
/// the envelope's list. An unknown code is an error listing the envelope's codes.
fn units(a: &FormArgs, envelope: Option<&vanban::Envelope>) -> Result<Vec<Unit>, Error> {
    if a.units.is_empty() {
        return Ok(envelope.map(|e| e.expected.clone()).unwrap_or_default());
    }
    let mut out = Vec::new();
    for code in &a.units {
        let code = code.trim();
        let valid = !code.is_empty()
            && code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            return Err(Error::Io {
                path: PathBuf::from(code),
                message: "mã đơn vị chỉ gồm chữ thường không dấu, chữ số và `-`, ví dụ `tram-y-te`"
                    .into(),
            });
        }
        let known = envelope.and_then(|e| e.expected.iter().find(|u| u.id == code));
        match (known, envelope) {
            (Some(u), _) => out.push(u.clone()),
            (None, Some(e)) => {
                let codes: Vec<&str> = e.expected.iter().map(|u| u.id.as_str()).collect();
                return Err(Error::Io {
                    path: e.path.clone(),
                    message: format!(
                        "không có đơn vị mã `{code}` trong danh sách đơn vị phải báo cáo (các mã: {})",
                        codes.join(", ")
                    ),
                });
            }
            (None, None) => out.push(Unit {
                id: code.to_string(),
                name: String::new(),
            }),
        }
    }
    Ok(out)
}

/// Write one form per unit into `dir` as `<mã đơn vị>.xlsx`.
fn write_forms(
    r: &Reporter,
    plan: &vanban::Plan,
    envelope: Option<&vanban::Envelope>,
    units: &[Unit],
    dir: &Path,
    inputs: &[PathBuf],
    force: bool,
) -> Result<ExitStatus, Error> {
    let mut outputs = vanban::Outputs::new("form", force);
    let mut status = ExitStatus::Ok;
    for unit in units {
        let bytes = vanban::write_form(plan, envelope, unit)?;
        let out = dir.join(format!("{}.xlsx", unit.id));
        match outputs.write_form(&out, &bytes, inputs)? {
            vanban::Written::Wrote => r.done(&format!("Đã ghi {}", out.display())),
            vanban::Written::Kept(w) => {
                errln!("{w}\n");
                status = status.max(ExitStatus::NotOverwritten);
            }
        }
    }
    outputs.finish()?;
    Ok(status)
}
