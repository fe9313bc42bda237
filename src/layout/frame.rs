//! The administrative frame laid out as tables and paragraphs: header table, title block,
//! Kính gửi, closing table, appendix heading (NĐ 30/2020/NĐ-CP, Phụ lục I, II).

use chrono::Datelike;

use super::measure::{balanced, styled_width_twips, text_width_twips, Break};
use super::profile as p;
use crate::model::admin::{MOTTO, NATIONAL_TITLE};
use crate::model::format::{day_text, month_text};
use crate::model::page::{
    Cell, Flow, Justify, LineSpacing, Para, ParaFormat, Row, Rule, RunFormat, Span, Table,
};
use crate::model::units::{Mm, Pt, Twips};
use crate::model::{Appendix, Frame, IssueDate, Layout, RightHeader};

/// A run of `text` at `size`.
fn text(text: &str, size: Pt, bold: bool, italic: bool) -> Span {
    Span::Text(text.to_string(), RunFormat { bold, italic, size })
}

/// A centred single-spaced paragraph (header lines: NĐ 30 Phụ lục I, II.1 "cách dòng đơn").
fn centred(spans: Vec<Span>) -> Para {
    Para {
        format: ParaFormat {
            align: Justify::Center,
            ..ParaFormat::default()
        },
        spans,
    }
}

/// A paragraph with `before` points above it.
fn spaced(mut para: Para, before: Pt) -> Para {
    para.format.space_before = before.twips();
    para
}

/// A solid line of `length` centred in a box `box_width` wide: an empty paragraph with a bottom
/// border, narrowed by equal left and right indents.
fn rule(length: Twips, box_width: Twips) -> Para {
    let side = Twips(((box_width.0 - length.0) / 2).max(0));
    Para {
        format: ParaFormat {
            align: Justify::Center,
            indent_left: side,
            indent_right: side,
            line: LineSpacing::Exact(p::RULE_LINE_HEIGHT.twips()),
            bottom_rule: Some(Rule {
                eighths: p::RULE_EIGHTHS,
            }),
            ..ParaFormat::default()
        },
        spans: Vec::new(),
    }
}

fn cell_content_width(cell: Mm) -> Twips {
    cell.twips() - p::CELL_MARGIN.twips() - p::CELL_MARGIN.twips()
}

fn cell(paras: Vec<Para>) -> Cell {
    Cell {
        v_center: false,
        paras,
    }
}

fn borderless(columns: &[Mm], indent: Twips, rows: Vec<Row>) -> Flow {
    Flow::Table(Table {
        columns: columns.iter().map(|c| c.twips()).collect(),
        indent,
        borders: false,
        rows,
    })
}

/// The place-and-date line (ô 4): `Nguyễn Trãi, ngày 05 tháng 3 năm 2025`; `blanks` no-break
/// spaces for the day and the month in a draft.
pub(crate) fn place_date(f: &Frame, blanks: usize) -> String {
    let blank = "\u{a0}".repeat(blanks);
    match f.date {
        IssueDate::Full(d) => format!(
            "{}, ngày {} tháng {} năm {}",
            f.place,
            day_text(d.day()),
            month_text(d.month()),
            d.year()
        ),
        IssueDate::YearOnly(y) => format!("{}, ngày{blank}tháng{blank}năm {y}", f.place),
    }
}

/// Từ chỉ cấp hành chính — the level words before which an agency line breaks naturally, and
/// after which a name follows (NĐ 30 Phụ lục II, I.2: đơn vị hành chính; issue 9, item 2).
const LEVEL_WORDS: &[&[&str]] = &[
    &["THÀNH", "PHỐ"],
    &["THỊ", "XÃ"],
    &["THỊ", "TRẤN"],
    &["ĐẶC", "KHU"],
    &["PHƯỜNG"],
    &["XÃ"],
    &["TỈNH"],
    &["HUYỆN"],
    &["QUẬN"],
];

/// Function words of agency names and trích yếu: a break before one falls between phrases.
const PHRASE_WORDS: &[&str] = &[
    "các", "của", "và", "&", "về", "với", "cho", "trong", "trên", "tại", "năm", "vì", "theo",
    "đối", "giai", "nhằm",
];

