//! Kiểm tra chính tả — warnings for likely typos in the text (the text itself is never changed).

use crate::diag::Diagnostic;

/// The opening words of every typo warning (`có thể gõ nhầm: «…» (ý là «…»?)`): the CLI prints
/// one summary line per file for them unless `-v` ([`is_likely_typo`]).
pub(crate) const TYPO_MESSAGE: &str = "có thể gõ nhầm";

/// Whether `d` is a typo warning of this lint.
pub fn is_likely_typo(d: &Diagnostic) -> bool {
    !d.is_error() && d.message.starts_with(TYPO_MESSAGE)
}

/// The opening words of every placeholder warning: a value of a `vanban new` starter still
/// holding its `«…»` mark ([`placeholders`]).
pub(crate) const PLACEHOLDER_MESSAGE: &str = "chỗ «…» chưa được sửa";

/// Whether `d` is a placeholder warning (`chỗ «…» chưa được sửa: …`): a starter's `«…»` left in the data.
pub fn is_placeholder(d: &Diagnostic) -> bool {
    !d.is_error() && d.message.starts_with(PLACEHOLDER_MESSAGE)
}

/// Warn, at each value, about the starter's placeholders `«…»` left in the data (issue 9 trial,
/// finding 6): the document would print them. Every string value of the file is walked (as a
/// YAML value, so that each is named by its field path and located).
pub(crate) fn placeholders(c: &mut super::Checker<'_>) {
    fn walk(v: &serde_yaml::Value, path: String, out: &mut Vec<(String, String)>) {
        match v {
            serde_yaml::Value::String(s) => {
                if let Some(start) = s.find('«') {
                    if let Some(len) = s[start..].find('»') {
                        out.push((path, s[start..start + len + '»'.len_utf8()].to_string()));
                    }
                }
            }
            serde_yaml::Value::Sequence(items) => {
                for (i, x) in items.iter().enumerate() {
                    walk(x, format!("{path}[{i}]"), out);
                }
            }
            serde_yaml::Value::Mapping(m) => {
                for (k, x) in m {
                    if let Some(k) = k.as_str() {
                        let p = if path.is_empty() {
                            k.to_string()
                        } else {
                            format!("{path}.{k}")
                        };
                        walk(x, p, out);
                    }
                }
            }
            serde_yaml::Value::Tagged(t) => walk(&t.value, path, out),
            _ => {}
        }
    }
    if !c.source.text.contains('«') {
        return;
    }
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(&c.source.text) else {
        return;
    };
    let mut found = Vec::new();
    walk(&value, String::new(), &mut found);
    for (field, mark) in found {
        c.warn(
            &field,
            format!("{PLACEHOLDER_MESSAGE}: {mark} sẽ được in nguyên như vậy"),
            "thay cả chỗ «…» (kể cả hai dấu « ») bằng nội dung thật; nếu văn bản đúng là cần dấu « », bỏ qua cảnh báo này",
        );
    }
}

/// Known slips in administrative writing: (as typed, probably meant).
pub(crate) const LIKELY_TYPOS: &[(&str, &str)] = &[
    ("Phần đầu", "Phấn đấu"),
    ("phần đầu", "phấn đấu"),
    ("Lòng ghép", "Lồng ghép"),
    ("lòng ghép", "lồng ghép"),
    ("giám đốc /chủ", "giám đốc/chủ"),
    ("miễn phí .", "miễn phí."),
];

/// The likely typos found in `text`: (as typed, probably meant).
pub(crate) fn typos(text: &str) -> Vec<(&'static str, &'static str)> {
    LIKELY_TYPOS
        .iter()
        .filter(|(typed, _)| text.contains(typed))
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_phan_dau() {
        assert_eq!(
            super::typos("Phần đầu có 40% nữ"),
            vec![("Phần đầu", "Phấn đấu")]
        );
        assert!(super::typos("Phấn đấu").is_empty());
    }
}
