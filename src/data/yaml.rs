//! YAML → raw typed structs, with every problem located (file:line:column and field path).
//!
//! Two passes over the text: an event pass ([`saphyr_parser`]) finds syntax errors, duplicate
//! keys, excessive nesting or aliases, and records where every field path starts (the
//! [`Locator`]); then `yaml_serde` + `serde_path_to_error` deserialize into the raw structs
//! (`deny_unknown_fields`), and its errors are translated into Vietnamese diagnostics.

use std::collections::BTreeMap;

use saphyr_parser::{Event, Parser, ScanError};
use serde::de::DeserializeOwned;

use crate::data::source::Source;
use crate::diag::{Diagnostic, Diagnostics, Location};

/// Deepest nesting of mappings and sequences accepted (our formats need 6).
pub const MAX_DEPTH: usize = 32;
/// Most aliases (`*name`) accepted in one file; guards against "billion laughs" expansion.
pub const MAX_ALIASES: usize = 64;

/// Where each field path starts in the YAML text: `muc_tieu[1].ten` → (line, column), 1-based.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    places: BTreeMap<String, (usize, usize)>,
}

impl Locator {
    /// The location of `path` in `source`; falls back to the nearest located parent path,
    /// then to the file itself.
    pub fn locate(&self, source: &Source, path: &str) -> Location {
        let mut p = path.to_string();
        loop {
            if let Some(&(line, col)) = self.places.get(&p) {
                return Location::new(&source.path, line, col);
            }
            match p.rfind(['.', '[']) {
                Some(i) => p.truncate(i),
                None => return Location::file(&source.path),
            }
        }
    }
}

enum Frame {
    Map { key: Option<String> },
    Seq { index: usize },
}

fn child_path(parent: &str, frame: &Frame) -> String {
    match frame {
        Frame::Map { key: Some(k) } if parent.is_empty() => k.clone(),
        Frame::Map { key: Some(k) } => format!("{parent}.{k}"),
        Frame::Map { key: None } => parent.to_string(),
        Frame::Seq { index } => format!("{parent}[{index}]"),
    }
}

