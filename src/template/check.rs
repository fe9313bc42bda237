//! Kiểm tra mẫu khi nạp — checks run on the compiled template (handlebars' AST), before any data
//! is filled in:
//!
//! - every name the template reads (`{{x}}`, `{{x.y}}`, `#if`, `#unless`, `#each`, `#with`,
//!   `lookup`, any helper's arguments, `this.x`, `../x`, `@root.x`, block parameters, partials)
//!   is a field of the document kind ([`Shape`]), with "có phải ý bạn là …?" for a typo;
//! - a group or a list is never printed as a value (`{{ky}}` → `{{ky.nguoi_ky}}`);
//! - triple braces `{{{x}}}` (unescaped output: data would become formatting) are refused;
//! - partials never include themselves, and chain at most [`MAX_PARTIALS`] deep;
//! - blocks are nested at most [`MAX_DEPTH`] deep, counted on the text before handlebars parses
//!   it (its parser is recursive: 5,000 nested blocks would overflow the stack).
//!
//! Every `{{x}}` is then rewritten into a call of the value helper ([`PRINT_HELPER`]), which
//! prints a text given as lines with its lines joined, never `[…]`.

use std::path::Path;

use handlebars::template::{BlockParam, HelperTemplate, Parameter, TemplateElement};
use handlebars::{PathSeg, Template};

use super::line_col;
use crate::data::fields::{Shape, ANY};
use crate::data::yaml::did_you_mean;
use crate::diag::{Diagnostic, Location};

/// The deepest nesting of blocks (`{{#…}}`) and subexpressions a template may have.
pub(crate) const MAX_DEPTH: usize = 40;

/// The longest chain of partials (`{{> a}}` inside `{{> b}}` …) a template may include.
pub(crate) const MAX_PARTIALS: usize = 8;

/// The helper every `{{x}}` is rewritten into (see [`super::helpers`]).
pub(crate) const PRINT_HELPER: &str = "gia_tri";

/// The block and value helpers handlebars itself provides.
const BUILTIN_HELPERS: &[&str] = &[
    "if", "unless", "each", "with", "lookup", "raw", "log", "eq", "ne", "gt", "gte", "lt", "lte",
    "and", "or", "not", "len",
];

/// The first place where blocks or subexpressions nest deeper than [`MAX_DEPTH`]: (line,
/// column, what). A cheap scan of the text: `{{#…}}` opens, `{{/…}}` closes, `(` inside a tag
/// opens a subexpression.
pub(crate) fn too_deep(text: &str) -> Option<(usize, usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && bytes[i + 1] == b'{' {
            let start = i;
            i += 2;
            while i < bytes.len() && matches!(bytes[i], b'{' | b'~' | b' ') {
                i += 1;
            }
            match bytes.get(i) {
                Some(b'#') => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        let (l, c) = line_col(text, start);
                        return Some((l, c, "khối"));
                    }
                }
                Some(b'/') => depth = depth.saturating_sub(1),
                _ => {}
            }
            // Subexpressions inside the tag.
            let mut parens = 0usize;
            while i + 1 < bytes.len() && !(bytes[i] == b'}' && bytes[i + 1] == b'}') {
                match bytes[i] {
                    b'(' => {
                        parens += 1;
                        if parens > MAX_DEPTH {
                            let (l, c) = line_col(text, i);
                            return Some((l, c, "biểu thức con"));
                        }
                    }
                    b')' => parens = parens.saturating_sub(1),
                    _ => {}
                }
                i += 1;
            }
        }
        i += 1;
    }
    None
}

/// Rewrite every `{{x}}` of `t` (a path printed, not a helper call) into `{{gia_tri x}}`.
pub(crate) fn rewrite_prints(t: &mut Template, helpers: &[&str]) {
    for e in &mut t.elements {
        match e {
            TemplateElement::Expression(h) if h.params.is_empty() && h.hash.is_empty() => {
                let path = match &h.name {
                    Parameter::Name(n)
                        if !helpers.contains(&n.as_str())
                            && !BUILTIN_HELPERS.contains(&n.as_str()) =>
                    {
                        handlebars::Path::parse(n).ok().map(Parameter::Path)
                    }
                    Parameter::Path(_) => Some(h.name.clone()),
                    _ => None,
                };
                if let Some(p) = path {
                    h.params = vec![p];
                    h.name = Parameter::Name(PRINT_HELPER.into());
                }
            }
            TemplateElement::HelperBlock(h) => {
                for inner in [&mut h.template, &mut h.inverse].into_iter().flatten() {
                    rewrite_prints(inner, helpers);
                }
            }
            TemplateElement::PartialBlock(d) | TemplateElement::DecoratorBlock(d) => {
                if let Some(inner) = &mut d.template {
                    rewrite_prints(inner, helpers);
                }
            }
            _ => {}
        }
    }
}

