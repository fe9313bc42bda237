//! YAML → raw typed structs, with every problem located (file:line:column and field path).
//!
//! One event pass ([`events::scan`], saphyr-parser) owns what needs the text: syntax errors,
//! duplicate keys, nesting and alias limits, the checks on plain scalars (numbers written the
//! Vietnamese way, invisible characters), control characters, where every field path starts
//! (the [`Locator`]) and the kind of file ([`FileKind`]). Then `yaml_serde` +
//! `serde_path_to_error` type the text into the raw structs (`deny_unknown_fields`; text values
//! are [`crate::model::Text`], cleaned as they are read), and their errors are translated into
//! Vietnamese diagnostics.

pub mod events;
mod scalar;

use serde::de::DeserializeOwned;

use crate::data::fields::Shape;
use crate::data::source::Source;
use crate::diag::{Diagnostic, Diagnostics, Location};
pub use events::{scan, FileKind, Locator, Scan, MAX_ALIASES, MAX_DEPTH};

/// A typed file, with what the event pass found.
#[derive(Debug)]
pub struct Parsed<T> {
    /// The raw typed value.
    pub value: T,
    /// Where each field path is, for the validators' messages.
    pub locator: Locator,
    /// The kind of file, by its top-level keys.
    pub kind: FileKind,
    /// Warnings of the event pass (control characters replaced).
    pub warnings: Diagnostics,
}

/// Files at least this large (bytes) do not keep the event pass's node tree while they are
/// typed (see [`Locator::released`]): on a 4 MB plan it is about 25 MB, next to yaml_serde's
/// own event buffer of about 50 MB.
const RELEASE_LOCATOR_FROM: usize = 1 << 20;

/// Parse `source` into the raw type `T` (which should use `deny_unknown_fields`).
///
/// Returns the value with the [`Locator`] for later validation messages and the event pass's
/// warnings; or every problem the event pass found (all duplicate keys, all ambiguous numbers,
/// …), or the first type problem from serde, with the warnings before them.
pub fn parse<T: DeserializeOwned + schemars::JsonSchema>(
    source: &Source,
    known_fields: &[&str],
) -> Result<Parsed<T>, Diagnostics> {
    let scan = scan(source);
    let kind = scan.kind();
    let Scan {
        mut locator, diags, ..
    } = scan;
    if diags.has_errors() {
        return Err(diags);
    }
    if source.text.len() >= RELEASE_LOCATOR_FROM {
        locator = Locator::released();
    }
    let de = serde_yaml::Deserializer::from_str(&source.text);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(value) => Ok(Parsed {
            value,
            locator,
            kind,
            warnings: diags,
        }),
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
            let (message, mut hint) = translate_serde(raw, known_fields);
            let (message, hint_by_value) = by_value(raw, &path, message);
            if let Some(h) = hint_by_value {
                hint = Some(h);
            } else if hint.as_deref() == Some(README_HINT) {
                hint = Some(readme_hint(kind));
            }
            if let Some(name) = between(raw, "unknown field `", '`') {
                hint = belongs(&Shape::of::<T>(), name, &path).or(hint);
                // `{ ma: X, gia_tri: 38,5 }`: in braces the comma separates fields, so the
                // decimals became a field of their own.
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()) {
                    hint = Some(format!(
                        "trong `{{ … }}` dấu phẩy ngăn cách các trường, nên phần lẻ `{name}` của một số viết dấu phẩy bị đọc thành một trường: viết số thập phân bằng dấu chấm (`38.5`)"
                    ));
                }
            }
            // `- Lưu: VT` unquoted is a mapping inside the list: the colon and space make it one.
            if raw.starts_with("invalid type: map") && raw.contains("string") {
                let line = source.text.lines().nth(location.line.saturating_sub(1));
                let line = line.map(str::trim).unwrap_or("");
                let (dash, item) = match line.strip_prefix("- ") {
                    Some(item) => ("- ", item.trim()),
                    None => ("", line),
                };
                if item.contains(": ") {
                    // Word's curly quotes around the line are not YAML's: straight ones instead.
                    let item = item
                        .strip_prefix(['“', '”'])
                        .and_then(|i| i.strip_suffix(['”', '“']))
                        .unwrap_or(item);
                    let quoted = item.replace('"', "\\\"");
                    hint = Some(format!(
                        "dấu `: ` làm YAML đọc `{item}` thành một cặp khóa–giá trị: đặt cả dòng trong dấu ngoặc kép, `{dash}\"{quoted}\"`"
                    ));
                }
            }
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
            let mut all = diags;
            all.push(d);
            Err(all)
        }
    }
}

