//! Validation of the administrative frame fields shared by every document type.

use chrono::NaiveDate;

use crate::data::raw::{Lines, RawAgency, RawSignature};
use crate::data::Checker;
use crate::model::{DocumentKind, Frame, IssueDate, ReferenceNumber, RightHeader, Signature};

/// Quyền hạn ký — the prefixes NĐ 30 Phụ lục I, II.7 allows before a title.
pub(crate) const AUTHORITY_PREFIXES: &[&str] = &["TM.", "KT.", "Q.", "TL.", "TUQ."];

/// Upper-case Vietnamese text (`Ủy ban` → `ỦY BAN`).
pub(crate) fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// The first half of a frame, checked in reading order: agency, số/ký hiệu, địa danh, date.
#[derive(Debug, Clone)]
pub(crate) struct Head {
    kind: DocumentKind,
    parent_agency: Vec<String>,
    issuing_agency: Vec<String>,
    right_header: RightHeader,
    reference: ReferenceNumber,
    place: String,
    date: IssueDate,
}

/// Check an optional `loai` of a file recognised by its keys (`what`): it must name `kind`.
pub(crate) fn check_kind(c: &mut Checker<'_>, loai: Option<&str>, kind: DocumentKind, what: &str) {
    let Some(value) = loai else { return };
    if DocumentKind::parse(value) != Some(kind) {
        c.error(
            "loai",
            format!("tệp này là {what}, nhưng `loai` ghi `{}`", value.trim()),
            format!("ghi `loai: {}` hoặc bỏ dòng `loai`", kind.key()),
        );
    }
}

/// Check the header fields shared by every document type (`co_quan`, `so_ky_hieu`, `dia_danh`,
/// `ngay_ban_hanh`). `dia_danh` is `None` when the place is not printed (a biên bản, Mẫu 1.9,
/// has no place-and-date line) or when its missing key was already reported: it is then
/// neither required nor checked, and the frame's place is empty.
pub(crate) fn head(
    c: &mut Checker<'_>,
    kind: DocumentKind,
    agency_raw: &RawAgency,
    so_ky_hieu: &str,
    dia_danh: Option<&str>,
    ngay_ban_hanh: &str,
) -> Head {
    let (parent_agency, issuing_agency, right_header) = agency(c, agency_raw, "co_quan");
    let reference = reference(c, so_ky_hieu, kind, "so_ky_hieu");
    if let Some(dia_danh) = dia_danh {
        c.require("dia_danh", dia_danh, "địa danh");
        place_level(c, &issuing_agency, dia_danh, "dia_danh");
    }
    let date = issue_date(c, ngay_ban_hanh, "ngay_ban_hanh");
    Head {
        kind,
        parent_agency,
        issuing_agency,
        right_header,
        reference,
        place: dia_danh.map(|d| d.trim().to_string()).unwrap_or_default(),
        date,
    }
}

impl Head {
    /// Complete the frame with the title, Kính gửi, Nơi nhận and signature.
    pub(crate) fn into_frame(
        self,
        subject: &Lines,
        addressees: Vec<String>,
        recipients: Vec<String>,
        signature: Signature,
    ) -> Frame {
        Frame {
            kind: self.kind,
            parent_agency: self.parent_agency,
            issuing_agency: self.issuing_agency,
            right_header: self.right_header,
            reference: self.reference,
            place: self.place,
            date: self.date,
            subject: subject.0.iter().map(|l| l.to_string()).collect(),
            addressees,
            recipients,
            signature,
            other: Default::default(),
            property_title: format!("{} {}", self.kind.name(), subject.0.join(" ")),
        }
    }
}

/// Cấp hành chính — the level words of an administrative unit's name, upper case, longest first.
const LEVELS: &[&str] = &[
    "THÀNH PHỐ",
    "THỊ TRẤN",
    "THỊ XÃ",
    "ĐẶC KHU",
    "PHƯỜNG",
    "QUẬN",
    "HUYỆN",
    "TỈNH",
    "XÃ",
];