/// Scan the event stream: syntax errors, duplicate keys, depth and alias limits, and positions.
fn scan(source: &Source) -> Result<Locator, Diagnostics> {
    let mut loc = Locator::default();
    let mut stack: Vec<(Frame, String, BTreeMap<String, usize>)> = Vec::new();
    let mut diags = Diagnostics::new();
    let mut aliases = 0usize;
    let at = |line: usize, col: usize| Location::new(&source.path, line, col);
    for item in Parser::new_from_str(&source.text) {
        let (event, span) = match item {
            Ok(x) => x,
            Err(e) => {
                diags.push(syntax_error(source, &e));
                return Err(diags);
            }
        };
        let (line, col) = (span.start.line(), span.start.col() + 1);
        // Is this event a mapping key?
        let is_key = matches!(stack.last(), Some((Frame::Map { key: None }, _, _)));
        if is_key {
            let key = match &event {
                Event::Scalar(v, ..) => v.to_string(),
                Event::MappingEnd => String::new(),
                _ => {
                    diags.push(
                        Diagnostic::error(at(line, col), "khóa phải là một chuỗi đơn giản")
                            .with_hint("viết khóa dạng `ten_khoa: giá trị`"),
                    );
                    return Err(diags);
                }
            };
            if !matches!(event, Event::MappingEnd) {
                if let Some((frame, path, seen)) = stack.last_mut() {
                    if let Some(first) = seen.get(&key) {
                        diags.push(
                            Diagnostic::error(at(line, col), format!("khóa `{key}` bị lặp lại"))
                                .with_field(child_path(
                                    path,
                                    &Frame::Map {
                                        key: Some(key.clone()),
                                    },
                                ))
                                .with_hint(format!(
                                    "khóa này đã có ở dòng {first}; xóa một trong hai dòng"
                                )),
                        );
                    } else {
                        seen.insert(key.clone(), line);
                    }
                    let p = child_path(
                        path,
                        &Frame::Map {
                            key: Some(key.clone()),
                        },
                    );
                    loc.places.entry(p).or_insert((line, col));
                    *frame = Frame::Map { key: Some(key) };
                }
                continue;
            }
        }
        // A value (or a container end).
        let here = stack
            .last()
            .map(|(f, p, _)| child_path(p, f))
            .unwrap_or_default();
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    diags.push(
                        Diagnostic::error(
                            at(line, col),
                            format!("dữ liệu lồng nhau quá sâu (quá {MAX_DEPTH} cấp)"),
                        )
                        .with_field(here)
                        .with_hint("kiểm tra thụt lề; các tệp của vanban chỉ cần vài cấp"),
                    );
                    return Err(diags);
                }
                loc.places.entry(here.clone()).or_insert((line, col));
                let frame = if matches!(event, Event::MappingStart(..)) {
                    Frame::Map { key: None }
                } else {
                    Frame::Seq { index: 0 }
                };
                stack.push((frame, here, BTreeMap::new()));
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            Event::Alias(_) => {
                aliases += 1;
                if aliases > MAX_ALIASES {
                    diags.push(
                        Diagnostic::error(
                            at(line, col),
                            format!("quá nhiều bí danh YAML (`*ten`): tối đa {MAX_ALIASES}"),
                        )
                        .with_hint("viết giá trị trực tiếp thay vì dùng `&neo` / `*bi_danh`"),
                    );
                    return Err(diags);
                }
                loc.places.entry(here).or_insert((line, col));
            }
            Event::Scalar(..) => {
                // A scalar value is located where the value starts, not at its key, so that
                // `ngay_ban_hanh: 31/02/2025` points at `31/02/2025`.
                loc.places.insert(here, (line, col));
            }
            _ => continue,
        }
        // Advance the parent container past this value.
        if let Some((frame, _, _)) = stack.last_mut() {
            match frame {
                Frame::Map { key } => *key = None,
                Frame::Seq { index } => *index += 1,
            }
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(loc)
    }
}

fn syntax_error(source: &Source, e: &ScanError) -> Diagnostic {
    let m = e.marker();
    let info = e.info();
    let (message, hint) = translate_syntax(info, &source.text, m.line());
    Diagnostic::error(
        Location::new(&source.path, m.line(), m.col() + 1),
        format!("lỗi cú pháp YAML: {message}"),
    )
    .with_hint(hint)
}

fn translate_syntax(info: &str, text: &str, line: usize) -> (String, String) {
    let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    if line_text.starts_with('\t') || info.contains("tab") {
        return (
            "dùng ký tự Tab để thụt lề".to_string(),
            "YAML chỉ cho phép thụt lề bằng dấu cách; thay Tab bằng 2 dấu cách".into(),
        );
    }
    if info.contains("quoted scalar") || info.contains("unexpected end of stream") {
        return (
            "chuỗi trong ngoặc kép chưa được đóng".to_string(),
            "thêm dấu ngoặc kép đóng `\"` ở cuối giá trị".into(),
        );
    }
    if info.contains("mapping values are not allowed") || info.contains("did not find expected") {
        return (
            "thụt lề hoặc dấu `:` không đúng chỗ".to_string(),
            "các khóa cùng cấp phải thẳng cột; nếu giá trị có dấu `: ` hãy đặt nó trong ngoặc kép"
                .into(),
        );
    }
    if info.contains("flow sequence") || info.contains("flow mapping") {
        return (
            "ngoặc `[` hoặc `{` chưa được đóng đúng chỗ".to_string(),
            "kiểm tra các cặp `[` `]` và `{` `}`; giá trị có dấu `,` `[` `]` hãy đặt trong ngoặc kép"
                .into(),
        );
    }
    if info.contains("anchor") || info.contains("alias") {
        return (
            "bí danh YAML (`&neo` / `*bi_danh`) không hợp lệ".to_string(),
            "viết giá trị trực tiếp thay vì dùng `&neo` / `*bi_danh`".into(),
        );
    }
    (
        format!("không đọc được cấu trúc tại đây (chi tiết: {info})"),
        "kiểm tra thụt lề (chỉ dùng dấu cách) và dấu ngoặc kép tại vị trí này".into(),
    )
}

