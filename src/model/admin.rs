//! The administrative frame of a document (NĐ 30/2020/NĐ-CP, Phụ lục I, II): the parts built in
//! code from typed fields, never from the template.

use chrono::NaiveDate;

/// Quốc hiệu — the national title (NĐ 30 Phụ lục I, II.1). `HÒA`, not `HOÀ`.
pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// Tiêu ngữ — the motto, phrases joined by `-` (U+002D) with a space either side.
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// Tên loại văn bản — the document type (NĐ 30 Điều 7; codes from Phụ lục III).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Kế hoạch, code `KH`.
    Plan,
    /// Báo cáo, code `BC`.
    Report,
}

impl DocumentKind {
    /// The type name as printed in the title, upper case (`KẾ HOẠCH`).
    pub fn title(self) -> &'static str {
        match self {
            DocumentKind::Plan => "KẾ HOẠCH",
            DocumentKind::Report => "BÁO CÁO",
        }
    }

    /// The type name in running text (`Kế hoạch`).
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Plan => "Kế hoạch",
            DocumentKind::Report => "Báo cáo",
        }
    }

    /// The abbreviation that opens the ký hiệu (NĐ 30 Phụ lục III, I): `KH`, `BC`.
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::Plan => "KH",
            DocumentKind::Report => "BC",
        }
    }
}

/// Right-hand header cell: Quốc hiệu + Tiêu ngữ for state bodies, or an organisation's own header.
#[derive(Debug, Clone, PartialEq)]
pub enum RightHeader {
    /// `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` / `Độc lập - Tự do - Hạnh phúc` with the line under it.
    National,
    /// Tiêu đề riêng — a mass organisation's or Party body's header, e.g. `ĐẢNG CỘNG SẢN VIỆT NAM`
    /// (bold, upper case, underlined by a line of its width); no Tiêu ngữ.
    Custom(String),
}

/// Số, ký hiệu — document number and symbol, e.g. `62/KH-UBND` (NĐ 30 Phụ lục I, II.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceNumber {
    /// Số — the number; `None` in a draft, printed as blanks (`Số:      /KH-UBND`).
    pub number: Option<u32>,
    /// Ký hiệu — the symbol after `/`, e.g. `KH-UBND`.
    pub symbol: String,
}

impl ReferenceNumber {
    /// The number as printed: zero-padded below 10 (`05`), or blank spaces in a draft
    /// (NĐ 30 Phụ lục I, II.3).
    pub fn number_text(&self) -> String {
        match self.number {
            Some(n) => format!("{n:02}"),
            None => "\u{a0}".repeat(6),
        }
    }

    /// `05/KH-UBND`, or `      /KH-UBND` in a draft.
    pub fn text(&self) -> String {
        format!("{}/{}", self.number_text(), self.symbol)
    }
}

/// Ngày ban hành — the issue date; a draft may know only the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueDate {
    /// A full calendar date.
    Full(NaiveDate),
    /// Only the year is known: `ngày      tháng      năm 2025`.
    YearOnly(i32),
}

/// Chữ ký — the signature block (NĐ 30 Phụ lục I, II.7).
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// Quyền hạn, chức vụ — the upper-case lines, e.g. `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`,
    /// `PHÓ CHỦ TỊCH`.
    pub authority: Vec<String>,
    /// Họ tên người ký — the signer's name, e.g. `Trần Thị Long`.
    pub signer_name: String,
}

/// Thể thức — the administrative frame of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Tên loại — the document type.
    pub kind: DocumentKind,
    /// Tên cơ quan chủ quản — the parent agency line(s), upper case, not bold; may be empty.
    pub parent_agency: Vec<String>,
    /// Tên cơ quan ban hành — the issuing agency line(s), upper case, bold.
    pub issuing_agency: Vec<String>,
    /// The right-hand header cell.
    pub right_header: RightHeader,
    /// Số, ký hiệu.
    pub reference: ReferenceNumber,
    /// Địa danh — place name, e.g. `Nguyễn Trãi`.
    pub place: String,
    /// Ngày ban hành.
    pub date: IssueDate,
    /// Trích yếu — the subject line(s), sentence case, bold, centred.
    pub subject: Vec<String>,
    /// Kính gửi — addressees (reports sent upward); empty for a plan.
    pub addressees: Vec<String>,
    /// Nơi nhận — recipient lines without the leading `- `; the last is the `Lưu: …` line.
    pub recipients: Vec<String>,
    /// Chữ ký — the signature block.
    pub signature: Signature,
    /// Tiêu đề tài liệu — the title stored in the document properties (`docProps/core.xml`).
    pub property_title: String,
}