/// Từ ghép — two-syllable words frequent in agency names and trích yếu, never broken between
/// their syllables (Vietnamese writes a word's syllables apart, so a space is not a word end).
const COMPOUNDS: &[&str] = &[
    "ủy ban",
    "nhân dân",
    "hội đồng",
    "chỉ đạo",
    "chương trình",
    "mục tiêu",
    "quốc gia",
    "thường trực",
    "trung tâm",
    "y tế",
    "trung học",
    "cơ sở",
    "tiểu học",
    "mầm non",
    "mặt trận",
    "tổ quốc",
    "việt nam",
    "phụ nữ",
    "thanh niên",
    "công an",
    "văn hóa",
    "xã hội",
    "giáo dục",
    "đào tạo",
    "liên hiệp",
    "chiến binh",
    "nông dân",
    "công đoàn",
    "văn phòng",
    "tư pháp",
    "địa chính",
    "tài chính",
    "quân sự",
    "bình đẳng",
    "tiến bộ",
    "kết quả",
    "thực hiện",
    "công tác",
    "bạo lực",
    "phòng ngừa",
    "ứng phó",
    "lồng ghép",
    "kế hoạch",
    "báo cáo",
    "tham gia",
    "phối hợp",
    "sức khỏe",
    "sinh sản",
    "gia đình",
    "lãnh đạo",
    "quản lý",
    "kinh tế",
    "lao động",
    "tuyên truyền",
    "pháp luật",
    "tổng hợp",
    "triển khai",
    "địa bàn",
    "đảng ủy",
    "bí thư",
    "cộng sản",
    "hồ chí",
    "chí minh",
    // `MẶT TRẬN TỔ QUỐC VIỆT NAM` is one name: never `… TỔ QUỐC / VIỆT NAM …`.
    "quốc việt",
    "chỉ huy",
    "quốc phòng",
    "an ninh",
    "trật tự",
    "thương binh",
    "khuyến học",
    "chữ thập",
    "thập đỏ",
    "cao tuổi",
    "tổ dân",
    "dân phố",
    "hộ tịch",
    "xây dựng",
    "đầu tư",
    "dự án",
    "khu vực",
    "tài nguyên",
    "môi trường",
    "phổ thông",
    "thể thao",
    "du lịch",
    "thông tin",
    "truyền thông",
    "truyền thanh",
    "phát thanh",
    "vận động",
    "toàn dân",
    "đoàn kết",
    "đời sống",
    "nông thôn",
    "giảm nghèo",
    "bền vững",
    "phát triển",
    "dịch vụ",
    "công ích",
    "hành chính",
    "tiếp nhận",
    "hợp tác",
    "doanh nghiệp",
    "kiểm tra",
    "thanh tra",
    "giám sát",
    "bảo vệ",
    "chăm sóc",
    "trẻ em",
    "dân số",
    "nội vụ",
    "tư vấn",
    "cứu hộ",
    "phòng cháy",
    "chữa cháy",
    "cứu nạn",
    "dân quân",
    "tự vệ",
    "biên phòng",
    "hải quan",
    "thuế vụ",
    "kho bạc",
    "ngân hàng",
    "bảo hiểm",
    "tôn giáo",
    "dân tộc",
    "thi đua",
    "khen thưởng",
    "cải cách",
    "chuyển đổi",
    "số hóa",
    "học tập",
    "suốt đời",
    "tiêu biểu",
    "gương mẫu",
    "thực hành",
    "tiết kiệm",
    "lãng phí",
    "tham nhũng",
    "tiêu cực",
];

/// Whether `a b` is one of the [`COMPOUNDS`].
fn compound(a: &str, b: &str) -> bool {
    let pair = format!("{} {}", a.to_lowercase(), b.to_lowercase());
    COMPOUNDS.contains(&pair.as_str())
}

/// The level word starting at `words[i]`, as its number of words; not the first syllable of a
/// word (`XÃ HỘI`).
fn level_word_at(words: &[&str], i: usize) -> Option<usize> {
    if words
        .get(i + 1)
        .is_some_and(|next| compound(words[i], next))
    {
        return None;
    }
    LEVEL_WORDS
        .iter()
        .find(|l| {
            words.len() >= i + l.len()
                && l.iter()
                    .zip(&words[i..])
                    .all(|(a, b)| b.to_uppercase() == *a)
        })
        .map(|l| l.len())
}