/// Họ — the commonest Vietnamese family names: a unit name starting with one is a person's name.
const SURNAMES: &[&str] = &[
    "NGUYỄN", "TRẦN", "LÊ", "PHẠM", "HOÀNG", "HUỲNH", "PHAN", "VŨ", "VÕ", "ĐẶNG", "BÙI", "ĐỖ",
    "HỒ", "NGÔ", "DƯƠNG", "LÝ", "ĐINH", "TRỊNH", "ĐOÀN", "LƯƠNG", "MẠC", "TÔN", "CHU", "TRIỆU",
];

/// Địa danh — a unit named after a person, a number or a historical event keeps its level word
/// in the place line (`Phường Nguyễn Trãi, ngày …`, `Phường 5`; NĐ 30 Phụ lục I, II.4 and
/// Phụ lục II). When `dia_danh` is the issuing unit's name without its level word, warn with the
/// fix (issue 9, item 5); the data is kept as written.
fn place_level(c: &mut Checker<'_>, issuing: &[String], dia_danh: &str, field: &str) {
    let agency = issuing.join(" ");
    let words: Vec<&str> = agency.split_whitespace().collect();
    // The level word at `i` and its number of words; `XÃ HỘI` (a word) and `HỢP TÁC XÃ` are not.
    let level_at = |i: usize| {
        LEVELS.iter().find_map(|l| {
            let n = l.split(' ').count();
            let not_a_word = !(*l == "XÃ"
                && (words.get(i + 1) == Some(&"HỘI") || i > 0 && words[i - 1] == "TÁC"));
            (words.len() > i + n && words[i..i + n].join(" ") == *l && not_a_word)
                .then_some((*l, n))
        })
    };
    // The issuing unit's own level word (the first: `CÔNG AN PHƯỜNG THẮNG NHẤT THÀNH PHỐ VŨNG
    // TÀU` is in Phường Thắng Nhất) and its name, up to the next level word.
    let found = (0..words.len()).find_map(|i| {
        let (level, n) = level_at(i)?;
        let end = (i + n..words.len())
            .find(|&k| level_at(k).is_some())
            .unwrap_or(words.len());
        Some((level, words[i + n..end].join(" ")))
    });
    let place = dia_danh.split_whitespace().collect::<Vec<_>>().join(" ");
    // The place line opens with a capital (`Phường 3, ngày …`, never `phường 3, ngày …`).
    if place.chars().next().is_some_and(char::is_lowercase) {
        let mut right: String = place.chars().take(1).flat_map(char::to_uppercase).collect();
        right.extend(place.chars().skip(1));
        c.warn(
            field,
            format!("địa danh «{place}» mở đầu dòng địa danh, ngày tháng: viết hoa chữ đầu"),
            format!("ghi `{field}: \"{right}\"` (NĐ 30/2020, Phụ lục I, mục II.4)"),
        );
    }
    let Some((level, name)) = found else { return };
    if place.is_empty() || name.is_empty() || upper(&place) != name {
        return;
    }
    let mut level_word: String = level.to_lowercase();
    if let Some(first) = level_word.chars().next() {
        level_word = first
            .to_uppercase()
            .chain(level_word.chars().skip(1))
            .collect();
    }
    let message = if name.chars().all(|ch| ch.is_ascii_digit()) {
        format!("địa danh «{place}» thiếu chữ «{level_word}»: tên đơn vị là một số, địa danh ghi cả cấp hành chính")
    } else if SURNAMES.contains(&name.split(' ').next().unwrap_or("")) {
        format!("địa danh «{place}» thiếu chữ «{level_word}»: tên đơn vị là tên người, địa danh ghi cả cấp hành chính")
    } else {
        format!("địa danh «{place}» là tên {} bỏ chữ «{level_word}»: nếu tên đặt theo tên người, số hoặc sự kiện lịch sử thì địa danh ghi cả cấp hành chính", level.to_lowercase())
    };
    c.warn(
        field,
        message,
        format!(
            "ghi `{field}: \"{level_word} {place}\"` → «{level_word} {place}, ngày …» (NĐ 30/2020, Phụ lục I, mục II.4)"
        ),
    );
}