/// The paths of the groups in `shape` that hold key `name` (`""`: the top level; `[]`: each
/// item of a list), found below `at`.
fn homes(shape: &Shape, name: &str, at: &str, out: &mut Vec<String>) {
    match shape {
        Shape::Group(fields) => {
            for (k, s) in fields {
                if k == name {
                    out.push(at.to_string());
                }
                let below = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                homes(s, name, &below, out);
            }
        }
        Shape::List(item) => homes(item, name, &format!("{at}[]"), out),
        _ => {}
    }
}

/// Where an unknown key `name` at `path` belongs: elsewhere in this kind of file (`so_ky_hieu`
/// under `co_quan:` is a top-level key), or in another kind (`so_lieu` in a plan is a unit
/// report's). `None` when it is no key anywhere (then "did you mean" helps).
fn belongs(shape: &Shape, name: &str, path: &str) -> Option<String> {
    let mut parent: String = path.rsplit_once('.').map_or("", |(p, _)| p).to_string();
    while let Some(i) = parent.find(|c: char| c.is_ascii_digit()) {
        // `muc_tieu[0].noi_dung[1]` → `muc_tieu[].noi_dung[]`.
        let end = parent[i..].find(']').map_or(parent.len(), |e| i + e);
        parent.replace_range(i..end, "");
    }
    let mut here = Vec::new();
    homes(shape, name, "", &mut here);
    here.retain(|h| *h != parent);
    let place = |h: &str| match h {
        "" => "ở cấp ngoài cùng của tệp (viết sát lề trái, không thụt vào)".to_string(),
        h if h.ends_with("[]") => format!("trong mỗi mục của `{}`", h.trim_end_matches("[]")),
        h => format!("trong `{h}:` (viết thụt vào dưới `{h}:`)"),
    };
    if !here.is_empty() {
        let places: Vec<String> = here.iter().map(|h| place(h)).collect();
        let from = match parent.as_str() {
            "" => String::new(),
            p if p.ends_with("[]") => {
                format!(
                    ", không nằm trong mỗi mục của `{}`",
                    p.trim_end_matches("[]")
                )
            }
            p => format!(", không nằm trong `{p}:`"),
        };
        return Some(format!(
            "`{name}` là trường {}{from}",
            places.join(" hoặc ")
        ));
    }
    let others = [
        ("kế hoạch", Shape::of::<crate::data::raw::RawPlan>()),
        (
            "báo cáo của đơn vị (thư mục `bao-cao/`)",
            Shape::of::<crate::data::report::RawUnitReport>(),
        ),
        (
            "tệp báo cáo tổng hợp",
            Shape::of::<crate::data::envelope::RawEnvelope>(),
        ),
        (
            "văn bản có `loai:`",
            Shape::of::<crate::data::document::RawDocument>(),
        ),
    ];
    let kinds: Vec<&str> = others
        .iter()
        .filter(|(_, s)| s.field(name).is_some())
        .map(|(k, _)| *k)
        .collect();
    (!kinds.is_empty()).then(|| {
        format!(
            "`{name}` là trường của {}, không dùng trong loại tệp này; kiểm tra lại tệp đang mở",
            kinds.join(" hoặc ")
        )
    })
}

/// The general hint of a type error, pointed at the README section of the file's kind by
/// [`readme_hint`].
const README_HINT: &str = "xem định dạng của trường này trong README (mục Định dạng YAML)";

/// The general hint, naming the README section that describes files of `kind`.
fn readme_hint(kind: FileKind) -> String {
    let section = match kind {
        FileKind::Plan => "“Định dạng YAML của kế hoạch”",
        FileKind::UnitReport => "“Báo cáo đơn vị”",
        FileKind::Document => "“Văn bản theo loại”",
        FileKind::Envelope => "“Cách tổng hợp và đánh giá”",
        FileKind::PreviousYear => "“So sánh với năm trước”",
        FileKind::Unknown => return README_HINT.into(),
    };
    format!("xem định dạng của trường này trong README, mục {section}")
}

/// Whether `v` is a number written with thousands separators: `2.300`, `1 850`, `1,850`,
/// `2.300.000` (groups of three digits after the first).
fn thousands(v: &str) -> Option<String> {
    let sep = v
        .chars()
        .find(|c| matches!(c, '.' | ',' | ' ' | '\u{a0}'))?;
    let groups: Vec<&str> = v.split(sep).collect();
    let digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    (groups.len() >= 2
        && digits(groups[0])
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| digits(g) && g.len() == 3))
    .then(|| groups.concat())
}

