//! Stage 2, **template**: record + handlebars template → Markdown body.
//!
//! Built-in templates (`templates/*.md.hbs`) are embedded in the binary; `--templates DIR`
//! replaces any of them by a file of the same name in `DIR`. When they load, templates are
//! checked against the fields of their document kind ([`check`], [`crate::data::fields`]): every
//! name they read, groups and lists printed as values, triple braces, nesting; syntax errors are
//! told in Vietnamese at the opening tag of the block left open. The registry runs in strict mode
//! (a field left out of the data is an error naming the key and the template line) and escapes
//! values for Markdown, not HTML ([`escape`]).

pub(crate) mod check;
pub(crate) mod escape;
pub(crate) mod helpers;

use std::path::{Path, PathBuf};

use handlebars::{Handlebars, RenderError, RenderErrorReason, TemplateError};
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Location, Warned};
use crate::model::text;

/// Where a built-in template comes from, as `-v` and diagnostics name it: the program itself,
/// not a file (`vanban templates` writes them out to edit).
pub const BUILTIN_ORIGIN: &str = "(mẫu có sẵn trong chương trình)";

/// A file of the templates folder that is not a template, but whose name is close to a built-in
/// template's (`ke_hoach.md.hbs`, Notepad's `ke-hoach.md.hbs.txt`, `ke-hoach.hbs`): a warning
/// with the right name. `None` for other files (and for partials, which `texts` include).
fn misnamed(path: &Path, texts: &[(String, PathBuf, String)]) -> Option<Diagnostic> {
    let name = path.file_name()?.to_string_lossy().to_string();
    let mut base = name.to_lowercase();
    while let Some(b) = [".txt", ".hbs", ".md", ".handlebars"]
        .iter()
        .find_map(|x| base.strip_suffix(x))
    {
        base = b.to_string();
    }
    let key = base.replace(['_', ' '], "-");
    if BUILTIN
        .iter()
        .any(|(n, _, _)| *n == name.trim_end_matches(".md.hbs"))
    {
        return None;
    }
    // A partial, used as `{{> name}}` by a template: not a misnamed template.
    let partial = name.strip_suffix(".md.hbs").is_some_and(|p| {
        texts
            .iter()
            .any(|(_, _, t)| t.contains(&format!("{{{{> {p}")) || t.contains(&format!("{{{{>{p}")))
    });
    if partial {
        return None;
    }
    let (score, file) = BUILTIN
        .iter()
        .map(|(n, f, _)| (strsim::normalized_damerau_levenshtein(&key, n), *f))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    if score < 0.75 && (!name.ends_with(".hbs") || name.ends_with(".md.hbs")) {
        return None;
    }
    let shown = path.display();
    let mut d = Diagnostic::warning(
        Location::file(path),
        if score >= 0.75 {
            format!("tệp `{shown}` không phải tên mẫu nào (bị bỏ qua); có phải ý bạn là `{file}`?")
        } else {
            format!("tệp `{shown}` không phải tên mẫu nào (bị bỏ qua): tên tệp mẫu phải kết thúc bằng `.md.hbs`")
        },
    );
    if name.to_lowercase().ends_with(".txt") {
        d = d.with_hint(
            "Notepad thêm đuôi `.txt`: đổi tên tệp, hoặc khi lưu chọn \"Save as type: All files\"; xem tên các mẫu bằng `vanban templates`",
        );
    } else {
        d = d.with_hint(format!(
            "đổi tên tệp thành `{file}`; tên các mẫu có sẵn: `vanban templates --list`"
        ));
    }
    Some(d)
}

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
    /// The templates rendered since the last [`Templates::take_used`], in order (for `-v`).
    used: std::sync::Mutex<Vec<String>>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("origins", &self.origins)
            .finish()
    }
}

impl Templates {
    /// The templates rendered since the last call, each once, with the file each came from
    /// ([`BUILTIN_ORIGIN`] for a built-in one); for `-v`.
    pub fn take_used(&self) -> Vec<(String, PathBuf)> {
        let names = self
            .used
            .lock()
            .map(|mut u| std::mem::take(&mut *u))
            .unwrap_or_default();
        let mut out: Vec<(String, PathBuf)> = Vec::new();
        for n in names {
            if !out.iter().any(|(m, _)| *m == n) {
                let origin = self.origin(&n);
                out.push((n, origin));
            }
        }
        out
    }
}

