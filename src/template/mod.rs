//! Stage 2, **template**: record + handlebars template → Markdown body.
//!
//! Built-in templates (`templates/*.md.hbs`) are embedded in the binary; `--templates DIR`
//! replaces any of them by a file of the same name in `DIR`. The registry runs in strict mode
//! (a missing field is an error naming the field and the template line) and escapes values for
//! Markdown, not HTML ([`escape`]).

pub(crate) mod check;
pub(crate) mod escape;
pub(crate) mod fields;
pub(crate) mod helpers;

use std::path::{Path, PathBuf};

use handlebars::{Handlebars, RenderError, RenderErrorReason, TemplateError};
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Location, Warned};
use crate::model::text;

/// A built-in template: (name, file name, text).
pub const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "ke-hoach",
        "ke-hoach.md.hbs",
        include_str!("../../templates/ke-hoach.md.hbs"),
    ),
    (
        "bao-cao",
        "bao-cao.md.hbs",
        include_str!("../../templates/bao-cao.md.hbs"),
    ),
    (
        "tong-hop",
        "tong-hop.md.hbs",
        include_str!("../../templates/tong-hop.md.hbs"),
    ),
    (
        "van-ban",
        "van-ban.md.hbs",
        include_str!("../../templates/van-ban.md.hbs"),
    ),
    (
        "quyet-dinh",
        "quyet-dinh.md.hbs",
        include_str!("../../templates/quyet-dinh.md.hbs"),
    ),
    (
        "giay-moi",
        "giay-moi.md.hbs",
        include_str!("../../templates/giay-moi.md.hbs"),
    ),
    (
        "giay-gioi-thieu",
        "giay-gioi-thieu.md.hbs",
        include_str!("../../templates/giay-gioi-thieu.md.hbs"),
    ),
    (
        "giay-nghi-phep",
        "giay-nghi-phep.md.hbs",
        include_str!("../../templates/giay-nghi-phep.md.hbs"),
    ),
    (
        "bien-ban",
        "bien-ban.md.hbs",
        include_str!("../../templates/bien-ban.md.hbs"),
    ),
];

/// Mẫu — the template registry: built-in templates, possibly overridden from a directory.
pub struct Templates {
    registry: Handlebars<'static>,
    /// Where each template came from, for messages: name → path.
    origins: Vec<(String, PathBuf)>,
    /// The (cleaned) text of each template: name → text, to locate markup problems.
    texts: Vec<(String, String)>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("origins", &self.origins)
            .finish()
    }
}

impl Templates {
    /// Load the built-in templates, then the `*.md.hbs` files of `dir` (if given), which replace
    /// built-ins of the same name and may add partials (`{{> name}}`).
    pub fn load(dir: Option<&Path>) -> Result<Warned<Templates>, Diagnostics> {
        Templates::load_only(dir, None)
    }