/// A template as the checker reads it: compiled, with its file and text for locations.
pub(crate) struct Source<'a> {
    /// Tên mẫu.
    pub name: &'a str,
    /// The compiled template.
    pub template: &'a Template,
    /// Its file, for messages.
    pub path: &'a Path,
    /// Its text, for columns.
    pub text: &'a str,
}

/// One level of data the template is in: the root, an item of `#each`, the group of `#with`.
struct Frame<'s> {
    shape: &'s Shape,
    /// What this level is, for messages (`mỗi mục của `muc_tieu``); empty at the root.
    what: String,
    /// Block parameters (`as |muc i|`) bound here.
    params: Vec<(String, &'s Shape)>,
}

/// The checker: walks a template and its partials against a shape.
pub(crate) struct Checker<'a, 's> {
    /// Finds a partial by name.
    pub partials: &'a dyn Fn(&str) -> Option<Source<'a>>,
    /// Helper names registered by vanban.
    pub helpers: &'a [&'a str],
    frames: Vec<Frame<'s>>,
    /// Partials being walked (against recursion).
    stack: Vec<String>,
    /// Where a tag without a position of its own is (the block of an `{{else if}}` chain).
    fallback: Option<(usize, usize)>,
    /// Problems found.
    pub diags: Vec<Diagnostic>,
}

