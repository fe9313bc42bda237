//! Fuzz target `data_load`: bytes → source::decode → yaml::parse::<RawPlan> → validate_plan, and
//! for a plan without errors the rest of the pipeline (template, markup, docx).
//!
//! Properties: no panic, no hang; a plan that validates renders to a package that passes the
//! pre-write check (an `Error::Docx` would be a bug in vanban).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use vanban::internals::data::plan::validate_plan;
use vanban::internals::data::raw::{RawPlan, PLAN_FIELDS};
use vanban::internals::data::{source, yaml, Checker};
use vanban::Templates;

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| Templates::load(None).expect("built-in templates").value)
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.yaml");
    let Ok(src) = source::decode(path, data) else {
        return;
    };
    let Ok(parsed) = yaml::parse::<RawPlan>(&src, PLAN_FIELDS) else {
        return;
    };
    let mut c = Checker::new(&src, &parsed.locator);
    let plan = validate_plan(&mut c, parsed.value);
    if c.diags.has_errors() {
        for d in c.diags.errors() {
            assert!(!d.message.is_empty());
        }
        return;
    }
    match vanban::render_plan(&plan, templates()) {
        Ok(bytes) => assert!(bytes.starts_with(b"PK")),
        Err(vanban::Error::Input(d)) => assert!(d.has_errors()),
        Err(e) => panic!("internal error on a valid plan: {e}"),
    }
});
