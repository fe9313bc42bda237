//! Text helpers: `{{dinh_dang x}}` writes rich text (emphasis and footnote references kept, the
//! rest escaped); `{{o x}}` writes a value into a Markdown table cell (all newlines → `<br>`).
//!
//! They write to the output directly, so their result is not escaped a second time.

use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderErrorReason,
};

use crate::template::escape::{escape_cell, escape_rich};

fn param_text(h: &Helper<'_>, name: &'static str) -> Result<String, RenderErrorReason> {
    let p = h
        .param(0)
        .ok_or(RenderErrorReason::ParamNotFoundForIndex(name, 0))?;
    // Strict mode covers `{{x}}` but not a helper's parameter: a misspelt field passed to a
    // helper must be an error too, never a silent blank.
    if p.is_value_missing() {
        return Err(RenderErrorReason::MissingVariable(
            p.relative_path().cloned(),
        ));
    }
    let v = p.value();
    Ok(match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        serde_json::Value::Array(a) => a
            .iter()
            .map(|x| {
                x.as_str()
                    .map(String::from)
                    .unwrap_or_else(|| x.to_string())
            })
            .collect::<Vec<_>>()
            .join("\n\n"),
        other => other.to_string(),
    })
}

/// `{{dinh_dang x}}`: rich text.
pub(super) fn dinh_dang(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&escape_rich(&param_text(h, "dinh_dang")?))?;
    Ok(())
}

/// `{{o x}}`: a table-cell value.
pub(super) fn o(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&escape_cell(&param_text(h, "o")?))?;
    Ok(())
}