/// Check the agency block and return (parent lines, issuing lines, right header).
pub(crate) fn agency(
    c: &mut Checker<'_>,
    a: &RawAgency,
    field: &str,
) -> (Vec<String>, Vec<String>, RightHeader) {
    if a.ban_hanh.0.is_empty() {
        c.error(
            &format!("{field}.ban_hanh"),
            "thiếu tên cơ quan ban hành",
            "ví dụ: `ban_hanh: [ỦY BAN NHÂN DÂN, PHƯỜNG NGUYỄN TRÃI]`",
        );
    }
    let right = match &a.tieu_de_phai {
        Some(t) if !t.trim().is_empty() => RightHeader::Custom(upper(t.trim())),
        _ => RightHeader::National,
    };
    let parent: Vec<String> = a.chu_quan.0.iter().map(|l| upper(l)).collect();
    let issuing: Vec<String> = a.ban_hanh.0.iter().map(|l| upper(l)).collect();
    for (key, lines, bold) in [("chu_quan", &parent, false), ("ban_hanh", &issuing, true)] {
        for (i, l) in lines.iter().enumerate() {
            let rendered = crate::layout::agency_lines(l, bold);
            header_fit(c, &format!("{field}.{key}[{i}]"), l, bold, &rendered);
        }
    }
    if let RightHeader::Custom(title) = &right {
        let rendered =
            crate::layout::right_title_lines(title, crate::layout::profile::NATIONAL_TITLE_SIZE);
        header_fit(c, &format!("{field}.tieu_de_phai"), title, true, &rendered);
    }
    (parent, issuing, right)
}

/// Warn when a header line does not fit its column at 13 pt: vanban breaks it at natural points
/// (`rendered`, from [`crate::layout::agency_lines`] or [`crate::layout::right_title_lines`]) and
/// says where, so that the user can choose the lines (NĐ 30 Phụ lục I, II.2; issue 9, item 2).
/// A piece still wider than the column (one long word: `UBNDPHUONG…`) is a warning too: Word
/// would break it between letters.
fn header_fit(c: &mut Checker<'_>, field: &str, line: &str, bold: bool, rendered: &[String]) {
    let right = field.ends_with("tieu_de_phai");
    let too_wide = rendered.iter().find(|piece| {
        let (need, have, _) = crate::layout::header_overflow_mm(piece, bold, right);
        need > have
    });
    if let Some(piece) = too_wide {
        c.warn(
            field,
            format!(
                "«{piece}» dài hơn cột {}: Word sẽ ngắt giữa các chữ cái",
                if right { "tiêu đề bên phải" } else { "tên cơ quan" }
            ),
            "viết cách các chữ (mỗi tiếng một chữ), hoặc viết tắt cụm từ thông dụng (UBND, HĐND) (NĐ 30/2020, Phụ lục I, mục II.2)",
        );
        return;
    }
    if rendered.len() < 2 {
        return;
    }
    let (need, have, column) = crate::layout::header_overflow_mm(line, bold, right);
    let vi = |x: f64| format!("{x:.1}").replace('.', ",");
    let (need, have, column) = (vi(need), vi(have), vi(column));
    let shown: Vec<String> = rendered.iter().map(|l| format!("«{l}»")).collect();
    let list: Vec<String> = rendered.iter().map(|l| format!("\"{l}\"")).collect();
    c.warn(
        field,
        format!(
            "dòng «{}» rộng {need} mm ở cỡ chữ 13, chỗ viết chữ của cột {} chỉ rộng {have} mm (cột rộng {column} mm, trừ lề ô hai bên): vanban ngắt thành {}",
            line.trim(),
            if right { "tiêu đề bên phải" } else { "tên cơ quan" },
            shown.join(" / ")
        ),
        if right {
            "tiêu đề bên phải là một dòng: rút gọn nếu muốn in trên một dòng (NĐ 30/2020, Phụ lục I, mục II.1)".to_string()
        } else {
            format!(
                "tự chia dòng trong dữ liệu nếu muốn ngắt chỗ khác, ví dụ `[{}]`, hoặc viết tắt cụm từ thông dụng (UBND, HĐND) (NĐ 30/2020, Phụ lục I, mục II.2)",
                list.join(", ")
            )
        },
    );
}

