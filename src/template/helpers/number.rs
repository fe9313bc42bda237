//! Number helpers: `{{so x}}` (Vietnamese decimal comma, `{{so x chu_so=2}}` for 2 decimals;
//! default 1), `{{la_ma n}}` (Roman numeral), `{{stt @index}}` (0-based index → 1-based number).

use handlebars::handlebars_helper;

use crate::model::format::{number, roman};

handlebars_helper!(so: |x: f64, {chu_so: u64 = 1}| number(x, chu_so as usize));
handlebars_helper!(la_ma: |n: u64| roman(n as u32).unwrap_or_else(|| n.to_string()));
handlebars_helper!(stt: |i: u64| i + 1);
