//! `vanban` — official Vietnamese administrative documents (.docx) from YAML data and handlebars
//! templates, laid out per Nghị định 30/2020/NĐ-CP, Phụ lục I.
//!
//! # Pipeline
//!
//! Every document goes through the same five stages; each returns a value. Only input reading,
//! template loading and the final write touch the file system.
//!
//! 1. **data** (`src/data`): YAML file → typed, validated record ([`Plan`], [`UnitReport`],
//!    [`Envelope`]): one saphyr event pass locates everything and checks plain scalars, yaml_serde
//!    types the text, every text value is cleaned once as it is read ([`model::Text`]). Problems
//!    are collected as located [`Diagnostics`]. Entry points: [`load_plan`], [`load_unit_report`],
//!    [`load_envelope`], [`collect_unit_reports`].
//! 2. **template** (`src/template`): record + handlebars template → Markdown body. Strict mode,
//!    Markdown escaping of values ([`load_templates`]).
//! 3. **markup** (`src/markup`, called from `src/compose`, one file per document kind): Markdown →
//!    [`model::Document`] body blocks and footnotes. The administrative frame ([`model::Frame`]) is
//!    built in code from the typed fields, never by the template ([`plan_document`],
//!    [`unit_report_document`], [`consolidated_document`]).
//! 4. **layout** (`src/layout`): document model → laid-out pages ([`model::page::Pages`]): the
//!    frame as tables, paragraphs and rules, every number from the profile (`src/layout/profile.rs`).
//! 5. **docx** (`src/docx`): pages → .docx bytes, WordprocessingML written directly in schema
//!    order, static parts from assets, a self-check before zipping ([`write_docx`], [`write_pages`]).
//!
//! [`Outputs`] writes the bytes (temporary file, then rename), never over a file edited since
//! vanban wrote it (the folder's [`MANIFEST`] of SHA-256 hashes); [`write_atomic`] is the bare
//! atomic write. **consolidate**
//! (`src/consolidate`) turns many unit reports into one record that goes through the same stages
//! ([`render_consolidated`]), and can write its figures as a unit report of the higher level
//! ([`export_to_upper_level`]), which the higher level consolidates like any unit's. [`pdf`]
//! converts written .docx files to PDF through LibreOffice and checks the result.

pub(crate) mod check;
pub(crate) mod compose;
pub(crate) mod consolidate;
pub(crate) mod data;
pub mod diag;
pub(crate) mod docx;
pub mod error;
pub(crate) mod form;
pub(crate) mod import;
pub(crate) mod layout;
pub(crate) mod markup;
pub mod model;
pub(crate) mod output;
pub mod pdf;
pub mod starter;
pub(crate) mod template;

pub use check::{check_docx, CheckError, Finding, Severity};
pub use consolidate::collect::Collected;
pub use consolidate::Consolidated;
pub use data::document::GeneralDocument;
pub use data::envelope::{Envelope, UpperLevel};
pub use data::lint::{is_likely_typo, is_placeholder};
pub use data::plan::Plan;
pub use data::previous::{PreviousValue, PreviousYear};
pub use data::report::{Unit, UnitReport};
pub use data::yaml::FileKind;
pub use data::{ensure_dir, ensure_file, io_vi, recognize};
pub use diag::{Diagnostic, Diagnostics, ExitStatus, Warned};
pub use docx::DocxError;
pub use error::Error;
pub use import::{import_docx, Imported};
pub use output::{
    check_data_output, check_output, write_atomic, Outputs, Stale, Written, MANIFEST,
};
pub use template::{Templates, BUILTIN_ORIGIN};

use std::path::Path;

use model::page::Pages;
use model::Document;

/// Name of the built-in plan template (`templates/ke-hoach.md.hbs`).
pub const PLAN_TEMPLATE: &str = compose::PLAN_TEMPLATE;
/// Name of the built-in unit report template (`templates/bao-cao.md.hbs`).
pub const UNIT_TEMPLATE: &str = compose::UNIT_TEMPLATE;
/// Name of the built-in consolidated report template (`templates/tong-hop.md.hbs`).
pub const CONSOLIDATED_TEMPLATE: &str = compose::CONSOLIDATED_TEMPLATE;
/// Name of the built-in template of every other kind (`templates/van-ban.md.hbs`).
pub const DOCUMENT_TEMPLATE: &str = compose::DOCUMENT_TEMPLATE;

// ---------------------------------------------------------------------------------------------
// Loading: files → validated records, with every problem located.
// ---------------------------------------------------------------------------------------------

/// Load the templates: the built-in ones named in `only` (all when `None`), replaced by the
/// `*.md.hbs` files of `dir` when given. Syntax errors are located (file:line).
pub fn load_templates(
    dir: Option<&Path>,
    only: Option<&[&str]>,
) -> Result<Warned<Templates>, Diagnostics> {
    Templates::load_only(dir, only)
}

/// The built-in templates, as (name, file name, text): `("ke-hoach", "ke-hoach.md.hbs", …)`;
/// `vanban templates` writes them out for the user to edit.
pub fn builtin_templates() -> &'static [(&'static str, &'static str, &'static str)] {
    template::BUILTIN
}