/// Plain numbers written with `.` between groups of three digits, like `1.240`: YAML reads them
/// as decimals (1,24), while a Vietnamese reader means 1240. Both readings are plausible, so each is
/// an error asking the user to write the number unambiguously. Returns (line, column, text).
pub fn ambiguous_numbers(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start();
        let body = body.strip_prefix("- ").unwrap_or(body);
        let value = match body.find(": ") {
            Some(j) => &body[j + 2..],
            None if line.trim_start().starts_with("- ") => body,
            None => continue,
        };
        let value = value.split(" #").next().unwrap_or("").trim();
        let mut groups = value.split('.');
        let head_ok = groups
            .next()
            .is_some_and(|h| (1..=3).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_digit()));
        let rest: Vec<&str> = groups.collect();
        let rest_ok = !rest.is_empty()
            && rest
                .iter()
                .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if head_ok && rest_ok {
            let col = line[..line.len() - line.trim_start().len()].chars().count()
                + line
                    .trim_start()
                    .find(value)
                    .map_or(0, |k| line.trim_start()[..k].chars().count())
                + 1;
            out.push((i + 1, col, value.to_string()));
        }
    }
    out
}

fn ambiguous_number_errors(source: &Source) -> Diagnostics {
    let mut d = Diagnostics::new();
    for (line, col, v) in ambiguous_numbers(&source.text) {
        let digits = v.replace('.', "");
        d.push(
            Diagnostic::error(
                Location::new(&source.path, line, col),
                format!(
                    "số `{v}` viết có dấu chấm: YAML hiểu là {} (số thập phân), không phải {digits}",
                    v.replacen('.', ",", 1)
                ),
            )
            .with_hint(format!(
                "nếu là {digits}, viết liền không dấu chấm: `{digits}`; nếu là số thập phân, viết dấu chấm thập phân với ít hơn 3 chữ số lẻ, ví dụ `1.5`"
            )),
        );
    }
    d
}

/// Parse `source` into the raw type `T` (which should use `deny_unknown_fields`).
///
/// Returns the value and a [`Locator`] for later validation messages, or every syntax problem
/// found (duplicate keys are all reported), or the first type problem from serde.
pub fn parse<T: DeserializeOwned>(
    source: &Source,
    known_fields: &[&str],
) -> Result<(T, Locator), Diagnostics> {
    let no_data = source.text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---" || l == "..."
    });
    if no_data {
        return Err(
            Diagnostic::error(Location::file(&source.path), "tệp rỗng: không có dữ liệu")
                .with_hint("tệp cần các trường của văn bản; xem ví dụ trong thư mục data/")
                .into(),
        );
    }
    let locator = scan(source)?;
    let ambiguous = ambiguous_number_errors(source);
    if !ambiguous.is_empty() {
        return Err(ambiguous);
    }
    let de = serde_yaml::Deserializer::from_str(&source.text);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => Ok((v, locator)),
        Err(e) => {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let inner = e.into_inner();
            let location = match inner.location() {
                Some(l) => Location::new(&source.path, l.line(), l.column()),
                None => locator.locate(source, &path),
            };
            let raw = inner.to_string();
            // yaml_serde prefixes the message with the path (`dia_danh: invalid type: …`).
            let raw = match raw.split_once(": ") {
                Some((prefix, rest))
                    if !prefix.is_empty() && !prefix.contains(' ') && path.starts_with(prefix) =>
                {
                    rest
                }
                _ => &raw,
            };
            let (message, hint) = translate_serde(raw, known_fields);
            // A missing field's path is the field itself, not the mapping that lacks it.
            let field = match raw
                .strip_prefix("missing field `")
                .and_then(|r| r.split('`').next())
            {
                Some(name) if path.is_empty() => name.to_string(),
                Some(name) => format!("{path}.{name}"),
                None => path,
            };
            let mut d = Diagnostic::error(location, message).with_field(field);
            if let Some(h) = hint {
                d = d.with_hint(h);
            }
            Err(d.into())
        }
    }
}

