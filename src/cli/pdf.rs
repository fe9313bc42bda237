//! `--pdf` / `--pdfa` of `plan`, `report`, `consolidate`, `render`, `build`: after the .docx
//! files are written, every one written by this run is converted to PDF by one LibreOffice
//! process (`vanban::pdf`), and each PDF is written beside its .docx through the output layer.

use std::path::{Path, PathBuf};

use clap::Args;

use super::Reporter;
use vanban::pdf::PdfKind;
use vanban::{Error, ExitStatus};

/// Xuất PDF.
#[derive(Debug, Args, Clone, Copy, Default)]
pub(crate) struct PdfArgs {
    /// Tạo thêm tệp PDF cạnh mỗi tệp .docx (chuyển bằng LibreOffice, phải cài sẵn; xem README, mục "Xuất PDF"). `-o TỆP.pdf` cũng bật tùy chọn này.
    #[arg(long)]
    pub pdf: bool,
    /// Như --pdf, nhưng tạo PDF/A-1b (dạng lưu trữ lâu dài TCVN 14159-1:2024 chấp nhận).
    #[arg(long)]
    pub pdfa: bool,
}

impl PdfArgs {
    /// The kind of PDF asked for, if any.
    pub(crate) fn kind(&self) -> Option<PdfKind> {
        if self.pdfa {
            Some(PdfKind::PdfA1b)
        } else if self.pdf {
            Some(PdfKind::Pdf)
        } else {
            None
        }
    }

    /// The .docx output for `-o out`: `X.pdf` means `X.docx` beside it, and turns `--pdf` on.
    pub(crate) fn docx_output(&mut self, out: PathBuf) -> PathBuf {
        if out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            self.pdf = true;
            out.with_extension("docx")
        } else {
            out
        }
    }
}

/// The PDF of a .docx: the same name with `.pdf`, in the same folder.
pub(crate) fn pdf_path(docx: &Path) -> PathBuf {
    docx.with_extension("pdf")
}

/// Convert the .docx files this run wrote (see [`Reporter::take_written`]) and write their PDFs.
/// Returns the status ([`ExitStatus::PdfFailed`] with the reason printed when no PDF could be
/// made; [`ExitStatus::NotOverwritten`] when a PDF edited since was kept) and the number of PDF
/// files written.
pub(crate) fn convert(
    a: &PdfArgs,
    r: &Reporter,
    outputs: &mut vanban::Outputs,
) -> Result<(ExitStatus, usize), Error> {
    let Some(kind) = a.kind() else {
        return Ok((ExitStatus::Ok, 0));
    };
    let docx = r.take_written();
    if docx.is_empty() {
        r.step("không có tệp .docx nào được ghi lần này: không chuyển sang PDF");
        return Ok((ExitStatus::Ok, 0));
    }
    let soffice = match vanban::pdf::find_soffice() {
        Ok(s) => s,
        Err(e) => {
            errln!("{e}\n");
            return Ok((ExitStatus::PdfFailed, 0));
        }
    };
    if let Some(w) = vanban::pdf::font_warning() {
        r.warn(&w);
    }
    let n = docx.len();
    let what = match kind {
        PdfKind::Pdf => "PDF",
        PdfKind::PdfA1b => "PDF/A-1b",
    };
    r.step(&format!("chuyển sang {what} bằng {}", soffice.display()));
    if n > 1 {
        r.progress(&format!(
            "Đang chuyển {n} tệp sang {what} bằng LibreOffice…"
        ));
    }
    let mut count = 0usize;
    let mut progress = |i: usize| {
        count += 1;
        if n > 1 {
            r.progress(&format!("  {what} {count}/{n}: {}", docx[i].display()));
        }
    };
    let converted = vanban::pdf::convert(
        &soffice,
        &docx,
        kind,
        vanban::pdf::timeout_for(n),
        &mut progress,
    );
    let converted = match converted {
        Ok(c) => c,
        Err(e) => {
            errln!("{e}\n");
            return Ok((ExitStatus::PdfFailed, 0));
        }
    };
    let mut status = ExitStatus::Ok;
    let mut written = 0;
    for c in converted {
        let out = pdf_path(&c.docx);
        match outputs.write_pdf(&out, &c.pdf, std::slice::from_ref(&c.docx))? {
            vanban::Written::Wrote => {
                written += 1;
                r.done(&format!("Đã ghi {} ({} trang)", out.display(), c.pages));
            }
            vanban::Written::Kept(w) => {
                errln!("{w}\n");
                status = status.max(ExitStatus::NotOverwritten);
            }
        }
    }
    Ok((status, written))
}