/// Load and validate a plan (kế hoạch) file.
pub fn load_plan(path: &Path) -> Result<Warned<Plan>, Diagnostics> {
    data::load_plan(path)
}

/// Load and validate a unit report (báo cáo đơn vị) file against the plan's indicators.
pub fn load_unit_report(path: &Path, plan: &Plan) -> Result<Warned<UnitReport>, Diagnostics> {
    data::load_unit_report(path, plan)
}

/// Biểu mẫu — the `.xlsx` form unit `unit` fills for `plan` (`vanban form`); `envelope`
/// prefills the place, the addressee and the deadline. Deterministic: the same inputs give the
/// same bytes. A unit returns the filled form; [`load_unit_report`] reads it like a `.yaml`.
pub fn write_form(plan: &Plan, envelope: Option<&Envelope>, unit: &Unit) -> Result<Vec<u8>, Error> {
    form::write::form(plan, envelope, unit)
        .map_err(|m| Error::Input(Diagnostic::error(diag::Location::file(&plan.path), m).into()))
}

/// Load and validate a document file that names its kind with `loai` (văn bản theo loại).
pub fn load_document(path: &Path) -> Result<Warned<GeneralDocument>, Diagnostics> {
    data::load_document(path)
}

/// Load last year's results (kết quả năm trước: last year's export, or a file of values as
/// published) for the comparison in the consolidated report of `plan` (with `envelope`, the
/// report's: a file not earlier than the report's year, an export of another unit than its
/// `cap_tren.don_vi` are warnings). See
/// `src/data/previous.rs`.
pub fn load_previous_year(
    path: &Path,
    plan: &Plan,
    envelope: Option<&Envelope>,
) -> Result<Warned<PreviousYear>, Diagnostics> {
    let year = envelope.map(|e| match e.frame.date {
        model::IssueDate::Full(d) => chrono::Datelike::year(&d),
        model::IssueDate::YearOnly(y) => y,
    });
    let unit = envelope
        .and_then(|e| e.upper.as_ref())
        .map(|u| u.unit.id.as_str());
    data::load_previous_year(path, plan, year, unit)
}

/// Load and validate the consolidation envelope (thông tin báo cáo tổng hợp).
pub fn load_envelope(path: &Path) -> Result<Warned<Envelope>, Diagnostics> {
    data::load_envelope(path)
}

/// Read every unit report of `dir` (`*.yaml`, file-name order) against `plan`. A bad file never
/// hides the others: it is kept in [`Collected::rejected`] with its diagnostics. Fails only when
/// the folder cannot be read or holds no report.
pub fn collect_unit_reports(dir: &Path, plan: &Plan) -> Result<Collected, Diagnostics> {
    consolidate::collect::collect(dir, plan)
}

// ---------------------------------------------------------------------------------------------
// Rendering: validated records → document model → .docx bytes.
// ---------------------------------------------------------------------------------------------

/// The document model of a plan: its template filled and parsed, the frame from its fields.
pub fn plan_document(plan: &Plan, templates: &Templates) -> Result<Document, Diagnostics> {
    compose::plan::plan_document(plan, templates)
}

/// The .docx bytes of a plan.
pub fn render_plan(plan: &Plan, templates: &Templates) -> Result<Vec<u8>, Error> {
    Ok(write_docx(&plan_document(plan, templates)?)?)
}

/// The document model of a document of any kind: its template filled with `noi_dung`, the
/// frame from its fields.
pub fn general_document(
    doc: &GeneralDocument,
    templates: &Templates,
) -> Result<Document, Diagnostics> {
    compose::document::general_document(doc, templates)
}

/// The .docx bytes of a document of any kind.
pub fn render_document(doc: &GeneralDocument, templates: &Templates) -> Result<Vec<u8>, Error> {
    Ok(write_docx(&general_document(doc, templates)?)?)
}

/// The document model of one unit's report (báo cáo đơn vị), with its indicator table.
pub fn unit_report_document(
    plan: &Plan,
    report: &UnitReport,
    templates: &Templates,
) -> Result<Document, Diagnostics> {
    compose::unit::unit_document(plan, report, templates)
}

/// The .docx bytes of one unit's report.
pub fn render_unit_report(
    plan: &Plan,
    report: &UnitReport,
    templates: &Templates,
) -> Result<Vec<u8>, Error> {
    Ok(write_docx(&unit_report_document(plan, report, templates)?)?)
}

/// Consolidate the collected unit reports (báo cáo tổng hợp): the pure arithmetic, no document.
/// The units of [`Collected::rejected`] count as not reported.
pub fn consolidate(plan: &Plan, envelope: &Envelope, collected: &Collected) -> Consolidated {
    consolidate::consolidate(
        plan,
        envelope,
        &collected.reports,
        &collected.rejected_ids(),
    )
}