/// Parse `so_ky_hieu`: `62/KH-UBND`, `68/2007/QĐ-UBND` (number/year/symbol), or `/KH-UBND`
/// (draft, no number).
///
/// Rules (NĐ 30 Phụ lục I, II.3): the number is Arabic digits (printed zero-padded below 10);
/// the ký hiệu groups are joined by `-` with no spaces; the first group is the type code
/// (Phụ lục III: `KH` for Kế hoạch, `QĐ` for Quyết định; công văn has none). A code that does
/// not match is an error for the plan and the reports (they have always been checked so), and
/// a warning for every other kind: mass organisations and Party bodies number differently.
pub(crate) fn reference(
    c: &mut Checker<'_>,
    value: &str,
    kind: DocumentKind,
    field: &str,
) -> ReferenceNumber {
    let value = value.trim();
    let code = if kind.code().is_empty() {
        "UBND".to_string()
    } else {
        format!("{}-UBND", kind.code())
    };
    let example = format!("`62/{code}` hoặc `/{code}` khi chưa có số");
    let parts: Vec<&str> = value.split('/').map(str::trim).collect();
    let (num, year, symbol) = match parts.as_slice() {
        [s] => ("", None, *s),
        [n, s] => (*n, None, *s),
        [n, y, s] if y.len() == 4 && y.chars().all(|ch| ch.is_ascii_digit()) => {
            (*n, y.parse::<i32>().ok(), *s)
        }
        _ => {
            c.error(
                field,
                format!("số, ký hiệu không hợp lệ: `{value}`"),
                format!("viết số/ký hiệu ({example}), hoặc số/năm/ký hiệu như `68/2007/QĐ-UBND`"),
            );
            ("", None, parts.last().copied().unwrap_or(""))
        }
    };
    let number = if num.is_empty() {
        None
    } else {
        match num.parse::<u32>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                c.error(
                    field,
                    format!("số văn bản không hợp lệ: `{num}`"),
                    format!("số là chữ số Ả Rập lớn hơn 0, ví dụ `62/{}`", symbol),
                );
                None
            }
        }
    };
    let first = symbol.split('-').next().unwrap_or("");
    if symbol.is_empty() || symbol.contains(char::is_whitespace) {
        c.error(
            field,
            format!("ký hiệu văn bản không hợp lệ: `{symbol}`"),
            format!("ký hiệu gồm các nhóm chữ nối bằng `-`, không có dấu cách: {example}"),
        );
    } else if matches!(kind, DocumentKind::Plan | DocumentKind::Report) && first != kind.code() {
        c.error(
            field,
            format!(
                "ký hiệu `{symbol}` không khớp tên loại {}: phải bắt đầu bằng `{}`",
                kind.title(),
                kind.code()
            ),
            format!(
                "NĐ 30/2020, Phụ lục III: {} viết tắt là {}; ví dụ {example}",
                kind.name(),
                kind.code()
            ),
        );
    } else if !kind.code().is_empty() && first != kind.code() {
        c.warn(
            field,
            format!(
                "ký hiệu `{symbol}` không bắt đầu bằng `{}` (chữ viết tắt của {})",
                kind.code(),
                kind.name()
            ),
            format!(
                "NĐ 30/2020, Phụ lục III: {} viết tắt là {}, ví dụ {example}; bỏ qua cảnh báo này nếu cơ quan (đoàn thể, tổ chức Đảng) đánh ký hiệu theo quy định riêng",
                kind.name(),
                kind.code()
            ),
        );
    } else if kind.code().is_empty() {
        if let Some(k) = crate::model::KINDS
            .iter()
            .find(|r| r.code == Some(first) && symbol.contains('-'))
        {
            c.warn(
                field,
                format!(
                    "ký hiệu `{symbol}` bắt đầu bằng `{first}`, chữ viết tắt của {}",
                    k.name
                ),
                format!(
                    "ký hiệu của {} không có chữ viết tắt tên loại, ví dụ `15/UBND-VP`",
                    kind.name().to_lowercase()
                ),
            );
        }
    }
    ReferenceNumber {
        number,
        year,
        symbol: symbol.to_string(),
    }
}