impl Templates {
    /// Load the built-in templates, then the `*.md.hbs` files of `dir` (if given), which replace
    /// built-ins of the same name and may add partials (`{{> name}}`).
    pub fn load(dir: Option<&Path>) -> Result<Warned<Templates>, Diagnostics> {
        Templates::load_only(dir, None)
    }

    /// Like [`Templates::load`], but compile only the built-in templates named in `only` (all
    /// when `None`), and of the files of `dir` only their replacements and the partials (files
    /// not named like a built-in template). Compiling a template costs about 1 ms
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
            used: Default::default(),
        };
        let mut diags = Diagnostics::new();
        let mut texts: Vec<(String, PathBuf, String)> = BUILTIN
            .iter()
            .filter(|(name, _, _)| only.is_none_or(|o| o.contains(name)))
            .map(|(name, file, text)| {
                let _ = file;
                (
                    name.to_string(),
                    PathBuf::from(BUILTIN_ORIGIN),
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
            let mut misnamed_files: Vec<PathBuf> = others;
            files.sort();
            for path in files {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().trim_end_matches(".md.hbs").to_string())
                    .unwrap_or_default();
                // A built-in's replacement that this command does not render is not compiled
                // either (the working folder's `templates/` holds them all); partials are.
                let builtin = BUILTIN.iter().any(|(n, _, _)| *n == name);
                if builtin && only.is_some_and(|o| !o.contains(&name.as_str())) {
                    continue;
                }
                let src = crate::data::read_source(&path)?;
                for c in &src.controls {
                    diags.push(c.warning(&path, String::new()));
                }
                if !builtin {
                    misnamed_files.push(path.clone());
                }
                texts.retain(|(n, _, _)| n != &name);
                texts.push((name, path, src.text));
            }
            for p in &misnamed_files {
                if let Some(d) = misnamed(p, &texts) {
                    diags.push(d);
                }
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
                    .with_hint(
                        "tách mẫu thành các mẫu con (`{{> ten}}`) hoặc bớt các khối lồng nhau",
                    ),
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
            let (name, path) = self.origins.iter().find(|(n, _)| n == name)?;
            let (_, text) = self.texts.iter().find(|(n, _)| n == name)?;
            Some(check::Source {
                name,
                template,
                path,
                text,
            })
        };
        for (name, _) in &self.origins {
            let Some(src) = partials(name) else { continue };
            let shape =
                crate::compose::template_fields(name).unwrap_or(crate::data::fields::Shape::Any);
            let mut checker = check::Checker::new(&shape, &partials, helpers::NAMES);
            checker.check(&src);
            for d in checker.diags {
                if !out
                    .0
                    .iter()
                    .any(|o| o.location == d.location && o.message == d.message)
                {
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
        if let Ok(mut used) = self.used.lock() {
            used.push(name.to_string());
        }
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
            cell: None,
        };
        let (msg, hint) = match e.reason() {
            // Every name is a field of the kind (checked when the template loaded): here the
            // data file left an optional field out.
            RenderErrorReason::MissingVariable(Some(path)) => {
                let written = match path.rsplit_once(['.', '/']) {
                    Some((group, key)) => format!("`{key}:` trong `{group}:`"),
                    None => format!("`{path}:`"),
                };
                (
                    format!("mẫu `{tpl}` in `{path}` nhưng tệp dữ liệu không ghi trường này"),
                    format!(
                        "ghi {written} trong tệp dữ liệu, hoặc bọc chỗ dùng trong `{{{{#if {path}}}}}…{{{{/if}}}}`"
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
            RenderErrorReason::ParamNotFoundForIndex(h, i) => (
                format!("mẫu `{tpl}` gọi `{h}` thiếu tham số thứ {}", i + 1),
                format!("ví dụ `{{{{#{h} ten_truong}}}}` hoặc `{{{{{h} ten_truong}}}}`"),
            ),
            RenderErrorReason::ParamTypeMismatchForName(h, p, t)
            | RenderErrorReason::HashTypeMismatchForName(h, p, t) => (
                format!(
                    "mẫu `{tpl}` đưa vào hàm `{h}` tham số `{p}` không đúng loại (cần {})",
                    match t.as_str() {
                        "f64" | "u64" | "i64" => "một số",
                        "str" => "một văn bản",
                        _ => "loại khác",
                    }
                ),
                "kiểm tra trường đưa vào hàm: số cho `so`, ngày cho `ngay`".to_string(),
            ),
            RenderErrorReason::Other(m) => (
                format!("lỗi khi điền mẫu `{tpl}`: {m}"),
                "kiểm tra chỗ dùng trong mẫu tại vị trí này".to_string(),
            ),
            _ => (
                format!("lỗi khi điền mẫu `{tpl}` tại vị trí này"),
                "kiểm tra cú pháp handlebars tại vị trí này".to_string(),
            ),
        };
        Diagnostic::error(loc, msg).with_hint(hint)
    }
}

/// A tag of a template's text: `{{…}}` (comments skipped).
struct Tag<'t> {
    /// Byte offset of `{{`.
    start: usize,
    /// The text between the braces (without `{`, `}` and `~`), or the rest of the line when
    /// the tag is never closed.
    inner: &'t str,
    /// Whether `}}` ends it before the next `{{`.
    closed: bool,
}

/// The tags of `text`, in order; `\{{` (escaped) and comments are not tags.
fn tags(text: &str) -> Vec<Tag<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find("{{") {
        let start = at + i;
        if text[..start].ends_with('\\') {
            at = start + 2;
            continue;
        }
        let body = &text[start..];
        if body.starts_with("{{!--") {
            at = body.find("--}}").map_or(text.len(), |e| start + e + 4);
            continue;
        }
        if body.starts_with("{{!") {
            at = body.find("}}").map_or(text.len(), |e| start + e + 2);
            continue;
        }
        let after = &body[2..];
        let end = after.find("}}");
        let next = after.find("{{");
        match end {
            Some(e) if next.is_none_or(|n| e < n) => {
                let inner = after[..e].trim_matches(['{', '}', '~', ' ']);
                out.push(Tag {
                    start,
                    inner,
                    closed: true,
                });
                at = start + 2 + e + 2;
            }
            _ => {
                let line_end = after.find('\n').unwrap_or(after.len());
                let stop = next.map_or(line_end, |n| n.min(line_end));
                out.push(Tag {
                    start,
                    inner: after[..stop].trim_end(),
                    closed: false,
                });
                at = start + 2;
            }
        }
    }
    out
}

/// The name of a block tag: `#each muc_dich` → `each`.
fn block_name(s: &str) -> String {
    s.trim_start_matches(['>', '*'])
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '}' && *c != '~')
        .collect()
}

/// Line and column (1-based, columns in characters) of byte `at` of `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    (
        before.matches('\n').count() + 1,
        before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
    )
}

