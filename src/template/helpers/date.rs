//! Date helpers: `{{ngay d}}` → `ngày 05 tháng 01 năm 2025`, `{{ngay_ngan d}}` → `05/01/2025`.
//!
//! `d` is a date string `2025-01-05` or `05/01/2025`. The padding rule (days < 10 and months
//! 1–2 zero-padded) is NĐ 30 Phụ lục I, II.4, implemented once in [`crate::model::format`].

use handlebars::{handlebars_helper, RenderError, RenderErrorReason};

use crate::data::frame::parse_date;
use crate::model::format::{date_long, date_short};

fn parse(s: &str, helper: &'static str) -> Result<chrono::NaiveDate, RenderError> {
    parse_date(s).map_err(|m| RenderErrorReason::Other(format!("hàm `{helper}`: {m}")).into())
}

handlebars_helper!(ngay: |d: str| parse(d, "ngay").map(date_long)?);
handlebars_helper!(ngay_ngan: |d: str| parse(d, "ngay_ngan").map(date_short)?);