/// A type error told by what was written (issue 9 trial, findings 8/9): a number with
/// thousands separators, a percentage, a Vietnamese yes/no for a true/false field, a negative
/// count. Returns the message (unchanged unless said better) and the hint when one fits.
fn by_value(raw: &str, path: &str, message: String) -> (String, Option<String>) {
    let msg = strip_position(raw);
    let Some(found) = between(msg, "invalid type: ", ',').or_else(|| {
        msg.strip_prefix("invalid value: ")
            .and_then(|r| r.split(", expected").next())
    }) else {
        return (message, None);
    };
    let expected = msg.split("expected ").nth(1).unwrap_or("").trim();
    let key = path.rsplit('.').next().unwrap_or(path);
    let key = key.split('[').next().unwrap_or(key);
    let written = found
        .strip_prefix("string \"")
        .and_then(|f| f.strip_suffix('"'))
        .map(str::trim);
    let number = expected.contains("number")
        || expected.contains("integer")
        || expected.contains("floating")
        || matches!(
            expected,
            "f64" | "f32" | "u64" | "u32" | "usize" | "i64" | "i32"
        );
    let hint = match written {
        Some(w) if number && thousands(w).is_some() => Some(format!(
            "viết liền, không dấu chấm, dấu phẩy hay dấu cách hàng nghìn: `{key}: {}`",
            thousands(w).unwrap_or_default()
        )),
        Some(w) if number && (w.ends_with('%') || w.ends_with('‰')) => {
            let n = w.trim_end_matches(['%', '‰']).trim();
            Some(if key == "ke_hoach" {
                format!("viết `{key}: {n}`; dấu % ghi ở `don_vi_tinh`")
            } else if key == "tu_so" || key == "mau_so" {
                "ghi số đếm (`tu_so`, `mau_so`), không ghi tỷ lệ %: vanban tự tính tỷ lệ".into()
            } else {
                format!("viết số không kèm dấu %: `{key}: {n}`")
            })
        }
        Some(_) if expected.contains("boolean") => Some(format!(
            "viết `{key}: true` (có, đã hoàn thành) hoặc `{key}: false` (không, chưa)"
        )),
        _ if found.starts_with("integer `-") && number => {
            Some(format!("`{key}` là số đếm: viết số từ 0 trở lên"))
        }
        _ => None,
    };
    (message, hint)
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
            Some(README_HINT.into()),
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
            Some(README_HINT.into()),
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
        Some(README_HINT.into()),
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
    } else if matches!(s, "u64" | "u32" | "usize") {
        "số nguyên từ 0 trở lên, viết liền, ví dụ 12".into()
    } else if s.starts_with("integer") || s == "i64" || s == "i32" {
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
    use std::path::Path;

    #[derive(Debug, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        so_ky_hieu: String,
        #[serde(default)]
        noi_nhan: Vec<String>,
    }

    fn src(t: &str) -> Source {
        Source::from_text(Path::new("t.yaml"), t)
    }

    fn errors<T: DeserializeOwned + schemars::JsonSchema + std::fmt::Debug>(
        t: &str,
    ) -> Diagnostics {
        parse::<T>(&src(t), &[]).expect_err("an error")
    }

    #[test]
    fn unknown_field_suggests_the_right_one() {
        let e = errors::<Doc>("so_ky_hieuu: a\n");
        let d = &e.0[0];
        assert_eq!(d.location.line, 1);
        assert!(
            d.hint.as_deref().unwrap_or("").contains("so_ky_hieu"),
            "{d}"
        );
    }

    #[test]
    fn duplicate_key_names_both_lines() {
        let e = errors::<Doc>("so_ky_hieu: a\nnoi_nhan: []\nso_ky_hieu: b\n");
        let d = &e.0[0];
        assert_eq!(d.location.line, 3);
        assert!(d.hint.as_deref().unwrap_or("").contains("dòng 1"), "{d}");
    }

    #[test]
    fn duplicate_keys_in_large_mappings_and_after_block_values() {
        let mut t = String::from("a: |\n  x\n");
        for i in 0..100 {
            t.push_str(&format!("k{i}: {i}\n"));
        }
        t.push_str("k7: again\na: b\n");
        let e = errors::<serde_json::Value>(&t);
        let found: Vec<(usize, &str)> =
            e.0.iter()
                .map(|d| (d.location.line, d.hint.as_deref().unwrap_or("")))
                .collect();
        assert_eq!(found.len(), 2, "{e}");
        assert_eq!(found[0].0, 103);
        assert!(found[0].1.contains("dòng 10;"), "{e}");
        assert!(found[1].1.contains("dòng 1;"), "{e}");
    }

    #[test]
    fn a_released_locator_finds_the_same_places() {
        let s = src("so_ky_hieu: a\nnoi_nhan:\n  - x\n  - y\n");
        let kept = parse::<Doc>(&s, &[]).expect("valid").locator;
        let released = Locator::released();
        for path in ["noi_nhan[1]", "so_ky_hieu", "noi_nhan[7]", "khong_co"] {
            assert_eq!(kept.locate(&s, path), released.locate(&s, path), "{path}");
        }
    }

    #[test]
    fn locator_finds_nested_paths() {
        let s = src("so_ky_hieu: a\nnoi_nhan:\n  - x\n  - y\n");
        let p = parse::<Doc>(&s, &[]).expect("valid");
        let l = p.locator.locate(&s, "noi_nhan[1]");
        assert_eq!((l.line, l.column), (4, 5));
        let l = p.locator.locate(&s, "so_ky_hieu");
        assert_eq!((l.line, l.column), (1, 13));
        // A missing item falls back to its list; a missing top-level field to the file.
        let l = p.locator.locate(&s, "noi_nhan[7]");
        assert_eq!((l.line, l.column), (2, 1));
        assert_eq!(p.locator.locate(&s, "khong_co").line, 0);
    }

    #[test]
    fn tab_indentation_is_explained() {
        let e = errors::<Doc>("noi_nhan:\n\t- x\n");
        assert!(e.0[0].message.contains("Tab"), "{}", e.0[0]);
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut t = String::from("a: &a [x, x]\n");
        for i in 0..70 {
            t.push_str(&format!("b{i}: *a\n"));
        }
        let e = errors::<serde_json::Value>(&t);
        assert!(e.0[0].message.contains("bí danh"));
    }

    #[test]
    fn plain_numbers_with_dots_or_commas_are_located() {
        let e = errors::<serde_json::Value>(
            "a: 1.240\nb: 1.5\nc: [12.000.000, '1.240']\nd: \"1.240\"\ne: 1,5\nf: |\n  Dân số: 1.240\n",
        );
        let found: Vec<(usize, usize, Option<&str>)> =
            e.0.iter()
                .map(|d| (d.location.line, d.location.column, d.field.as_deref()))
                .collect();
        assert_eq!(
            found,
            vec![(1, 4, Some("a")), (3, 5, Some("c[0]")), (5, 4, Some("e"))]
        );
    }

    #[test]
    fn the_file_kind_comes_from_top_level_keys() {
        let kind = |t: &str| scan(&src(t)).kind();
        assert_eq!(kind("muc_tieu: []\nnhiem_vu: []\n"), FileKind::Plan);
        assert_eq!(kind("{nhiem_vu: [], \"muc_tieu\": []}\n"), FileKind::Plan);
        assert_eq!(
            kind("don_vi_phai_bao_cao: []\nmuc_tieu: []\n"),
            FileKind::Envelope
        );
        assert_eq!(kind("don_vi: {ma: x}\n"), FileKind::UnitReport);
        assert_eq!(kind("loai: quyet_dinh\n"), FileKind::Document);
        assert_eq!(kind("loai: bao_cao\nso_lieu: []\n"), FileKind::UnitReport);
        assert_eq!(
            kind("a:\n  muc_tieu: []\n  nhiem_vu: []\n"),
            FileKind::Unknown
        );
        // Keys read before a syntax error still count.
        assert_eq!(
            kind("muc_tieu: []\nnhiem_vu: []\nx: \"unclosed\n"),
            FileKind::Plan
        );
    }

    #[test]
    fn empty_files_and_second_documents() {
        for t in ["", "# chỉ có chú thích\n", "---\n", "---\n...\n"] {
            let e = errors::<serde_json::Value>(t);
            assert!(e.0[0].message.contains("tệp rỗng"), "{t:?}: {e}");
        }
        let e = errors::<serde_json::Value>("a: 1\n---\nb: 2\n");
        assert!(e.0[0].message.contains("nhiều hơn một"), "{e}");
        assert_eq!(e.0[0].location.line, 2);
    }
}
