//! clap's own messages (help, usage errors) in Vietnamese, as far as clap allows.
//!
//! Our help texts are written in Vietnamese in the argument definitions; clap's fixed words
//! (`Usage:`, `error:`, `Print help`, …) are translated here on the rendered text, and every
//! usage error exits with code 2 (help and version with 0).

/// clap's fixed phrases and their Vietnamese, longest first where one contains another.
const PHRASES: &[(&str, &str)] = &[
    (
        "the following required arguments were not provided:",
        "thiếu tham số bắt buộc:",
    ),
    ("unrecognized subcommand", "không có lệnh"),
    ("unexpected argument", "tham số không hợp lệ"),
    ("' found", "'"),
    ("the argument", "tham số"),
    ("a similar subcommand exists:", "có lệnh gần giống:"),
    ("some similar subcommands exist:", "có các lệnh gần giống:"),
    ("a similar argument exists:", "có tham số gần giống:"),
    ("some similar arguments exist:", "có các tham số gần giống:"),
    ("a value is required for", "cần giá trị cho"),
    ("but none was supplied", "nhưng chưa có giá trị"),
    ("cannot be used with", "không dùng được cùng với"),
    ("cannot be used multiple times", "không dùng được nhiều lần"),
    ("invalid value", "giá trị không hợp lệ"),
    ("possible values:", "các giá trị hợp lệ:"),
    ("to pass", "để truyền"),
    ("as a value, use", "như một giá trị, dùng"),
    ("For more information, try", "Xem thêm:"),
    ("(see more with '--help')", "(xem thêm với '--help')"),
    (
        "requires a subcommand but one was not provided",
        "cần một lệnh",
    ),
    ("subcommands:", "các lệnh:"),
    ("Print help", "In hướng dẫn"),
    ("Print version", "In phiên bản"),
    ("Usage:", "Cách dùng:"),
    ("Commands:", "Các lệnh:"),
    ("Options:", "Tùy chọn:"),
    ("Arguments:", "Tham số:"),
    ("[OPTIONS]", "[TÙY_CHỌN]"),
    ("<COMMAND>", "<LỆNH>"),
    ("[aliases: ", "[bí danh: "),
    ("[alias: ", "[bí danh: "),
    ("[default: ", "[mặc định: "),
    ("error:", "lỗi:"),
    ("tip:", "gợi ý:"),
    (" for ", " cho "),
];

/// Translate clap's rendered text.
pub(crate) fn translate(text: &str) -> String {
    let mut out = text.to_string();
    for (en, vi) in PHRASES {
        out = out.replace(en, vi);
    }
    out
}

/// Print a clap error (or help / version) in Vietnamese; returns the exit code: 0 for help and
/// version, 2 for a usage error.
pub(crate) fn report(e: &clap::Error) -> u8 {
    use std::io::Write as _;
    let text = translate(&e.render().to_string());
    // A closed pipe (`vanban --help | head -1`) is not an error: what is not read is dropped.
    if e.use_stderr() {
        let _ = write!(std::io::stderr().lock(), "{text}");
        2
    } else {
        let _ = write!(std::io::stdout().lock(), "{text}");
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_error_is_vietnamese() {
        let t = translate("error: unrecognized subcommand 'x'\n\nUsage: vanban [OPTIONS] <COMMAND>\n\nFor more information, try '--help'.\n");
        assert_eq!(
            t,
            "lỗi: không có lệnh 'x'\n\nCách dùng: vanban [TÙY_CHỌN] <LỆNH>\n\nXem thêm: '--help'.\n"
        );
    }
}