/// Parse a date written `2025-04-02`, `02/04/2025` or `2/4/2025`; an error message if it is not one.
///
/// An ISO 8601 date-time (`2025-03-09T07:30:00+07:00`, or without offset) is accepted too, and
/// its **date as written** is taken: time zones are never converted, so the result does not
/// depend on the machine's `TZ` (H12).
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    if let Some((day, time)) = s.split_once(['T', 't', ' ']) {
        if day.len() == 10 && day.as_bytes()[4] == b'-' {
            let with_offset = chrono::DateTime::parse_from_rfc3339(s).is_ok();
            let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").is_ok()
                || chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").is_ok()
                || chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").is_ok();
            let date = parse_date(day)?;
            if with_offset || naive {
                return Ok(date);
            }
            return Err(format!(
                "`{s}`: giờ `{time}` không hợp lệ (dạng đúng: `2025-03-09T07:30:00+07:00`)"
            ));
        }
    }
    let parts: Vec<&str> = if s.contains('-') {
        s.split('-').collect()
    } else {
        s.split('/').collect()
    };
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.trim().parse().ok()).collect();
    let (y, m, d) = match (parts.len(), nums) {
        (3, Some(n)) if s.contains('-') && parts[0].len() == 4 => (n[0] as i32, n[1], n[2]),
        (3, Some(n)) if !s.contains('-') && parts[2].len() == 4 => (n[2] as i32, n[1], n[0]),
        _ => {
            return Err(format!(
                "`{s}` không phải ngày theo dạng `2025-04-02` hoặc `02/4/2025`"
            ))
        }
    };
    // The date as the user typed it, and why it is not one.
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let why = match (1..=12).contains(&m) {
            false => format!("không có tháng {m}"),
            true => {
                let last = (28..=31)
                    .rev()
                    .find(|&x| NaiveDate::from_ymd_opt(y, m, x).is_some());
                format!("tháng {m}/{y} có {} ngày", last.unwrap_or(28))
            }
        };
        format!("ngày `{s}` không có thật trong lịch: {why}")
    })
}

/// Parse `ngay_ban_hanh`: a full date, or only the year (draft).
pub(crate) fn issue_date(c: &mut Checker<'_>, value: &str, field: &str) -> IssueDate {
    let v = value.trim();
    if v.len() == 4 && v.chars().all(|ch| ch.is_ascii_digit()) {
        if let Ok(y) = v.parse::<i32>() {
            return IssueDate::YearOnly(y);
        }
    }
    match parse_date(v) {
        Ok(d) => IssueDate::Full(d),
        Err(msg) => {
            c.error(
                field,
                msg,
                "viết `2025-04-02` hoặc `02/4/2025`; với bản dự thảo chưa có ngày chỉ ghi năm: `2025`",
            );
            IssueDate::YearOnly(1970)
        }
    }
}