/// Strip yaml_serde's " at line N column M" suffix.
fn strip_position(msg: &str) -> &str {
    match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

fn between<'a>(s: &'a str, open: &str, close: char) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(&s[start..end])
}

/// Translate a serde/yaml_serde error message into Vietnamese, with a hint.
fn translate_serde(raw: &str, known_fields: &[&str]) -> (String, Option<String>) {
    let msg = strip_position(raw);
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = msg
            .split("expected")
            .nth(1)
            .map(|e| e.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let pool: Vec<&str> = if expected.is_empty() {
            known_fields.to_vec()
        } else {
            expected
        };
        let hint = did_you_mean(name, &pool)
            .map(|s| format!("có phải ý bạn là `{s}`?"))
            .or_else(|| {
                (!pool.is_empty()).then(|| format!("các trường hợp lệ ở đây: {}", pool.join(", ")))
            });
        return (format!("trường không được hỗ trợ: `{name}`"), hint);
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or("");
        return (
            format!("thiếu trường bắt buộc `{name}`"),
            Some(format!("thêm dòng `{name}: …` vào mục này")),
        );
    }
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or("");
        return (
            format!("trường `{name}` bị lặp lại"),
            Some("xóa một trong hai dòng".into()),
        );
    }
    if msg.starts_with("invalid type:") {
        let found = between(msg, "invalid type: ", ',').unwrap_or("?");
        let expected = msg.split("expected ").nth(1).unwrap_or("?");
        return (
            format!(
                "sai kiểu dữ liệu: có {}, cần {}",
                vi_kind(found),
                vi_kind(expected)
            ),
            Some("xem định dạng của trường này trong README (mục Định dạng YAML)".into()),
        );
    }
    if msg.starts_with("unknown variant `") {
        let name = between(msg, "unknown variant `", '`').unwrap_or("");
        let expected: Vec<&str> = msg
            .split("expected")
            .nth(1)
            .map(|e| e.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let hint = did_you_mean(name, &expected)
            .map(|s| format!("có phải ý bạn là `{s}`?"))
            .unwrap_or_else(|| format!("các giá trị hợp lệ: {}", expected.join(", ")));
        return (format!("giá trị không hợp lệ: `{name}`"), Some(hint));
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return (
            format!(
                "giá trị không hợp lệ: có {}, cần {}",
                vi_kind(found),
                vi_kind(expected)
            ),
            Some("xem định dạng của trường này trong README (mục Định dạng YAML)".into()),
        );
    }
    if msg.contains("recursion limit exceeded") {
        return (
            "dữ liệu lồng nhau quá sâu".into(),
            Some("kiểm tra thụt lề".into()),
        );
    }
    (
        format!("dữ liệu không đúng định dạng ({msg})"),
        Some("xem định dạng của trường này trong README (mục Định dạng YAML)".into()),
    )
}

fn vi_kind(s: &str) -> String {
    vi_kind_raw(s).trim().to_string()
}

