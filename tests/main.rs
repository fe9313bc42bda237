//! The one integration test binary: `mod` per feature area.
//!
//! Golden files are regenerated with `UPDATE_GOLDEN=1 cargo test` (see `support::golden`).

#![allow(unreachable_pub, missing_docs)]

mod support;

mod plan;

mod diagnostics;

mod cases;

mod properties;