/// A list marker typed by the user dropped from the start of a line — a dash or bullet (`- `,
/// `– `, `— `, `+ `, `* `, `• `, also glued to a capital: `-Hội`), several in a row (`- - `) —
/// and the end punctuation (`;`, `.`, `,`) from its end: vanban writes both (NĐ 30 Phụ lục I,
/// II.9; Mẫu 1.5). A value that merely starts with a dash (`---`, `-5%`) is kept as written, and
/// so is a leading number (`1. Một` may be a name: case H03); a control character after the dash
/// was made a space when the value was read, so `-\v` is a marker too.
pub(crate) fn strip_marker(line: &str) -> &str {
    // Zero-width characters at the ends (copied from Word) are not the user's text either.
    fn bare(t: &str) -> &str {
        t.trim_matches(|c: char| c.is_whitespace() || crate::model::text::is_zero_width(c))
    }
    let mut t = bare(line);
    while let Some(rest) = t.strip_prefix(['-', '–', '—', '+', '*', '•', '·', '▪']) {
        if !rest.starts_with(|ch: char| ch.is_whitespace() || ch.is_uppercase()) {
            break;
        }
        t = bare(rest);
    }
    bare(t.trim_end_matches([';', '.', ',']))
}

/// Kính gửi — the addressee lines without the markers and end punctuation the user typed (vanban
/// writes `- …;` and the final `.` itself, Mẫu 1.5; case H18), with a warning naming the line.
pub(crate) fn addressees(c: &mut Checker<'_>, lines: &Lines, field: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, l) in lines.0.iter().enumerate() {
        let t = strip_marker(l);
        if t != l.trim() {
            c.warn(
                &format!("{field}[{i}]"),
                format!(
                    "đã bỏ dấu đầu dòng hoặc dấu câu cuối dòng của «{}»",
                    l.trim()
                ),
                format!("vanban tự thêm `- ` và `;`/`.` cho mỗi dòng; chỉ ghi tên: `\"{t}\"`"),
            );
        }
        if !t.is_empty() {
            out.push(t.to_string());
        }
    }
    out
}

/// Check recipient lines: strip a leading `- ` and final `;`/`.`; the last must be `Lưu: …`.
pub(crate) fn recipients(
    c: &mut Checker<'_>,
    lines: &Lines,
    field: &str,
    first: Option<&str>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(f) = first {
        out.push(f.to_string());
    }
    for l in &lines.0 {
        let t = strip_marker(l);
        if !t.is_empty() && first != Some(t) {
            out.push(t.to_string());
        }
    }
    match out.last() {
        // `Lưu VT, VHXH`: the colon is part of the rule (NĐ 30 Phụ lục I, II.9.b).
        Some(last) if last.starts_with("Lưu") && !last["Lưu".len()..].trim_start().starts_with(':') => {
            let at = lines
                .0
                .iter()
                .rposition(|l| !strip_marker(l).is_empty())
                .map_or_else(|| field.to_string(), |i| format!("{field}[{i}]"));
            let rest = last["Lưu".len()..].trim_start();
            c.error(
                &at,
                format!("dòng `{last}` thiếu dấu `:` sau `Lưu`"),
                format!(
                    "viết `\"Lưu: {}\"` (trong ngoặc kép, vì có dấu `:`) (NĐ 30/2020, Phụ lục I, mục II.9.b)",
                    if rest.is_empty() { "VT" } else { rest }
                ),
            );
        }
        Some(last) if last.starts_with("Lưu") => {}
        _ => c.error(
            field,
            "dòng cuối của Nơi nhận phải là `Lưu: VT, …`",
            "thêm dòng cuối `- \"Lưu: VT, <đơn vị soạn thảo>\"` (trong ngoặc kép, vì có dấu `:`) (NĐ 30/2020, Phụ lục I, mục II.9.b)",
        ),
    }
    out
}

/// Chức vụ cấp phó — whether a title is a deputy's: `PHÓ …` (`PHÓ CHỦ TỊCH`, `PHÓ GIÁM ĐỐC`,
/// `PHÓ CHÁNH VĂN PHÒNG`) or `THỨ TRƯỞNG` (a minister's deputy).
pub(crate) fn is_deputy(title: &str) -> bool {
    let t = upper(title.trim());
    t.starts_with("PHÓ ") || t == "PHÓ" || t.starts_with("THỨ TRƯỞNG")
}