fn vi_kind_raw(s: &str) -> String {
    let s = s.trim();
    if matches!(s, "f64" | "f32") {
        return "số".into();
    }
    let s = s
        .strip_prefix("a ")
        .or_else(|| s.strip_prefix("an "))
        .unwrap_or(s);
    match s {
        "string or a number" => return "chuỗi hoặc số".into(),
        "string or a sequence of strings" => {
            return "chuỗi hoặc danh sách chuỗi (các dòng bắt đầu bằng `- `)".into()
        }
        "map of label: text" => return "bảng `nhãn: nội dung`".into(),
        _ => {}
    }
    if s.starts_with("string") {
        format!("chuỗi {}", s.trim_start_matches("string").trim())
    } else if s.starts_with("integer") || s == "i64" || s == "u32" || s == "u64" || s == "i32" {
        format!("số nguyên {}", s.trim_start_matches("integer").trim())
    } else if s.starts_with("floating point") || s == "f64" {
        format!("số {}", s.trim_start_matches("floating point").trim())
    } else if s.starts_with("a sequence") || s == "sequence" {
        "danh sách (các dòng bắt đầu bằng `- `)".into()
    } else if s.starts_with("map") || s.starts_with("struct") {
        "bảng khóa–giá trị (các dòng `khoa: giá trị`)".into()
    } else if s.starts_with("boolean") || s == "a boolean" {
        format!(
            "giá trị đúng/sai {}",
            s.trim_start_matches("boolean").trim()
        )
    } else if s == "unit value" || s == "null" {
        "giá trị rỗng".into()
    } else {
        s.to_string()
    }
}

/// The closest known name to `name`, if close enough to be a likely typo.
pub fn did_you_mean<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| {
            (
                strsim::jaro_winkler(&name.to_lowercase(), &k.to_lowercase()),
                *k,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::path::PathBuf;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        so_ky_hieu: String,
        #[serde(default)]
        noi_nhan: Vec<String>,
    }

    fn src(t: &str) -> Source {
        Source {
            path: PathBuf::from("t.yaml"),
            text: t.into(),
        }
    }

    #[test]
    fn thousands_with_dots_are_ambiguous() {
        let found =
            ambiguous_numbers("a: 1.240\nb: 1.5\n- 12.000.000 # x\nc: \"1.240\"\nd: 1.2345\n");
        assert_eq!(
            found,
            vec![
                (1, 4, "1.240".to_string()),
                (3, 3, "12.000.000".to_string())
            ]
        );
    }

    #[test]
    fn unknown_field_suggests_the_right_one() {
        let e = parse::<Doc>(&src("so_ky_hieuu: a\n"), &[]).unwrap_err();
        let d = &e.0[0];
        assert_eq!(d.location.line, 1);
        assert!(d.hint.as_deref().unwrap().contains("so_ky_hieu"), "{d}");
    }

    #[test]
    fn duplicate_key_names_both_lines() {
        let e =
            parse::<Doc>(&src("so_ky_hieu: a\nnoi_nhan: []\nso_ky_hieu: b\n"), &[]).unwrap_err();
        let d = &e.0[0];
        assert_eq!(d.location.line, 3);
        assert!(d.hint.as_deref().unwrap().contains("dòng 1"), "{d}");
    }

    #[test]
    fn locator_finds_nested_paths() {
        let s = src("so_ky_hieu: a\nnoi_nhan:\n  - x\n  - y\n");
        let (_, loc) = parse::<Doc>(&s, &[]).unwrap();
        let l = loc.locate(&s, "noi_nhan[1]");
        assert_eq!((l.line, l.column), (4, 5));
    }

    #[test]
    fn tab_indentation_is_explained() {
        let e = parse::<Doc>(&src("noi_nhan:\n\t- x\n"), &[]).unwrap_err();
        assert!(e.0[0].message.contains("Tab"), "{}", e.0[0]);
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut t = String::from("a: &a [x, x]\n");
        for i in 0..70 {
            t.push_str(&format!("b{i}: *a\n"));
        }
        let e = parse::<serde_yaml::Value>(&src(&t), &[]).unwrap_err();
        assert!(e.0[0].message.contains("bí danh"));
    }
}
