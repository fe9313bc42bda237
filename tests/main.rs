//! The one integration test binary: `mod` per feature area.
//!
//! Golden files are regenerated with `UPDATE_GOLDEN=1 cargo test` (see `support::golden`).

// Tests may time themselves (scale cases); the clock never reaches a document.
#![allow(unreachable_pub, missing_docs, clippy::disallowed_methods)]

mod support;

mod consolidate;
mod plan;

mod diagnostics;
mod diagnostics_reports;
mod reading;

mod cases;

mod properties;

mod cases_reports;