/// How welcome a break before each word of an agency line or a trích yếu is: natural before a
/// level word, never inside a level word or inside the name after it (`THÀNH PHỐ KON TUM`,
/// `phường Nguyễn Trãi`, `năm 2025`), between phrases before a function word.
fn break_kinds(words: &[&str]) -> Vec<Break> {
    let mut kinds = vec![Break::Plain; words.len()];
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let all_caps = words.iter().all(|w| !w.chars().any(char::is_lowercase));
    let mut in_name = false;
    let mut i = 0;
    while i < words.len() {
        if let Some(len) = level_word_at(words, i) {
            kinds[i] = Break::Natural;
            for k in kinds.iter_mut().skip(i + 1).take(len - 1) {
                *k = Break::Never;
            }
            in_name = true;
            i += len;
            // The name's first word stays with the level word.
            if i < words.len() && level_word_at(words, i).is_none() {
                kinds[i] = Break::Never;
                i += 1;
            }
            continue;
        }
        let w = words[i];
        let lower = w.to_lowercase();
        let dash = |w: &str| matches!(w, "-" | "–");
        if (i > 0 && compound(words[i - 1], w)) || dash(w) {
            // Inside a word; a line never starts with the dash of `VĂN HÓA - THỂ THAO`.
            kinds[i] = Break::Never;
        } else if all_caps {
            // In an upper-case agency line the name runs to the end of the line.
            if in_name {
                kinds[i] = Break::Never;
            } else if PHRASE_WORDS.contains(&lower.as_str()) || (i > 0 && dash(words[i - 1])) {
                kinds[i] = Break::Phrase;
            }
        } else if i > 0 && capital(w) && (capital(words[i - 1]) || kinds[i - 1] == Break::Never) {
            // A capitalised word after another (`Nguyễn Trãi`, `Kon Tum`): inside a name.
            kinds[i] = Break::Never;
        } else if i > 0 && w.chars().all(|c| c.is_ascii_digit()) {
            // `năm 2025`, `Mục tiêu 3`: a number stays with the word before it.
            kinds[i] = Break::Never;
        } else if PHRASE_WORDS.contains(&lower.as_str()) {
            kinds[i] = Break::Phrase;
        }
        i += 1;
    }
    kinds
}

/// Width available to the text of the agency column (the column less its two cell margins).
fn agency_width() -> Twips {
    cell_content_width(p::header_left_width())
}