/// Which of the Điều 13 combinations a signature breaks: `(line index or None for the title,
/// message, hint)`. The rules (NĐ 30 Điều 13; nd30-layout §4.7): each prefix at most once;
/// `TM.` (a collective) first; `TL.` and `TUQ.` not together; `KT.` last of the prefixes
/// (`TM. … / KT. …`, `TL. … / KT. …`) and then the signer is a deputy; a deputy signs only with
/// `KT.`.
pub(crate) fn authority_problems(
    authority: &[String],
    title: &str,
) -> Vec<(Option<usize>, String, String)> {
    let mut out = Vec::new();
    let prefix = |l: &str| {
        let first = l.split_whitespace().next().unwrap_or("");
        AUTHORITY_PREFIXES.iter().copied().find(|p| *p == first)
    };
    let prefixes: Vec<Option<&str>> = authority.iter().map(|l| prefix(l)).collect();
    let rule = "NĐ 30/2020, Điều 13 và Phụ lục I, mục II.7";
    for (i, p) in prefixes.iter().enumerate() {
        let Some(p) = p else { continue };
        if prefixes[..i].contains(&Some(p)) {
            out.push((
                Some(i),
                format!("tiền tố `{p}` xuất hiện hai lần"),
                format!("mỗi tiền tố quyền hạn chỉ ghi một lần ({rule})"),
            ));
        }
        if *p == "TM." && i > 0 {
            out.push((
                Some(i),
                "`TM.` (thay mặt tập thể) phải là dòng quyền hạn đầu tiên".into(),
                format!("ví dụ `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` ({rule})"),
            ));
        }
        if *p == "KT." && prefixes[i + 1..].iter().any(Option::is_some) {
            out.push((
                Some(i),
                "`KT.` (ký thay) phải là dòng quyền hạn cuối cùng, ngay trên chức vụ người ký"
                    .into(),
                format!(
                    "ví dụ `TL. CHỦ TỊCH` / `KT. CHÁNH VĂN PHÒNG` / `PHÓ CHÁNH VĂN PHÒNG` ({rule})"
                ),
            ));
        }
    }
    if prefixes.contains(&Some("TL.")) && prefixes.contains(&Some("TUQ.")) {
        out.push((
            None,
            "không dùng `TL.` và `TUQ.` cùng lúc".into(),
            format!("thừa lệnh (TL.) hoặc thừa ủy quyền (TUQ.), chỉ một ({rule})"),
        ));
    }
    let kt = prefixes.contains(&Some("KT."));
    if kt && !is_deputy(title) {
        out.push((
            None,
            "ký thay (KT.) thì chức vụ người ký là cấp phó, ví dụ `PHÓ CHỦ TỊCH`, `THỨ TRƯỞNG`"
                .into(),
            "kiểm tra lại quyền hạn ký và chức vụ".into(),
        ));
    }
    if !kt && is_deputy(title) {
        out.push((
            None,
            format!(
                "cấp phó (`{}`) ký thay cấp trưởng: cần dòng `KT. <chức vụ cấp trưởng>`",
                upper(title.trim())
            ),
            format!("ví dụ `quyen_han: [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]` ({rule})"),
        ));
    }
    out
}