/// What is wrong with the tags of a template handlebars could not parse, in Vietnamese:
/// (byte offset to point at, message, hint). A tag never closed, a block closed by another's
/// `{{/…}}`, a `{{/…}}` with no block, a block never closed (at its opening tag).
fn structure_problem(name: &str, text: &str) -> Option<(usize, String, String)> {
    let all = tags(text);
    if let Some(t) = all.iter().find(|t| !t.closed) {
        return Some((
            t.start,
            format!(
                "thẻ `{{{{{}` của mẫu `{name}` không được đóng bằng `}}}}`",
                t.inner
            ),
            "mỗi thẻ mở bằng `{{` và đóng bằng `}}` trên cùng dòng, ví dụ `{{dia_danh}}`".into(),
        ));
    }
    let mut stack: Vec<(String, usize)> = Vec::new();
    for t in &all {
        if let Some(open) = t.inner.strip_prefix('#') {
            stack.push((block_name(open), t.start));
        } else if let Some(close) = t.inner.strip_prefix('/') {
            let close = block_name(close);
            match stack.pop() {
                Some((open, _)) if open == close => {}
                Some((open, at)) => {
                    let (line, _) = line_col(text, t.start);
                    let (open_line, _) = line_col(text, at);
                    return Some((
                        at,
                        format!(
                            "khối `{{{{#{open}}}}}` mở ở dòng {open_line} của mẫu `{name}` chưa được đóng thì đã gặp `{{{{/{close}}}}}` ở dòng {line}"
                        ),
                        format!("thêm `{{{{/{open}}}}}` trước `{{{{/{close}}}}}`"),
                    ));
                }
                None => {
                    return Some((
                        t.start,
                        format!("`{{{{/{close}}}}}` của mẫu `{name}` đóng một khối chưa được mở"),
                        format!("xóa `{{{{/{close}}}}}` hoặc mở khối bằng `{{{{#{close} …}}}}` trước nó"),
                    ));
                }
            }
        }
    }
    stack.pop().map(|(open, at)| {
        let (open_line, _) = line_col(text, at);
        (
            at,
            format!("khối `{{{{#{open}}}}}` mở ở dòng {open_line} của mẫu `{name}` nhưng không được đóng"),
            format!("thêm `{{{{/{open}}}}}` ở cuối khối"),
        )
    })
}