    /// Like [`Templates::load`], but compile only the built-in templates named in `only` (all
    /// when `None`); the files of `dir` are always loaded. Compiling a template costs about 1 ms
    /// per 1.5 KB, so a command loads only what it renders.
    pub fn load_only(
        dir: Option<&Path>,
        only: Option<&[&str]>,
    ) -> Result<Warned<Templates>, Diagnostics> {
        let mut reg = Handlebars::new();
        reg.set_strict_mode(true);
        reg.set_prevent_indent(true);
        reg.register_escape_fn(escape::escape_markdown);
        helpers::register_all(&mut reg);
        let mut t = Templates {
            registry: reg,
            origins: Vec::new(),
            texts: Vec::new(),
        };
        let mut diags = Diagnostics::new();
        let mut texts: Vec<(String, PathBuf, String)> = BUILTIN
            .iter()
            .filter(|(name, _, _)| only.is_none_or(|o| o.contains(name)))
            .map(|(name, file, text)| {
                (
                    name.to_string(),
                    PathBuf::from(format!("templates/{file} (mẫu có sẵn)")),
                    text.to_string(),
                )
            })
            .collect();
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir).map_err(|e| {
                Diagnostics::from(
                    Diagnostic::error(
                        Location::file(dir),
                        format!("không đọc được thư mục mẫu: {}", crate::data::io_vi(&e)),
                    )
                    .with_hint("--templates cần một thư mục chứa các tệp *.md.hbs"),
                )
            })?;
            let mut all: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            all.sort();
            let (mut files, others): (Vec<PathBuf>, Vec<PathBuf>) = all
                .into_iter()
                .partition(|p| p.to_string_lossy().ends_with(".md.hbs"));
            for p in others
                .iter()
                .filter(|p| p.to_string_lossy().ends_with(".hbs"))
            {
                diags.push(
                    Diagnostic::warning(
                        Location::file(p),
                        "tệp mẫu bị bỏ qua: tên tệp mẫu phải kết thúc bằng `.md.hbs`",
                    )
                    .with_hint("đổi tên, ví dụ `ke-hoach.hbs` → `ke-hoach.md.hbs`"),
                );
            }
            files.sort();
            for path in files {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().trim_end_matches(".md.hbs").to_string())
                    .unwrap_or_default();
                let src = crate::data::read_source(&path)?;
                for c in &src.controls {
                    diags.push(c.warning(&path, String::new()));
                }
                texts.retain(|(n, _, _)| n != &name);
                texts.push((name, path, src.text));
            }
        }
        for (name, path, text) in texts {
            // A template is cleaned as a whole, like a value: NFC (its control characters were
            // replaced when it was read).
            let text = match text::clean(&text) {
                std::borrow::Cow::Borrowed(_) => text,
                std::borrow::Cow::Owned(c) => c,
            };
            // handlebars locates every element by counting from the start of the text, so a long
            // comment makes compiling slower: the compiled text keeps only its line ends (line
            // numbers of errors do not change).
            let compiled = blank_comments(&text);
            // handlebars' parser is recursive: the nesting is bounded before it reads the text.
            if let Some((line, column, what)) = check::too_deep(&compiled) {
                diags.push(
                    Diagnostic::error(
                        Location::new(&path, line, column),
                        format!(
                            "mẫu `{name}` lồng {what} quá sâu: quá {} tầng tại đây",
                            check::MAX_DEPTH
                        ),
                    )
                    .with_hint("tách mẫu thành các mẫu con (`{{> ten}}`) hoặc bớt các khối lồng nhau"),
                );
            } else if let Err(e) = t.registry.register_template_string(&name, compiled) {
                diags.push(template_error(&path, &text, &e));
            }
            t.texts.push((name.clone(), text));
            t.origins.push((name, path));
        }
        if !diags.has_errors() {
            diags.extend(t.check());
        }
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(Warned::new(t, diags))
        }
    }

    /// Check every template against the fields of its document kind (a template that is not a
    /// kind's — a partial — is checked where it is included), then rewrite each `{{x}}` into
    /// the value helper ([`check`]).
    fn check(&mut self) -> Diagnostics {
        let mut out = Diagnostics::new();
        let partials = |name: &str| -> Option<check::Source<'_>> {
            let template = self.registry.get_template(name)?;
            let (_, path) = self.origins.iter().find(|(n, _)| n == name)?;
            let (_, text) = self.texts.iter().find(|(n, _)| n == name)?;
            Some(check::Source {
                name: self.origins.iter().find(|(n, _)| n == name).map(|(n, _)| n.as_str())?,
                template,
                path,
                text,
            })
        };
        for (name, _) in &self.origins {
            let Some(src) = partials(name) else { continue };
            let shape = crate::compose::template_fields(name).unwrap_or(fields::Shape::Any);
            let mut checker = check::Checker::new(&shape, &partials, helpers::NAMES);
            checker.check(&src);
            for d in checker.diags {
                if !out.0.iter().any(|o| o.location == d.location && o.message == d.message) {
                    out.push(d);
                }
            }
        }
        if out.has_errors() {
            return out;
        }
        let names: Vec<String> = self.origins.iter().map(|(n, _)| n.clone()).collect();
        for name in names {
            if let Some(mut tpl) = self.registry.get_template(&name).cloned() {
                check::rewrite_prints(&mut tpl, helpers::NAMES);
                self.registry.register_template(&name, tpl);
            }
        }
        out
    }

    fn origin(&self, name: &str) -> PathBuf {
        self.origins
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| PathBuf::from(name))
    }

    /// Point diagnostics of the markup stage at template `name`: its file, and the line and
    /// column of the first snippet quoted in the message (`…`) when the template contains it.
    /// Markup problems always come from the template: values are escaped and cannot make any.
    pub fn relocate(&self, name: &str, diags: Diagnostics) -> Diagnostics {
        let path = self.origin(name);
        let text = self
            .texts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
            .unwrap_or("");
        let located = diags
            .0
            .into_iter()
            .map(|mut d| {
                d.location.file = Some(path.clone());
                let snippet = d.message.split('`').nth(1).filter(|s| !s.trim().is_empty());
                if let Some(at) = snippet.and_then(|s| text.find(s.trim())) {
                    d.location.line = text[..at].matches('\n').count() + 1;
                    d.location.column = text[..at]
                        .rsplit('\n')
                        .next()
                        .map_or(0, |l| l.chars().count())
                        + 1;
                }
                d
            })
            .collect();
        Diagnostics(located)
    }

    /// Render template `name` with `context` into Markdown.
    pub fn render<T: Serialize>(&self, name: &str, context: &T) -> Result<String, Diagnostics> {
        self.registry
            .render(name, context)
            .map_err(|e| Diagnostics::from(self.render_error(name, &e)))
    }

    /// Fill template `name` and parse the Markdown it wrote: the body blocks and footnotes.
    /// Template and markup errors are located in the template file (file:line), for every
    /// document the same way.
    pub fn render_markup<T: Serialize>(
        &self,
        name: &str,
        context: &T,
    ) -> Result<crate::markup::Markup, Diagnostics> {
        let md = self.render(name, context)?;
        crate::markup::parse(&md, name).map_err(|d| self.relocate(name, d))
    }

    fn render_error(&self, name: &str, e: &RenderError) -> Diagnostic {
        let tpl = e.template_name.clone().unwrap_or_else(|| name.to_string());
        let loc = Location {
            file: Some(self.origin(&tpl)),
            line: e.line_no.unwrap_or(0),
            column: e.column_no.unwrap_or(0),
        };
        let (msg, hint) = match e.reason() {
            // Every name is a field of the kind (checked when the template loaded): here the
            // data file left an optional field out.
            RenderErrorReason::MissingVariable(Some(path)) => {
                let key = path.rsplit(['.', '/']).next().unwrap_or(path);
                (
                    format!("mẫu `{tpl}` in `{path}` nhưng tệp dữ liệu không ghi trường này"),
                    format!(
                        "ghi `{key}` trong tệp dữ liệu, hoặc bọc chỗ dùng trong `{{{{#if {path}}}}}…{{{{/if}}}}`"
                    ),
                )
            }
            RenderErrorReason::MissingVariable(None) => (
                format!("mẫu `{tpl}` dùng một trường không có trong dữ liệu"),
                "kiểm tra tên trường trong mẫu".to_string(),
            ),
            RenderErrorReason::HelperNotFound(h) => (
                format!("mẫu `{tpl}` gọi hàm `{h}` không tồn tại"),
                format!("các hàm có sẵn: {}", helpers::NAMES.join(", ")),
            ),
            RenderErrorReason::PartialNotFound(p) => (
                format!("mẫu `{tpl}` chèn mẫu con `{p}` không tồn tại"),
                format!("tạo tệp `{p}.md.hbs` trong thư mục --templates"),
            ),
            other => (
                format!("lỗi khi điền mẫu `{tpl}`: {other}"),
                "kiểm tra cú pháp handlebars tại vị trí này".to_string(),
            ),
        };
        Diagnostic::error(loc, msg).with_hint(hint)
    }
}