impl<'a, 's> Checker<'a, 's> {
    /// A checker for data of shape `root`.
    pub(crate) fn new(
        root: &'s Shape,
        partials: &'a dyn Fn(&str) -> Option<Source<'a>>,
        helpers: &'a [&'a str],
    ) -> Self {
        Checker {
            partials,
            helpers,
            frames: vec![Frame {
                shape: root,
                what: String::new(),
                params: Vec::new(),
            }],
            stack: Vec::new(),
            fallback: None,
            diags: Vec::new(),
        }
    }

    /// Check template `src`.
    pub(crate) fn check(&mut self, src: &Source<'_>) {
        self.stack.push(src.name.to_string());
        self.walk(src, src.template);
        self.stack.pop();
    }

    fn at(&self, src: &Source<'_>, t: &Template, i: usize, needle: &str) -> Location {
        let (line, col) = t
            .mapping
            .get(i)
            .map(|m| (m.0, m.1))
            .or(self.fallback)
            .unwrap_or((0, 0));
        // The name's own column when it is on the tag's line.
        let column = src
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .and_then(|l| {
                let from: usize = l
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                l.get(from..)
                    .and_then(|rest| rest.find(needle))
                    .map(|k| l[..from + k].chars().count() + 1)
            })
            .unwrap_or(col);
        Location::new(src.path, line, column)
    }

    fn walk(&mut self, src: &Source<'_>, t: &Template) {
        for (i, e) in t.elements.iter().enumerate() {
            match e {
                TemplateElement::HtmlExpression(h) => {
                    let name = param_text(&h.name);
                    self.diags.push(
                        Diagnostic::error(
                            self.at(src, t, i, "{{{"),
                            format!(
                                "mẫu `{}` dùng ba dấu ngoặc `{{{{{{{name}}}}}}}`: giá trị sẽ được in không thoát, chữ trong dữ liệu có thể thành định dạng (đậm, chú thích, tiêu đề)",
                                src.name
                            ),
                        )
                        .with_hint(format!(
                            "viết `{{{{{name}}}}}` (in nguyên văn) hoặc `{{{{dinh_dang {name}}}}}` (giữ *nghiêng*, **đậm**, chú thích); trường nội dung Markdown (`noi_dung`) viết `{{{{markdown {name}}}}}`"
                        )),
                    );
                }
                TemplateElement::Expression(h) => self.expression(src, t, i, h),
                TemplateElement::HelperBlock(h) => self.block(src, t, i, h),
                TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                    let name = param_text(&d.name);
                    if let Some(inner) = &d.template {
                        self.walk(src, inner);
                    }
                    let Some(partial) = (self.partials)(&name) else {
                        continue;
                    };
                    // A partial that includes itself (directly or through others) would recurse
                    // without end when filled: refused, like too deep a chain.
                    if let Some(k) = self.stack.iter().position(|n| *n == name) {
                        let chain = [&self.stack[k..], std::slice::from_ref(&name)]
                            .concat()
                            .join(" → ");
                        self.diags.push(
                            Diagnostic::error(
                                self.at(src, t, i, &name),
                                format!(
                                    "mẫu con `{name}` được chèn lại bên trong chính nó: {chain}"
                                ),
                            )
                            .with_hint("bỏ lần chèn `{{> …}}` tạo vòng lặp"),
                        );
                        continue;
                    }
                    if self.stack.len() >= MAX_PARTIALS {
                        self.diags.push(
                            Diagnostic::error(
                                self.at(src, t, i, &name),
                                format!(
                                    "mẫu con lồng quá sâu: quá {MAX_PARTIALS} tầng `{{{{> …}}}}` tại đây ({})",
                                    self.stack.join(" → ")
                                ),
                            )
                            .with_hint("gộp bớt các mẫu con"),
                        );
                        continue;
                    }
                    // handlebars fills a partial in a level of its own: the data of its
                    // parameter, else the same data; its hash values are names inside it.
                    let mut frame = match d.params.first() {
                        Some(p) => Frame {
                            shape: self.param(src, t, i, p, true),
                            what: format!("`{}`", param_text(p)),
                            params: Vec::new(),
                        },
                        None => {
                            let here = &self.frames[self.frames.len() - 1];
                            Frame {
                                shape: here.shape,
                                what: here.what.clone(),
                                params: Vec::new(),
                            }
                        }
                    };
                    for (k, v) in &d.hash {
                        let shape = self.param(src, t, i, v, true);
                        frame.params.push((k.clone(), shape));
                    }
                    self.frames.push(frame);
                    self.check(&partial);
                    self.frames.pop();
                }
                _ => {}
            }
        }
    }

    /// `{{x}}` or `{{helper a b}}`.
    fn expression(&mut self, src: &Source<'_>, t: &Template, i: usize, h: &HelperTemplate) {
        let name = param_text(&h.name);
        let is_helper = name == PRINT_HELPER
            || self.helpers.contains(&name.as_str())
            || BUILTIN_HELPERS.contains(&name.as_str());
        if h.params.is_empty() && h.hash.is_empty() && !is_helper {
            self.printed(src, t, i, &h.name);
            return;
        }
        if name == PRINT_HELPER {
            if let Some(p) = h.params.first() {
                self.printed(src, t, i, p);
            }
            return;
        }
        if let Parameter::Subexpression(_) | Parameter::Path(_) = &h.name {
            self.param(src, t, i, &h.name, false);
        } else if !is_helper {
            self.unknown_helper(src, t, i, &name, false);
        }
        self.helper_args(src, t, i, &name, &h.params, h.hash.values());
    }

    /// `{{ten a}}` or `{{#ten a}}` where `ten` is no helper.
    fn unknown_helper(
        &mut self,
        src: &Source<'_>,
        t: &Template,
        i: usize,
        name: &str,
        block: bool,
    ) {
        let (what, known): (&str, Vec<&str>) = if block {
            ("khối", vec!["if", "unless", "each", "with"])
        } else {
            ("hàm", self.helpers.to_vec())
        };
        let all = format!("các {what} có sẵn: {}", known.join(", "));
        let hint = match did_you_mean(name, &known) {
            Some(k) => format!("có phải ý bạn là `{k}`? ({all})"),
            None => all,
        };
        self.diags.push(
            Diagnostic::error(
                self.at(src, t, i, name),
                format!("mẫu `{}` gọi {what} `{name}` không tồn tại", src.name),
            )
            .with_hint(hint),
        );
    }

    /// A value printed: it must exist and be text.
    fn printed(&mut self, src: &Source<'_>, t: &Template, i: usize, p: &Parameter) {
        let shape = self.param(src, t, i, p, true);
        let name = param_text(p);
        if let Some((what, form)) = not_a_value(shape, &name) {
            self.diags.push(
                Diagnostic::error(
                    self.at(src, t, i, &name),
                    format!(
                        "mẫu `{}` in `{{{{{name}}}}}`, nhưng `{name}` là {what}: không in được thành một giá trị",
                        src.name
                    ),
                )
                .with_hint(format!("viết {form}")),
            );
        }
    }

    fn helper_args<'p>(
        &mut self,
        src: &Source<'_>,
        t: &Template,
        i: usize,
        helper: &str,
        params: &[Parameter],
        hash: impl Iterator<Item = &'p Parameter>,
    ) {
        for (k, p) in params.iter().enumerate() {
            let shape = self.param(src, t, i, p, true);
            // `lookup list key` and `len list` read a list; other helpers read values (a list
            // of texts is joined by `dinh_dang` and `o`).
            let collection_ok = (helper == "lookup" && k == 0) || helper == "len";
            let list_of_text = matches!(shape, Shape::List(item) if matches!(**item, Shape::Value | Shape::Lines))
                && ["dinh_dang", "o"].contains(&helper);
            if collection_ok || list_of_text {
                continue;
            }
            let name = param_text(p);
            if let Some((what, form)) = not_a_value(shape, &name) {
                self.diags.push(
                    Diagnostic::error(
                        self.at(src, t, i, &name),
                        format!(
                            "mẫu `{}` đưa `{name}` vào hàm `{helper}`, nhưng `{name}` là {what}, không phải một giá trị",
                            src.name
                        ),
                    )
                    .with_hint(format!("viết {form}")),
                );
            }
        }
        for p in hash {
            self.param(src, t, i, p, true);
        }
    }

    /// `{{#name …}}…{{else}}…{{/name}}`.
    fn block(&mut self, src: &Source<'_>, t: &Template, i: usize, h: &HelperTemplate) {
        let name = param_text(&h.name);
        // An `{{else if …}}` chain is a template without positions of its own: its tags are
        // placed at the block's opening tag.
        let inverse = |c: &mut Self| {
            if let Some(inv) = &h.inverse {
                let outer = c.fallback;
                c.fallback = t.mapping.get(i).map(|m| (m.0, m.1)).or(outer);
                c.walk(src, inv);
                c.fallback = outer;
            }
        };
        match name.as_str() {
            "each" | "with" => {
                let Some(p) = h.params.first() else {
                    inverse(self);
                    return;
                };
                let shape = self.param(src, t, i, p, true);
                let pname = param_text(p);
                let (inner, what): (&'s Shape, String) = match (name.as_str(), shape) {
                    ("each", Shape::List(item)) => (item, format!("mỗi mục của `{pname}`")),
                    ("each", Shape::Map(v)) => (v, format!("mỗi mục của `{pname}`")),
                    ("each", Shape::Lines) => (&Shape::Value, format!("mỗi dòng của `{pname}`")),
                    ("with", s @ Shape::Group(_)) => (s, format!("`{pname}`")),
                    (_, Shape::Any) => (&ANY, format!("`{pname}`")),
                    (_, s) => {
                        let expected = if name == "each" {
                            "một danh sách"
                        } else {
                            "một nhóm trường"
                        };
                        let hint = match s {
                            Shape::List(_) | Shape::Map(_) => {
                                format!("dùng `{{{{#each {pname}}}}}…{{{{/each}}}}` cho một danh sách")
                            }
                            Shape::Group(_) => format!(
                                "dùng `{{{{#with {pname}}}}}…{{{{/with}}}}` hoặc `{{{{{pname}.ten_truong}}}}` cho một nhóm"
                            ),
                            _ => format!(
                                "dùng `{{{{#if {pname}}}}}…{{{{{pname}}}}}…{{{{/if}}}}` cho một giá trị"
                            ),
                        };
                        self.diags.push(
                            Diagnostic::error(
                                self.at(src, t, i, &pname),
                                format!(
                                    "mẫu `{}` dùng `{{{{#{name} {pname}}}}}`, nhưng `{pname}` là {}, không phải {expected}",
                                    src.name,
                                    describe(s)
                                ),
                            )
                            .with_hint(hint),
                        );
                        (&ANY, format!("`{pname}`"))
                    }
                };
                let mut params = Vec::new();
                match &h.block_param {
                    Some(BlockParam::Single(Parameter::Name(a))) => params.push((a.clone(), inner)),
                    Some(BlockParam::Pair((Parameter::Name(a), Parameter::Name(b)))) => {
                        params.push((a.clone(), inner));
                        params.push((b.clone(), &Shape::Value));
                    }
                    _ => {}
                }
                let frame = Frame {
                    shape: inner,
                    what,
                    params,
                };
                self.frames.push(frame);
                if let Some(body) = &h.template {
                    self.walk(src, body);
                }
                self.frames.pop();
                inverse(self);
            }
            _ => {
                if matches!(h.name, Parameter::Name(_))
                    && !BUILTIN_HELPERS.contains(&name.as_str())
                    && !self.helpers.contains(&name.as_str())
                {
                    self.unknown_helper(src, t, i, &name, true);
                }
                // `if`, `unless` and any other block: the same data inside.
                if let Parameter::Subexpression(_) | Parameter::Path(_) = &h.name {
                    self.param(src, t, i, &h.name, false);
                }
                if name == "if" || name == "unless" {
                    for p in &h.params {
                        self.param(src, t, i, p, true);
                    }
                } else {
                    self.helper_args(src, t, i, &name, &h.params, h.hash.values());
                }
                if let Some(body) = &h.template {
                    self.walk(src, body);
                }
                inverse(self);
            }
        }
    }

    /// The shape a parameter reads; a name that is not there is reported (once per tag).
    fn param(
        &mut self,
        src: &Source<'_>,
        t: &Template,
        i: usize,
        p: &Parameter,
        report: bool,
    ) -> &'s Shape {
        match p {
            Parameter::Path(handlebars::Path::Relative((segs, raw))) => {
                match self.resolve(segs, raw) {
                    Ok(s) => s,
                    Err((name, what, known)) => {
                        if report {
                            let known: Vec<&str> = known.iter().map(String::as_str).collect();
                            let hint = match did_you_mean(&name, &known) {
                                Some(k) => format!("có phải ý bạn là `{k}`?"),
                                None if known.is_empty() => {
                                    "kiểm tra tên trường trong mẫu".to_string()
                                }
                                None => format!("các trường có ở đây: {}", known.join(", ")),
                            };
                            let place = if what.is_empty() {
                                String::new()
                            } else {
                                format!(" (ở {what})")
                            };
                            self.diags.push(
                                Diagnostic::error(
                                    self.at(src, t, i, &name),
                                    format!(
                                        "mẫu `{}` dùng tên `{raw}`, nhưng dữ liệu không có trường `{name}`{place}",
                                        src.name
                                    ),
                                )
                                .with_hint(hint),
                            );
                        }
                        &ANY
                    }
                }
            }
            Parameter::Subexpression(sub) => {
                if let TemplateElement::Expression(h) = sub.as_element() {
                    let name = param_text(&h.name);
                    self.helper_args(src, t, i, &name, &h.params, h.hash.values());
                }
                &ANY
            }
            // `@index`, `@key`, `@first`, `@last` (what handlebars gives a block); a misspelt
            // one (`@indexx`) would fail only when filled, without a line.
            Parameter::Path(handlebars::Path::Local((_, name, raw))) => {
                const LOCALS: &[&str] = &["index", "key", "first", "last"];
                if report && !LOCALS.contains(&name.as_str()) {
                    let hint = match did_you_mean(name, LOCALS) {
                        Some(k) => format!("có phải ý bạn là `@{k}`?"),
                        None => "các biến có sẵn trong khối: @index, @key, @first, @last".into(),
                    };
                    self.diags.push(
                        Diagnostic::error(
                            self.at(src, t, i, raw),
                            format!(
                                "mẫu `{}` dùng biến `{raw}`, nhưng handlebars không có biến `@{name}`",
                                src.name
                            ),
                        )
                        .with_hint(hint),
                    );
                }
                &Shape::Value
            }
            // Literals.
            _ => &Shape::Value,
        }
    }

    /// Follow a path from the current level: `x.y`, `this.x`, `../x`, `@root.x`, a block
    /// parameter. Err: (the missing name, where, the names that exist there).
    fn resolve(
        &self,
        segs: &[PathSeg],
        raw: &str,
    ) -> Result<&'s Shape, (String, String, Vec<String>)> {
        let mut level = self.frames.len() - 1;
        let mut rest = segs;
        let mut shape: &'s Shape = self.frames[level].shape;
        let mut what = self.frames[level].what.clone();
        // `@root` and `../`.
        while let Some((PathSeg::Ruled(_), tail)) = rest.split_first() {
            if raw.trim_start_matches("this.").starts_with("@root") {
                level = 0;
            } else {
                level = level.saturating_sub(1);
            }
            shape = self.frames[level].shape;
            what = self.frames[level].what.clone();
            rest = tail;
        }
        // A block parameter, looked up from the innermost level out.
        if let Some((PathSeg::Named(first), tail)) = rest.split_first() {
            if let Some(s) = self.frames[..=level]
                .iter()
                .rev()
                .find_map(|f| f.params.iter().find(|(n, _)| n == first).map(|(_, s)| *s))
            {
                shape = s;
                what = format!("`{first}`");
                rest = tail;
            }
        }
        // The block parameters in sight, for "did you mean" on a first name.
        let params: Vec<String> = self.frames[..=level]
            .iter()
            .flat_map(|f| f.params.iter().map(|(n, _)| n.clone()))
            .collect();
        for (k, seg) in rest.iter().enumerate() {
            let PathSeg::Named(name) = seg else { continue };
            shape = match shape {
                Shape::Any => return Ok(&ANY),
                Shape::Group(_) => match shape.field(name) {
                    Some(s) => {
                        what = format!("`{name}`");
                        s
                    }
                    None => {
                        let mut known: Vec<String> =
                            shape.keys().iter().map(|k| k.to_string()).collect();
                        if k == 0 && rest.len() == segs.len() {
                            known.extend(params);
                        }
                        return Err((name.clone(), what, known));
                    }
                },
                Shape::Map(v) => v,
                Shape::List(item) if name.parse::<usize>().is_ok() => item,
                Shape::Lines if name.parse::<usize>().is_ok() => &Shape::Value,
                _ => return Err((name.clone(), what, Vec::new())),
            };
        }
        Ok(shape)
    }
}

