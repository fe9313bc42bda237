//! The one integration test binary: `mod` per feature area.
//!
//! Golden files are regenerated with `UPDATE_GOLDEN=1 cargo test` (see `support::golden`).

// Tests never time themselves (clippy's disallowed `Instant::now`): timing lives in the
// benchmark, `benches/consolidate.rs`.
#![allow(unreachable_pub, missing_docs)]

mod support;

mod cli;

mod across_levels;
mod consolidate;
mod plan;
mod previous_year;

mod diagnostics;
mod diagnostics_reports;
mod reading;

mod cases;
mod writer;

mod properties;

mod cases_reports;
mod consolidated_report;
mod report_content;

mod kinds;

mod layout;

mod templates;

mod hard_inputs;

mod forms;

mod trial;

mod check;

mod pdf;

mod import;