/// The document model of the consolidated report, with its indicator appendix.
pub fn consolidated_document(
    plan: &Plan,
    envelope: &Envelope,
    consolidated: &Consolidated,
    templates: &Templates,
) -> Result<Document, Diagnostics> {
    compose::consolidated::consolidated_document(plan, envelope, consolidated, templates)
}

/// The consolidated figures as a unit report of the higher level (xuất số liệu lên cấp trên):
/// the YAML bytes of a file the higher level's `consolidate` reads as one unit's report, with
/// the warnings (indicators without `ma_cap_tren` left out). See `src/consolidate/export.rs`.
///
/// Errors (located): the envelope has no `cap_tren` (the body's code at the higher level), no
/// date or no Kính gửi; no indicator of the plan has `ma_cap_tren`.
pub fn export_to_upper_level(
    plan: &Plan,
    envelope: &Envelope,
    consolidated: &Consolidated,
) -> Result<Warned<Vec<u8>>, Diagnostics> {
    consolidate::export::export(plan, envelope, consolidated)
}

/// A finished consolidated report.
#[derive(Debug, Clone)]
pub struct Consolidation {
    /// The .docx bytes.
    pub docx: Vec<u8>,
    /// The export to the higher level ([`export_to_upper_level`]), when it was asked for
    /// ([`render_consolidated_with_export`]).
    pub export: Option<Result<Warned<Vec<u8>>, Diagnostics>>,
    /// One line about the outcome (units reported, indicators met, missing and late units),
    /// in Vietnamese, e.g. `8 đơn vị báo cáo; đạt 14/19 chỉ tiêu; trễ hạn: …`.
    pub outcome: String,
}

/// Consolidate and write the consolidated report: the .docx bytes and the outcome line.
///
/// Takes the collected reports by value and frees each stage's input as soon as the next stage
/// has what it needs: with thousands of units the reports, then the consolidation, are the
/// largest things in memory. To refuse a consolidation with bad files first, see
/// [`Collected::refuse_partial`].
pub fn render_consolidated(
    plan: &Plan,
    envelope: &Envelope,
    collected: Collected,
    templates: &Templates,
) -> Result<Consolidation, Error> {
    render_consolidated_with_export(plan, envelope, collected, templates, false, None)
}

/// [`render_consolidated`], and with `export` also the export to the higher level
/// ([`Consolidation::export`]) from the same consolidation; with `previous` (last year's
/// results, [`load_previous_year`]) the report compares with last year.
pub fn render_consolidated_with_export(
    plan: &Plan,
    envelope: &Envelope,
    collected: Collected,
    templates: &Templates,
    export: bool,
    previous: Option<PreviousYear>,
) -> Result<Consolidation, Error> {
    let mut c = consolidate(plan, envelope, &collected);
    c.previous = previous;
    drop(collected);
    let export = export.then(|| export_to_upper_level(plan, envelope, &c));
    let doc = consolidated_document(plan, envelope, &c, templates)?;
    let outcome = c.outcome_line();
    drop(c);
    Ok(Consolidation {
        docx: write_docx(&doc)?,
        export,
        outcome,
    })
}

/// Lay out any document model and write its .docx bytes.
pub fn write_docx(doc: &Document) -> Result<Vec<u8>, DocxError> {
    docx::write(&layout::lay_out(doc))
}

/// Write laid-out pages (the writer alone, without the decree's layout) as .docx bytes.
pub fn write_pages(pages: &Pages) -> Result<Vec<u8>, DocxError> {
    docx::write(pages)
}

/// Internals for the integration tests, benchmarks and fuzz targets; not a stable API.
#[doc(hidden)]
pub mod internals {
    /// Consolidation arithmetic (per-indicator aggregation, unit results) and folder reading.
    pub mod consolidate {
        pub use crate::consolidate::{
            aggregate, consolidate, unit_results, Consolidated, IndicatorResult, Source, Status,
            Summary, UnitStatus,
        };
        /// Reading a folder of unit reports.
        pub mod collect {
            pub use crate::consolidate::collect::{collect, collect_files, report_files, Rejected};
        }
    }
    /// Reading data files: decoding, the YAML pass, raw structs, validation, domain types.
    pub mod data {
        pub use crate::data::{source, yaml, Checker};
        /// Kế hoạch.
        pub mod plan {
            pub use crate::data::plan::validate_plan;
        }
        /// Raw YAML structs.
        pub mod raw {
            pub use crate::data::raw::{RawPlan, PLAN_FIELDS};
        }
        /// Chỉ tiêu.
        pub mod indicator {
            pub use crate::data::indicator::{Direction, Evaluation, Indicator, Measure};
        }
        /// Báo cáo đơn vị.
        pub mod report {
            pub use crate::data::report::{FigureValue, Part, Unit, UnitReport};
        }
    }
    /// The built-in templates.
    pub mod template {
        pub use crate::template::BUILTIN;
    }
    /// The Markdown stage.
    pub mod markup {
        pub use crate::markup::{parse, Markup};
    }
    /// Text widths in Times New Roman (twips), as the layout measures them.
    pub mod layout {
        pub use crate::layout::measure::{styled_width_twips, text_width_twips};
    }
}