/// The lines a header line of the data is printed as in a column `width` wide: the line itself
/// when it fits, else broken at natural points (before `THÀNH PHỐ`, `PHƯỜNG`, `XÃ` …), never
/// inside a name or a word, into as few and as even lines as fit (NĐ 30 Phụ lục I, II.2: a long
/// name may run over several lines).
fn header_lines(line: &str, size: Pt, bold: bool, width: Twips) -> Vec<String> {
    let line = line.trim();
    if text_width_twips(line, size, bold) <= width {
        return vec![line.to_string()];
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let kinds = break_kinds(&words);
    balanced(&words, size, bold, width, &|i| kinds[i])
}

/// The lines an agency line of the data is printed as in the left column (13 pt, `bold` for the
/// issuing agency), see [`header_lines`]. The data stage warns when this returns more than one.
pub(crate) fn agency_lines(line: &str, bold: bool) -> Vec<String> {
    header_lines(line, p::AGENCY_SIZE, bold, agency_width())
}

/// The lines of a right-hand title (`tieu_de_phai`, bold, at most 13 pt) in the right column,
/// see [`header_lines`]. The data stage warns when this returns more than one.
pub(crate) fn right_title_lines(title: &str, size: Pt) -> Vec<String> {
    header_lines(title, size, true, cell_content_width(p::HEADER_RIGHT_WIDTH))
}

/// The width of a header line at 13 pt, the width its column leaves for text (inside the cell
/// margins) and the column's own width (`right`: the right column), in millimetres with one
/// decimal (for the warning).
pub(crate) fn header_overflow_mm(line: &str, bold: bool, right: bool) -> (f64, f64, f64) {
    let mm = |t: Twips| (f64::from(t.0) / 56.693 * 10.0).round() / 10.0;
    let column = if right {
        cell_content_width(p::HEADER_RIGHT_WIDTH)
    } else {
        agency_width()
    };
    (
        mm(text_width_twips(line.trim(), p::AGENCY_SIZE, bold)),
        mm(column),
        mm(column + p::CELL_MARGIN.twips() + p::CELL_MARGIN.twips()),
    )
}

/// The borderless two-column header table.
pub(crate) fn header_table(f: &Frame, out: &mut Vec<Flow>) {
    let left_w = agency_width();
    let right_w = cell_content_width(p::HEADER_RIGHT_WIDTH);
    // Left column: chủ quản (not bold), cơ quan ban hành (bold), short rule; each line of the data
    // on one line where it fits.
    let mut left = Vec::new();
    for l in f.parent_agency.iter().flat_map(|l| agency_lines(l, false)) {
        left.push(centred(vec![text(&l, p::AGENCY_SIZE, false, false)]));
    }
    let issuing: Vec<String> = f
        .issuing_agency
        .iter()
        .flat_map(|l| agency_lines(l, true))
        .collect();
    for l in &issuing {
        left.push(centred(vec![text(l, p::AGENCY_SIZE, true, false)]));
    }
    // The rule: 1/3–1/2 of the longest line as rendered (NĐ 30 Phụ lục I, II.2).
    let longest = issuing
        .iter()
        .map(|l| text_width_twips(l, p::AGENCY_SIZE, true).min(left_w))
        .max()
        .unwrap_or(Twips(0));
    left.push(rule(longest.scale(p::SHORT_RULE_FRACTION), left_w));
    // Right column: Quốc hiệu, Tiêu ngữ, rule as long as the Tiêu ngữ; 13/14/14 pt, or 12/13/13
    // when the place and date do not fit on one line at 14 pt.
    // A line fits a width with PLACE_DATE_SPARE to spare: renderers differ by a little.
    let fits = |line: &str, size, room: Twips| {
        styled_width_twips(line, size, false, true) + p::PLACE_DATE_SPARE.twips() <= room
    };
    // Biên bản (Mẫu 1.9): no place-and-date line; the right cell of row 2 stays empty.
    let dated = f.kind.layout().has_place_date();
    let mut place_date = if dated {
        place_date(f, p::DRAFT_DATE_BLANKS)
    } else {
        String::new()
    };
    let (title_size, motto_size, date_size) = if fits(&place_date, p::PLACE_DATE_SIZE, right_w) {
        (p::NATIONAL_TITLE_SIZE, p::MOTTO_SIZE, p::PLACE_DATE_SIZE)
    } else {
        p::SMALL_HEADER_SIZES
    };
    // A draft's blanks shrink (down to half) before its line would wrap, margins used.
    let widest = right_w + p::CELL_MARGIN.twips() + p::CELL_MARGIN.twips();
    let mut blanks = p::DRAFT_DATE_BLANKS;
    while dated && blanks > p::DRAFT_DATE_BLANKS / 2 && !fits(&place_date, date_size, widest) {
        blanks -= 1;
        place_date = self::place_date(f, blanks);
    }
    let mut right = Vec::new();
    match &f.right_header {
        RightHeader::National => {
            right.push(centred(vec![text(NATIONAL_TITLE, title_size, true, false)]));
            right.push(centred(vec![text(MOTTO, motto_size, true, false)]));
            right.push(rule(text_width_twips(MOTTO, motto_size, true), right_w));
        }
        RightHeader::Custom(title) => {
            let lines = right_title_lines(title, title_size);
            for l in &lines {
                right.push(centred(vec![text(l, title_size, true, false)]));
            }
            let longest = lines
                .iter()
                .map(|l| text_width_twips(l, title_size, true).min(right_w))
                .max()
                .unwrap_or(Twips(0));
            right.push(rule(longest, right_w));
        }
    }
    // Row 2: số, ký hiệu (13 pt) | place and date (14 pt italic), 6 pt above.
    let number = spaced(
        centred(vec![text(
            &format!("Số: {}", f.reference.text()),
            p::NUMBER_SIZE,
            false,
            false,
        )]),
        p::HEADER_SECOND_ROW_SPACING,
    );
    let mut number = vec![number];
    if f.kind.layout() == Layout::Letter {
        // Công văn: `V/v` + trích yếu under the số (NĐ 30 Phụ lục I, II.5.b), in the narrow
        // column: the lines of the data where each fits, else the whole text in balanced lines.
        if let Some(lines) = letter_subject_lines(&f.subject) {
            let mut spans = Vec::new();
            for (i, l) in lines.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::Break(RunFormat::size(p::LETTER_SUBJECT_SIZE)));
                }
                spans.push(text(l, p::LETTER_SUBJECT_SIZE, false, false));
            }
            number.push(spaced(centred(spans), p::LETTER_SUBJECT_SPACING));
        }
    }
    let spans = if dated {
        vec![text(&place_date, date_size, false, true)]
    } else {
        Vec::new()
    };
    let mut date = spaced(centred(spans), p::HEADER_SECOND_ROW_SPACING);
    if !fits(&place_date, date_size, right_w) {
        // Still too long (`Thành phố Hồ Chí Minh, ngày …`): the line may use the cell margins.
        date.format.indent_left = -p::CELL_MARGIN.twips();
        date.format.indent_right = -p::CELL_MARGIN.twips();
    }
    let rows = vec![
        Row {
            header: false,
            cant_split: false,
            cells: vec![cell(left), cell(right)],
        },
        Row {
            header: false,
            cant_split: false,
            cells: vec![cell(number), cell(vec![date])],
        },
    ];
    out.push(borderless(
        &[p::header_left_width(), p::HEADER_RIGHT_WIDTH],
        p::HEADER_TABLE_INDENT.twips(),
        rows,
    ));
}