/// Turn a handlebars parse error into a located Vietnamese diagnostic: the structure of the
/// tags first (see [`structure_problem`]), else the tag where handlebars stopped.
fn template_error(path: &Path, text: &str, e: &TemplateError) -> Diagnostic {
    let name = e.name().cloned().unwrap_or_default();
    if let Some((at, message, hint)) = structure_problem(&name, text) {
        let (line, column) = line_col(text, at);
        return Diagnostic::error(Location::new(path, line, column), message).with_hint(hint);
    }
    let (line, column) = e.pos().unwrap_or((0, 0));
    // The tag that holds the position handlebars gives.
    let offset: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + text
            .split_inclusive('\n')
            .nth(line.saturating_sub(1))
            .map_or(0, |l| {
                l.chars()
                    .take(column.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum()
            });
    let tag = tags(text)
        .into_iter()
        .rfind(|t| t.start <= offset)
        .map(|t| t.inner.to_string());
    let (line, column, what) = match tag {
        Some(inner) => {
            let start = text[..offset.min(text.len())].rfind("{{").unwrap_or(0);
            let (l, c) = line_col(text, start);
            (l, c, format!("thẻ `{{{{{inner}}}}}`"))
        }
        None => (line, column, "chỗ này".to_string()),
    };
    Diagnostic::error(
        Location::new(path, line, column),
        format!("mẫu `{name}` viết sai cú pháp handlebars ở {what}"),
    )
    .with_hint(
        "một thẻ là `{{ten_truong}}`, `{{ham tham_so}}` hoặc một khối `{{#if ten}}…{{/if}}`; tên trường viết liền, nối bằng `_` hoặc `.`",
    )
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
    fn finds_what_is_wrong_with_the_tags() {
        let at = |t: &str| structure_problem("x", t).map(|(at, m, _)| (line_col(t, at), m));
        let (pos, m) = at("a\n{{#each x}}\n{{#if y}}b{{/if}}\n").expect("unclosed");
        assert_eq!(pos, (2, 1));
        assert!(m.contains("`{{#each}}` mở ở dòng 2"), "{m}");
        assert_eq!(at("{{#if a}}{{/if}} {{!-- {{#if --}} \\{{#if"), None);
        // Closed by another block's end: the opening tag of the one left open.
        let (pos, m) = at("{{#if a}}\n  {{#each b}}\n{{/if}}").expect("mismatch");
        assert_eq!(pos, (2, 3));
        assert!(m.contains("gặp `{{/if}}` ở dòng 3"), "{m}");
        let (pos, m) = at("x\n{{/each}}").expect("stray");
        assert_eq!(pos, (2, 1));
        assert!(m.contains("chưa được mở"), "{m}");
        let (pos, m) = at("a {{dia_danh}\nb").expect("tag");
        assert_eq!(pos, (1, 3));
        assert!(m.contains("`{{dia_danh}`"), "{m}");
    }
}