/// Check the signature block and return it upper-cased.
pub(crate) fn signature(c: &mut Checker<'_>, s: &RawSignature, field: &str) -> Signature {
    let mut authority: Vec<String> = s.quyen_han.0.iter().map(|l| upper(l)).collect();
    for (i, line) in authority.iter().enumerate() {
        let first = line.split_whitespace().next().unwrap_or("");
        if first.ends_with('.') && !AUTHORITY_PREFIXES.contains(&first) {
            c.warn(
                &format!("{field}.quyen_han[{i}]"),
                format!("tiền tố quyền hạn `{first}` không có trong NĐ 30"),
                "dùng một trong: TM., KT., Q., TL., TUQ. (NĐ 30/2020, Phụ lục I, mục II.7)",
            );
        }
    }
    c.require(&format!("{field}.chuc_vu"), &s.chuc_vu, "chức vụ người ký");
    c.require(&format!("{field}.nguoi_ky"), &s.nguoi_ky, "họ tên người ký");
    for (line, message, hint) in authority_problems(&authority, &s.chuc_vu) {
        let at = match line {
            Some(i) => format!("{field}.quyen_han[{i}]"),
            None => format!("{field}.chuc_vu"),
        };
        c.warn(&at, message, hint);
    }
    authority.push(upper(s.chuc_vu.trim()));
    Signature {
        authority,
        signer_name: s.nguoi_ky.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_formats() {
        assert_eq!(
            parse_date("2025-01-05"),
            NaiveDate::from_ymd_opt(2025, 1, 5).ok_or(String::new())
        );
        assert_eq!(
            parse_date("5/1/2025"),
            NaiveDate::from_ymd_opt(2025, 1, 5).ok_or(String::new())
        );
        assert!(parse_date("31/02/2025")
            .unwrap_err()
            .contains("ngày `31/02/2025` không có thật trong lịch: tháng 2/2025 có 28 ngày"));
        assert!(parse_date("2025-13-01")
            .unwrap_err()
            .contains("ngày `2025-13-01` không có thật trong lịch: không có tháng 13"));
        assert!(parse_date("2025.01.05").is_err());
        assert!(parse_date("01-05-2025").is_err());
    }

    #[test]
    fn iso_datetime_keeps_the_written_date() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 9).ok_or(String::new());
        assert_eq!(parse_date("2025-03-09T07:30:00+07:00"), d);
        assert_eq!(parse_date("2025-03-09T23:30:00-05:00"), d);
        assert_eq!(parse_date("2025-03-09T07:30:00"), d);
        assert!(parse_date("2025-03-09T25:30:00+07:00").is_err());
        assert!(parse_date("2025-02-30T07:30:00+07:00").is_err());
    }

    fn problems(lines: &[&str], title: &str) -> Vec<String> {
        let a: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        authority_problems(&a, title)
            .into_iter()
            .map(|(_, m, _)| m)
            .collect()
    }

    #[test]
    fn the_combinations_of_dieu_13() {
        assert!(problems(&["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH").is_empty());
        assert!(problems(&["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH").is_empty());
        assert!(problems(&["KT. BỘ TRƯỞNG"], "THỨ TRƯỞNG").is_empty());
        assert!(problems(&["KT. GIÁM ĐỐC"], "Phó Giám đốc").is_empty());
        assert!(problems(
            &["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"],
            "PHÓ CHÁNH VĂN PHÒNG"
        )
        .is_empty());
        assert!(problems(&["TUQ. CHỦ TỊCH"], "CHÁNH VĂN PHÒNG").is_empty());
        assert!(problems(&[], "Q. GIÁM ĐỐC").is_empty());
        assert!(problems(&[], "CHỦ TỊCH").is_empty());
        assert!(problems(&["KT. CHỦ TỊCH"], "CHỦ TỊCH")[0].contains("cấp phó"));
        assert!(problems(&["TM. ỦY BAN NHÂN DÂN"], "PHÓ CHỦ TỊCH")[0].contains("KT."));
        assert!(
            problems(&["KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"], "PHÓ CHỦ TỊCH")
                .iter()
                .any(|m| m.contains("TM."))
        );
        assert!(
            problems(&["TL. CHỦ TỊCH", "TUQ. CHỦ TỊCH"], "CHÁNH VĂN PHÒNG")
                .iter()
                .any(|m| m.contains("cùng lúc"))
        );
        assert!(problems(&["KT. CHỦ TỊCH", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH")
            .iter()
            .any(|m| m.contains("hai lần")));
    }
}