/// A one-cell table with a single border around centred bold upper-case `label`: the mức độ
/// khẩn and phạm vi lưu hành marks.
fn boxed(label: &str, size: Pt, width: Twips, indent: Twips) -> Flow {
    Flow::Table(Table {
        columns: vec![width],
        indent,
        borders: true,
        rows: vec![Row {
            header: false,
            cant_split: true,
            cells: vec![Cell {
                v_center: true,
                paras: vec![centred(vec![text(label, size, true, false)])],
            }],
        }],
    })
}

/// An empty paragraph of exact small height, so that two tables stay apart.
fn separator() -> Flow {
    Flow::Para(Para {
        format: ParaFormat {
            line: LineSpacing::Exact(p::TABLE_SEPARATOR.twips()),
            ..ParaFormat::default()
        },
        spans: Vec::new(),
    })
}

/// Phạm vi lưu hành (ô 11): a bordered box above the Quốc hiệu, centred on the right header
/// column (NĐ 30 Phụ lục I, III.2.c; diagram of Mục IV).
pub(crate) fn circulation(f: &Frame, out: &mut Vec<Flow>) {
    let Some(mark) = &f.other.circulation else {
        return;
    };
    let width = text_width_twips(mark, p::CIRCULATION_SIZE, true)
        + p::CIRCULATION_PADDING.twips()
        + p::CIRCULATION_PADDING.twips()
        + p::CELL_MARGIN.twips()
        + p::CELL_MARGIN.twips();
    let centre = p::HEADER_TABLE_INDENT.twips()
        + p::header_left_width().twips()
        + Twips(p::HEADER_RIGHT_WIDTH.twips().0 / 2);
    let indent = Twips(centre.0 - width.0 / 2);
    out.push(boxed(mark, p::CIRCULATION_SIZE, width, indent));
    out.push(separator());
}

/// Mức độ khẩn (ô 10b): a bordered rectangle at the left margin, under the số, ký hiệu and the
/// Kính gửi (NĐ 30 Phụ lục I, III.2.b: 20/40/30 × 8 mm).
pub(crate) fn urgency(f: &Frame, out: &mut Vec<Flow>) {
    let Some(u) = f.other.urgency else { return };
    let mut gap = Para::default();
    gap.format.line = LineSpacing::Exact(p::URGENCY_SPACING.twips());
    out.push(Flow::Para(gap));
    out.push(boxed(
        u.text(),
        p::URGENCY_SIZE,
        p::urgency_box_width(u).twips(),
        Twips(0),
    ));
}

/// Địa chỉ cơ quan (ô 13): a full-width line, then the contact lines at 11 pt, page 1 only
/// (NĐ 30 Phụ lục I, III.4; Mẫu 1.5 ô 10).
pub(crate) fn contact_footer(f: &Frame) -> Vec<Para> {
    if f.other.contact.is_empty() {
        return Vec::new();
    }
    let mut out = vec![rule(p::text_width().twips(), p::text_width().twips())];
    for l in &f.other.contact {
        out.push(centred(vec![text(l, p::CONTACT_SIZE, false, false)]));
    }
    out
}

