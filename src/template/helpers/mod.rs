//! Handlebars helpers, one file per concern, all registered by [`register_all`].

mod date;
mod number;
mod text;

use handlebars::Handlebars;

/// The names of every helper, for "unknown helper" hints.
pub(crate) const NAMES: &[&str] = &[
    "ngay",
    "ngay_ngan",
    "so",
    "la_ma",
    "stt",
    "dinh_dang",
    "o",
    "markdown",
];

/// Register every helper on `reg`.
pub(crate) fn register_all(reg: &mut Handlebars<'_>) {
    reg.register_helper("ngay", Box::new(date::ngay));
    reg.register_helper("ngay_ngan", Box::new(date::ngay_ngan));
    reg.register_helper("so", Box::new(number::so));
    reg.register_helper("la_ma", Box::new(number::la_ma));
    reg.register_helper("stt", Box::new(number::stt));
    reg.register_helper("dinh_dang", Box::new(text::dinh_dang));
    reg.register_helper("o", Box::new(text::o));
    reg.register_helper("markdown", Box::new(text::markdown));
    reg.register_helper(super::check::PRINT_HELPER, Box::new(text::gia_tri));
}