/// Find the block helper opened but never closed: (name, line, column) of the innermost
/// unmatched opener.
fn unclosed_block(text: &str) -> Option<(String, usize, usize)> {
    let mut stack: Vec<(String, usize, usize)> = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(i) = rest.find("{{") {
        let tag_start = offset + i;
        let after = rest[i + 2..].trim_start_matches(['~', '{']);
        let line = text[..tag_start].matches('\n').count() + 1;
        let column = text[..tag_start]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        if let Some(name) = after.strip_prefix('#') {
            let name: String = name
                .trim_start_matches(['>', '*'])
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '}' && *c != '~')
                .collect();
            stack.push((name, line, column));
        } else if let Some(name) = after.strip_prefix('/') {
            let name: String = name
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '}' && *c != '~')
                .collect();
            if let Some(pos) = stack.iter().rposition(|(n, _, _)| *n == name) {
                stack.truncate(pos);
            }
        }
        offset = tag_start + 2;
        rest = &text[offset..];
    }
    stack.pop()
}

/// Turn a handlebars parse error into a located Vietnamese diagnostic.
fn template_error(path: &Path, text: &str, e: &TemplateError) -> Diagnostic {
    let (line, column) = e.pos().unwrap_or((0, 0));
    let name = e.name().cloned().unwrap_or_default();
    if let Some((block, open_line, open_column)) = unclosed_block(text) {
        return Diagnostic::error(
            Location::new(path, open_line, open_column),
            format!("khối `{{{{#{block}}}}}` mở ở dòng {open_line} của mẫu `{name}` nhưng không được đóng"),
        )
        .with_hint(format!("thêm `{{{{/{block}}}}}` ở cuối khối"));
    }
    Diagnostic::error(
        Location::new(path, line, column),
        format!(
            "mẫu `{name}` sai cú pháp handlebars tại đây (chi tiết: {})",
            e.reason()
        ),
    )
    .with_hint("kiểm tra các cặp `{{` `}}` và `{{#…}}` / `{{/…}}`")
}

/// `text` with the inside of each `{{!-- … --}}` comment reduced to its line ends.
fn blank_comments(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("{{!--") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{!--") {
        let body = &rest[start + 5..];
        let Some(end) = body.find("--}}") else {
            break;
        };
        out.push_str(&rest[..start + 5]);
        out.extend(body[..end].chars().filter(|c| *c == '\n'));
        out.push_str("--}}");
        rest = &body[end + 4..];
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_keep_their_line_ends() {
        let t = "a\n{{!-- x\ny {{z}} --}}\nb {{!-- q --}}";
        assert_eq!(blank_comments(t), "a\n{{!--\n--}}\nb {{!----}}");
        assert_eq!(blank_comments("{{!-- open"), "{{!-- open");
    }

    #[test]
    fn finds_the_unclosed_block_and_its_line() {
        let t = "a\n{{#each x}}\n{{#if y}}b{{/if}}\n";
        assert_eq!(unclosed_block(t), Some(("each".into(), 2, 1)));
        assert_eq!(unclosed_block("{{#if a}}{{/if}}"), None);
    }
}