/// The lines a trích yếu line of the data is printed as (14 pt bold, centred across the text
/// width): the line itself when it fits; else as few lines as needed, as even as possible,
/// never a one- or two-word last line, never broken inside a name (`phường Nguyễn Trãi`) or
/// before the year (`năm 2025`). Line breaks given in the data are kept: each data line is set on
/// its own (NĐ 30 Phụ lục I, II.5.a; issue 9, item 4).
pub(crate) fn subject_lines(line: &str) -> Vec<String> {
    let line = line.trim();
    let width = p::text_width().twips();
    if text_width_twips(line, p::SUBJECT_SIZE, true) <= width {
        return vec![line.to_string()];
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let kinds = break_kinds(&words);
    balanced(&words, p::SUBJECT_SIZE, true, width, &|i| kinds[i])
}

/// The `V/v …` lines of a công văn (12 pt, in the agency column): the data's lines, `V/v ` before
/// the first, when each fits the column; else the whole text broken into balanced lines as
/// [`subject_lines`] does (NĐ 30 Phụ lục I, II.5.b). `None` without a trích yếu.
fn letter_subject_lines(subject: &[String]) -> Option<Vec<String>> {
    let mut lines: Vec<String> = subject
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let first = lines.first_mut()?;
    if !first.starts_with("V/v") {
        *first = format!("V/v {first}");
    }
    let width = agency_width();
    if lines
        .iter()
        .all(|l| text_width_twips(l, p::LETTER_SUBJECT_SIZE, false) <= width)
    {
        return Some(lines);
    }
    let joined = lines.join(" ");
    let words: Vec<&str> = joined.split_whitespace().collect();
    let kinds = break_kinds(&words);
    Some(balanced(
        &words,
        p::LETTER_SUBJECT_SIZE,
        false,
        width,
        &|i| kinds[i],
    ))
}

/// Tên loại, trích yếu and the short rule under it (NĐ 30 Phụ lục I, II.5.a).
/// A công văn has neither (its trích yếu is the `V/v` line of the header).
pub(crate) fn title_block(f: &Frame, out: &mut Vec<Flow>) {
    if f.kind.layout() == Layout::Letter {
        return;
    }
    let mut kind = spaced(
        centred(vec![text(f.kind.title(), p::KIND_SIZE, true, false)]),
        p::TITLE_SPACING,
    );
    kind.format.keep_next = true;
    out.push(Flow::Para(kind));
    let subject: Vec<String> = f.subject.iter().flat_map(|l| subject_lines(l)).collect();
    for line in &subject {
        let mut para = centred(vec![text(line, p::SUBJECT_SIZE, true, false)]);
        para.format.keep_next = true;
        out.push(Flow::Para(para));
    }
    let longest = subject
        .iter()
        .map(|l| text_width_twips(l, p::SUBJECT_SIZE, true))
        .max()
        // No trích yếu (giấy giới thiệu): the line goes under the type name.
        .unwrap_or_else(|| text_width_twips(f.kind.title(), p::KIND_SIZE, true));
    out.push(Flow::Para(rule(
        longest.scale(p::SHORT_RULE_FRACTION),
        p::text_width().twips(),
    )));
}

/// `Kính gửi:` (NĐ 30 Phụ lục I, II.9.a; Mẫu 1.5): one addressee on the same line; several,
/// `Kính gửi:` on its own line and each addressee on an indented line starting with `-`, ending
/// with `;` and the last with `.`.
pub(crate) fn addressees(f: &Frame, out: &mut Vec<Flow>) {
    if f.addressees.is_empty() {
        return;
    }
    let size = p::ADDRESSEE_SIZE;
    if let Some(sender) = &f.other.sender {
        // Công điện (Mẫu 1.6): `<người điện> điện:` then each receiving agency centred,
        // `- …;`, the last `.`.
        out.push(Flow::Para(spaced(
            centred(vec![text(&format!("{sender} điện:"), size, false, false)]),
            p::ADDRESSEE_SPACING,
        )));
        let n = f.addressees.len();
        for (i, a) in f.addressees.iter().enumerate() {
            let end = if i + 1 == n { "." } else { ";" };
            let line = format!("- {}{end}", a.trim_end_matches(['.', ';']));
            out.push(Flow::Para(centred(vec![text(&line, size, false, false)])));
        }
        return;
    }
    let label = "Kính gửi:";
    if let [one] = f.addressees.as_slice() {
        let line = format!("{label} {}.", one.trim_end_matches('.'));
        out.push(Flow::Para(spaced(
            centred(vec![text(&line, size, false, false)]),
            p::ADDRESSEE_SPACING,
        )));
        return;
    }
    // Several (Mẫu 1.5): `Kính gửi:` alone on its line, then one indented line per addressee,
    // `- …;` and the last `- ….`; a long addressee wraps under its own text, not under the dash.
    let mut head = spaced(
        Para {
            format: ParaFormat {
                indent_left: p::ADDRESSEE_INDENT.twips(),
                keep_next: true,
                ..ParaFormat::default()
            },
            spans: vec![text(label, size, false, false)],
        },
        p::ADDRESSEE_SPACING,
    );
    head.format.keep_lines = true;
    out.push(Flow::Para(head));
    let dash = text_width_twips("- ", size, false);
    let n = f.addressees.len();
    for (i, a) in f.addressees.iter().enumerate() {
        let end = if i + 1 == n { "." } else { ";" };
        let line = format!("- {}{end}", a.trim_end_matches(['.', ';']));
        out.push(Flow::Para(Para {
            format: ParaFormat {
                indent_left: p::ADDRESSEE_ITEM_INDENT.twips() + dash,
                indent_first: -dash,
                keep_next: i + 1 < n,
                ..ParaFormat::default()
            },
            spans: vec![text(&line, size, false, false)],
        }));
    }
}

/// The closing table — `Nơi nhận:` and recipients left, signature right, first lines level
/// (NĐ 30 Phụ lục I, II.7 and II.9.b).
pub(crate) fn closing(f: &Frame, out: &mut Vec<Flow>) {
    let left_para = |span: Span| Para {
        format: ParaFormat::default(),
        spans: vec![span],
    };
    let mut left = vec![left_para(text(
        "Nơi nhận:",
        p::RECIPIENTS_LABEL_SIZE,
        true,
        true,
    ))];
    let n = f.recipients.len();
    for (i, r) in f.recipients.iter().enumerate() {
        let end = if i + 1 == n { "." } else { ";" };
        left.push(left_para(text(
            &format!("- {r}{end}"),
            p::RECIPIENT_SIZE,
            false,
            false,
        )));
    }
    if f.other.leave_confirmation {
        // Giấy nghỉ phép (Mẫu 1.10): the place of leave confirms under Nơi nhận.
        left.push(Para::default());
        for (line, italic) in [
            (
                "Xác nhận của cơ quan (tổ chức) hoặc chính quyền địa phương nơi nghỉ phép",
                true,
            ),
            ("(Chữ ký, dấu)", true),
        ] {
            left.push(centred(vec![text(
                line,
                p::CONFIRMATION_SIZE,
                false,
                italic,
            )]));
        }
    }
    let right = signature_paras(&f.signature);
    // A 12 pt gap between the body and the closing table.
    let mut gap = left_para(text("", p::CLOSING_GAP, false, false));
    gap.format.keep_next = true;
    out.push(Flow::Para(gap));
    if let Some(secretary) = &f.other.secretary {
        // Biên bản (Mẫu 1.9): thư ký left, chủ tọa right, Nơi nhận below.
        out.push(borderless(
            &[p::MINUTES_SIGNATURE_WIDTH, p::MINUTES_SIGNATURE_WIDTH],
            Twips(0),
            vec![Row {
                header: false,
                cant_split: true,
                cells: vec![cell(signature_paras(secretary)), cell(right)],
            }],
        ));
        // The label is a heading of the list: never alone at a page foot (issue 9, item 1).
        if let Some(label) = left.first_mut() {
            label.format.keep_next = true;
        }
        out.extend(left.into_iter().map(Flow::Para));
        return;
    }
    // A Nơi nhận taller than the signature (H19: 30–40 lines) is split over two rows: the first,
    // never split, holds the signature and as many recipients as stand beside it, so the last
    // body paragraph (kept with the next) stays with the signature; the second holds the rest
    // and may break across pages (NĐ 30 Phụ lục I, II.9.b allows the list to run on).
    let beside = recipients_beside(&left, &right);
    let rest = left.split_off(beside);
    let mut rows = vec![Row {
        header: false,
        cant_split: true,
        cells: vec![cell(left), cell(right)],
    }];
    if !rest.is_empty() {
        rows.push(Row {
            header: false,
            cant_split: false,
            cells: vec![cell(rest), cell(Vec::new())],
        });
    }
    out.push(borderless(
        &[p::CLOSING_LEFT_WIDTH, p::CLOSING_RIGHT_WIDTH],
        Twips(0),
        rows,
    ));
}

/// Height of `paras` in points at single spacing: the sum of their lines (wrapped in `width`)
/// times their size.
fn height_pt(paras: &[Para], width: Twips) -> Vec<f64> {
    paras
        .iter()
        .map(|para| {
            let (text, size, bold) = para.spans.iter().fold(
                (String::new(), p::RECIPIENT_SIZE, false),
                |(mut t, _, _), s| match s {
                    Span::Text(x, f) => {
                        t.push_str(x);
                        (t, f.size, f.bold)
                    }
                    _ => (t, p::RECIPIENT_SIZE, false),
                },
            );
            let lines = super::measure::wrap(&text, size, bold, width).len().max(1);
            lines as f64 * size.0
        })
        .collect()
}

/// How many of the closing table's left paragraphs (`Nơi nhận:` and the recipients) stand
/// beside the signature: all of them when the list is no taller than the signature, else as many
/// as fit its height (at least the label and one recipient).
fn recipients_beside(left: &[Para], right: &[Para]) -> usize {
    let signature: f64 = height_pt(right, cell_content_width(p::CLOSING_RIGHT_WIDTH))
        .iter()
        .sum();
    let heights = height_pt(left, cell_content_width(p::CLOSING_LEFT_WIDTH));
    if heights.iter().sum::<f64>() <= signature {
        return left.len();
    }
    let mut total = 0.0;
    let mut n = 0;
    for h in heights {
        if n >= 2 && total + h > signature {
            break;
        }
        total += h;
        n += 1;
    }
    n
}

/// The lines of one signature: quyền hạn and chức vụ (bold, upper case), the space for the
/// signature, the name (bold).
fn signature_paras(s: &crate::model::Signature) -> Vec<Para> {
    let mut out = Vec::new();
    for l in &s.authority {
        out.push(centred(vec![text(l, p::SIGNATURE_SIZE, true, false)]));
    }
    for _ in 0..p::SIGNATURE_SPACE_LINES {
        out.push(centred(vec![text("", p::SIGNATURE_SIZE, false, false)]));
    }
    out.push(centred(vec![text(
        &s.signer_name,
        p::SIGNATURE_SIZE,
        true,
        false,
    )]));
    out
}

/// The appendix heading — `Phụ lục` (14 pt bold), title (bold, upper case), `(Kèm theo …)`
/// (italic) and a short rule (NĐ 30 Phụ lục I, III.1; Mẫu 2.1).
pub(crate) fn appendix_heading(a: &Appendix, width: Twips, out: &mut Vec<Flow>) {
    out.push(Flow::Para(centred(vec![text(
        &a.label,
        p::APPENDIX_LABEL_SIZE,
        true,
        false,
    )])));
    out.push(Flow::Para(centred(vec![text(
        &a.title.to_uppercase(),
        p::BODY_SIZE,
        true,
        false,
    )])));
    out.push(Flow::Para(centred(vec![text(
        &a.attached_to,
        p::BODY_SIZE,
        false,
        true,
    )])));
    let w = text_width_twips(&a.attached_to, p::BODY_SIZE, false);
    out.push(Flow::Para(rule(w.scale(p::SHORT_RULE_FRACTION), width)));
    // Space between the short rule and the table, so the two lines do not look doubled.
    out.push(Flow::Para(Para::default()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_lines_of_the_samples_and_h22() {
        for l in [
            "CÔNG AN THÀNH PHỐ KON TUM",
            "BCH ĐOÀN THÀNH PHỐ KON TUM",
            "HỘI LHPN THÀNH PHỐ KON TUM",
            "UBND PHƯỜNG NGUYỄN TRÃI",
        ] {
            assert_eq!(agency_lines(l, false), [l]);
        }
        for l in [
            "TRƯỜNG TRUNG HỌC CƠ SỞ",
            "ỦY BAN MTTQ VIỆT NAM",
            "PHƯỜNG NGUYỄN TRÃI",
            "CÔNG CHỨC VĂN HÓA - XÃ HỘI",
        ] {
            assert_eq!(agency_lines(l, true), [l]);
        }
        assert_eq!(
            agency_lines("TRUNG TÂM Y TẾ THÀNH PHỐ KON TUM", false),
            ["TRUNG TÂM Y TẾ", "THÀNH PHỐ KON TUM"]
        );
        let h22 = agency_lines(
            "BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA PHƯỜNG NGUYỄN TRÃI",
            true,
        );
        assert_eq!(
            h22,
            [
                "BAN CHỈ ĐẠO",
                "CÁC CHƯƠNG TRÌNH",
                "MỤC TIÊU QUỐC GIA",
                "PHƯỜNG NGUYỄN TRÃI"
            ]
        );
    }

    #[test]
    fn break_kinds_know_level_words_names_and_compounds() {
        let words: Vec<&str> = "CÔNG CHỨC VĂN HÓA - XÃ HỘI THÀNH PHỐ KON TUM"
            .split(' ')
            .collect();
        let k = break_kinds(&words);
        // `XÃ HỘI` is a word, not the level word `XÃ`; `THÀNH PHỐ KON TUM` is a place; a line
        // may start after the dash of `VĂN HÓA - XÃ HỘI`, never with it.
        assert_eq!(k[4], Break::Never);
        assert_eq!(k[5], Break::Phrase);
        assert_eq!(k[6], Break::Never);
        assert_eq!(k[7], Break::Natural);
        assert!(k[8..].iter().all(|b| *b == Break::Never));
        let words: Vec<&str> = "trên địa bàn phường Nguyễn Trãi năm 2025"
            .split(' ')
            .collect();
        let k = break_kinds(&words);
        assert_eq!(
            k,
            [
                Break::Phrase,
                Break::Plain,
                Break::Never,
                Break::Natural,
                Break::Never,
                Break::Never,
                Break::Phrase,
                Break::Never
            ]
        );
    }

    #[test]
    fn subject_lines_are_balanced_and_keep_names_whole() {
        let one = "Kết quả thực hiện công tác bình đẳng giới năm 2025";
        assert_eq!(subject_lines(one), [one]);
        let long = "Kết quả thực hiện công tác bình đẳng giới và vì sự tiến bộ của phụ nữ trên địa bàn phường Nguyễn Trãi năm 2025";
        let lines = subject_lines(long);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines.join(" "), long);
        let widths: Vec<i32> = lines
            .iter()
            .map(|l| text_width_twips(l, p::SUBJECT_SIZE, true).0)
            .collect();
        assert!((widths[0] - widths[1]).abs() < widths[0] / 3, "{lines:?}");
        for l in &lines {
            assert!(!l.ends_with("Nguyễn") && !l.ends_with("năm") && !l.ends_with("phường"));
            assert!(l.split(' ').count() > 2);
        }
    }
}
