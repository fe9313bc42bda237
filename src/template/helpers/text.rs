//! Text helpers: `{{dinh_dang x}}` writes rich text (emphasis and footnote references kept, the
//! rest escaped); `{{o x}}` writes a value into a Markdown table cell (all newlines → `<br>`).
//!
//! `{{markdown x}}` writes a field whose value is Markdown by design (`noi_dung`, `dieu` of a
//! document) as it is: its headings, lists and tables are kept.
//!
//! `{{x}}` itself is rewritten into `{{gia_tri x}}` when the template loads: a value, or a text
//! given as lines (joined by line breaks), never `[…]`.
//!
//! They write to the output directly, so their result is not escaped a second time.

use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderErrorReason,
};

use crate::template::escape::{escape_cell, escape_markdown, escape_rich};

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

/// `{{gia_tri x}}`, what every `{{x}}` becomes: a value escaped for Markdown; a text given as
/// lines is printed with its lines joined by line breaks. A group or a list of groups is refused
/// when the template loads; reaching one here is an error too, never `[object]`.
pub(super) fn gia_tri(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let p = h
        .param(0)
        .ok_or(RenderErrorReason::ParamNotFoundForIndex("gia_tri", 0))?;
    // A field the data may leave out (null) is never printed as a silent blank either: the
    // template wraps it in `{{#if x}}`.
    if p.is_value_missing() || p.value().is_null() {
        return Err(RenderErrorReason::MissingVariable(p.relative_path().cloned()).into());
    }
    let scalar = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => Some(String::new()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    let text = match p.value() {
        serde_json::Value::Array(a) => a
            .iter()
            .map(scalar)
            .collect::<Option<Vec<_>>>()
            .map(|l| l.join("\n")),
        v => scalar(v),
    };
    let Some(text) = text else {
        let name = p.relative_path().cloned().unwrap_or_default();
        return Err(RenderErrorReason::Other(format!(
            "`{name}` là một nhóm trường hoặc danh sách, không in được thành một giá trị"
        ))
        .into());
    };
    out.write(&escape_markdown(&text))?;
    Ok(())
}

/// `{{markdown x}}`: a Markdown field (`noi_dung`, `dieu`) written as it is. Triple braces are
/// refused when a template loads; this is the one explicit way to let data format.
pub(super) fn markdown(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&param_text(h, "markdown")?)?;
    Ok(())
}