/// What a shape is, in words.
fn describe(s: &Shape) -> &'static str {
    match s {
        Shape::Value | Shape::Lines | Shape::Any => "một giá trị",
        Shape::List(_) => "một danh sách",
        Shape::Group(_) => "một nhóm trường",
        Shape::Map(_) => "một bảng nhãn",
    }
}

/// For a group, list or map used as a value: (what it is, the right form).
fn not_a_value(shape: &Shape, name: &str) -> Option<(&'static str, String)> {
    let name = if name == "this" || name.is_empty() {
        "this".to_string()
    } else {
        name.to_string()
    };
    let prefix = if name == "this" {
        String::new()
    } else {
        format!("{name}.")
    };
    match shape {
        Shape::Group(fields) => {
            let forms: Vec<String> = fields
                .iter()
                .filter(|(_, s)| matches!(s, Shape::Value | Shape::Lines))
                .map(|(k, _)| format!("`{{{{{prefix}{k}}}}}`"))
                .collect();
            Some(("một nhóm trường", forms.join(" hoặc ")))
        }
        Shape::List(item) => {
            let inner = match &**item {
                Shape::Group(f) => f
                    .iter()
                    .find(|(_, s)| matches!(s, Shape::Value | Shape::Lines))
                    .map_or("this".to_string(), |(k, _)| k.clone()),
                _ => "this".to_string(),
            };
            Some((
                "một danh sách",
                format!("`{{{{#each {name}}}}}{{{{{inner}}}}}{{{{/each}}}}` (mỗi mục một lần)"),
            ))
        }
        Shape::Map(_) => Some((
            "một bảng nhãn",
            format!("`{{{{#each {name}}}}}{{{{@key}}}}: {{{{this}}}}{{{{/each}}}}`"),
        )),
        _ => None,
    }
}

/// A parameter as written.
fn param_text(p: &Parameter) -> String {
    match p {
        Parameter::Name(n) => n.clone(),
        Parameter::Path(handlebars::Path::Relative((_, raw))) => raw.clone(),
        Parameter::Path(handlebars::Path::Local((_, _, raw))) => raw.clone(),
        Parameter::Literal(v) => v.to_string(),
        Parameter::Subexpression(s) => format!("({})", s.name()),
        _ => String::new(),
    }
}
