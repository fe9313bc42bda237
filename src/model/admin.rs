//! The administrative frame of a document (NĐ 30/2020/NĐ-CP, Phụ lục I, II): the parts built in
//! code from typed fields, never from the template.

use chrono::NaiveDate;

/// Quốc hiệu — the national title (NĐ 30 Phụ lục I, II.1). `HÒA`, not `HOÀ`.
pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// Tiêu ngữ — the motto, phrases joined by `-` (U+002D) with a space either side.
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// Mẫu trình bày — which template of NĐ 30 Phụ lục III lays a kind out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Mẫu 1.1 — nghị quyết (cá biệt).
    Resolution,
    /// Mẫu 1.2 / 1.3 — quyết định (cá biệt).
    Decision,
    /// Mẫu 1.4 — văn bản có tên loại (kế hoạch, báo cáo, tờ trình, thông báo, …); also every kind
    /// without a Mẫu of its own.
    Named,
    /// Mẫu 1.5 — công văn: no type name, `V/v …` under Số.
    Letter,
    /// Mẫu 1.6 — công điện.
    Telegram,
    /// Mẫu 1.7 — giấy mời.
    Invitation,
    /// Mẫu 1.8 — giấy giới thiệu.
    Introduction,
    /// Mẫu 1.9 — biên bản.
    Minutes,
    /// Mẫu 1.10 — giấy nghỉ phép.
    Leave,
}

impl Layout {
    /// The Mẫu number as the decree prints it (`1.4`).
    pub fn number(self) -> &'static str {
        match self {
            Layout::Resolution => "1.1",
            Layout::Decision => "1.2",
            Layout::Named => "1.4",
            Layout::Letter => "1.5",
            Layout::Telegram => "1.6",
            Layout::Invitation => "1.7",
            Layout::Introduction => "1.8",
            Layout::Minutes => "1.9",
            Layout::Leave => "1.10",
        }
    }

    /// Whether the Mẫu prints the place-and-date line (ô 4, `<Địa danh>, ngày … tháng … năm …`)
    /// under the Tiêu ngữ. Every Mẫu of Phụ lục III does but Mẫu 1.9 (biên bản), whose header
    /// has the số, ký hiệu only: the time and place of the meeting are written in the body
    /// (`Thời gian bắt đầu:`, `Địa điểm:`, `Cuộc họp kết thúc vào …`).
    pub fn has_place_date(self) -> bool {
        self != Layout::Minutes
    }
}

/// Tên loại văn bản — the document type (NĐ 30 Điều 7; names and codes from Phụ lục III, Mục I).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Nghị quyết (cá biệt), code `NQ`.
    Resolution,
    /// Quyết định (cá biệt), code `QĐ`.
    Decision,
    /// Chỉ thị, code `CT`.
    Directive,
    /// Quy chế, code `QC`.
    Regulation,
    /// Quy định, code `QyĐ`.
    Rule,
    /// Thông cáo, code `TC`.
    Communique,
    /// Thông báo, code `TB`.
    Notice,
    /// Hướng dẫn, code `HD`.
    Guidance,
    /// Chương trình, code `CTr`.
    Programme,
    /// Kế hoạch, code `KH`.
    Plan,
    /// Phương án, code `PA`.
    Option,
    /// Đề án, code `ĐA`.
    Scheme,
    /// Dự án, code `DA`.
    Project,
    /// Báo cáo, code `BC`.
    Report,
    /// Biên bản, code `BB`.
    Minutes,
    /// Tờ trình, code `TTr`.
    Submission,
    /// Hợp đồng, code `HĐ`.
    Contract,
    /// Công văn — no type name printed, no code.
    OfficialLetter,
    /// Công điện, code `CĐ`.
    Telegram,
    /// Bản ghi nhớ, code `BGN`.
    Memorandum,
    /// Bản thỏa thuận, code `BTT`.
    Agreement,
    /// Giấy ủy quyền, code `GUQ`.
    PowerOfAttorney,
    /// Giấy mời, code `GM`.
    Invitation,
    /// Giấy giới thiệu, code `GGT`.
    Introduction,
    /// Giấy nghỉ phép, code `GNP`.
    LeaveNote,
    /// Phiếu gửi, code `PG`.
    SendingSlip,
    /// Phiếu chuyển, code `PC`.
    TransferSlip,
    /// Phiếu báo, code `PB`.
    NoticeSlip,
    /// Thư công — no code.
    PublicLetter,
}

/// One row of the kinds table: everything the decree says about a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindInfo {
    /// The kind.
    pub kind: DocumentKind,
    /// Tên loại — the name in running text (`Quyết định`).
    pub name: &'static str,
    /// Tên loại in the title, upper case (`QUYẾT ĐỊNH`); empty for công văn and thư công.
    pub title: &'static str,
    /// Chữ viết tắt — the code that opens the ký hiệu (`QĐ`); `None` for công văn and thư công.
    pub code: Option<&'static str>,
    /// Khóa YAML — the `loai:` value (`quyet_dinh`).
    pub key: &'static str,
    /// Mẫu — the template of Phụ lục III that lays it out.
    pub layout: Layout,
}

const fn row(
    kind: DocumentKind,
    key: &'static str,
    name: &'static str,
    title: &'static str,
    code: Option<&'static str>,
    layout: Layout,
) -> KindInfo {
    KindInfo {
        kind,
        name,
        title,
        code,
        key,
        layout,
    }
}

/// Bảng tên loại — every kind of NĐ 30 Phụ lục III, Mục I, in the decree's order, plus công văn
/// and thư công (Điều 7), which have no code.
pub const KINDS: &[KindInfo] = {
    use DocumentKind as K;
    use Layout as L;
    &[
        row(
            K::Resolution,
            "nghi_quyet",
            "Nghị quyết",
            "NGHỊ QUYẾT",
            Some("NQ"),
            L::Resolution,
        ),
        row(
            K::Decision,
            "quyet_dinh",
            "Quyết định",
            "QUYẾT ĐỊNH",
            Some("QĐ"),
            L::Decision,
        ),
        row(
            K::Directive,
            "chi_thi",
            "Chỉ thị",
            "CHỈ THỊ",
            Some("CT"),
            L::Named,
        ),
        row(
            K::Regulation,
            "quy_che",
            "Quy chế",
            "QUY CHẾ",
            Some("QC"),
            L::Named,
        ),
        row(
            K::Rule,
            "quy_dinh",
            "Quy định",
            "QUY ĐỊNH",
            Some("QyĐ"),
            L::Named,
        ),
        row(
            K::Communique,
            "thong_cao",
            "Thông cáo",
            "THÔNG CÁO",
            Some("TC"),
            L::Named,
        ),
        row(
            K::Notice,
            "thong_bao",
            "Thông báo",
            "THÔNG BÁO",
            Some("TB"),
            L::Named,
        ),
        row(
            K::Guidance,
            "huong_dan",
            "Hướng dẫn",
            "HƯỚNG DẪN",
            Some("HD"),
            L::Named,
        ),
        row(
            K::Programme,
            "chuong_trinh",
            "Chương trình",
            "CHƯƠNG TRÌNH",
            Some("CTr"),
            L::Named,
        ),
        row(
            K::Plan,
            "ke_hoach",
            "Kế hoạch",
            "KẾ HOẠCH",
            Some("KH"),
            L::Named,
        ),
        row(
            K::Option,
            "phuong_an",
            "Phương án",
            "PHƯƠNG ÁN",
            Some("PA"),
            L::Named,
        ),
        row(K::Scheme, "de_an", "Đề án", "ĐỀ ÁN", Some("ĐA"), L::Named),
        row(K::Project, "du_an", "Dự án", "DỰ ÁN", Some("DA"), L::Named),
        row(
            K::Report,
            "bao_cao",
            "Báo cáo",
            "BÁO CÁO",
            Some("BC"),
            L::Named,
        ),
        row(
            K::Minutes,
            "bien_ban",
            "Biên bản",
            "BIÊN BẢN",
            Some("BB"),
            L::Minutes,
        ),
        row(
            K::Submission,
            "to_trinh",
            "Tờ trình",
            "TỜ TRÌNH",
            Some("TTr"),
            L::Named,
        ),
        row(
            K::Contract,
            "hop_dong",
            "Hợp đồng",
            "HỢP ĐỒNG",
            Some("HĐ"),
            L::Named,
        ),
        row(
            K::OfficialLetter,
            "cong_van",
            "Công văn",
            "",
            None,
            L::Letter,
        ),
        row(
            K::Telegram,
            "cong_dien",
            "Công điện",
            "CÔNG ĐIỆN",
            Some("CĐ"),
            L::Telegram,
        ),
        row(
            K::Memorandum,
            "ban_ghi_nho",
            "Bản ghi nhớ",
            "BẢN GHI NHỚ",
            Some("BGN"),
            L::Named,
        ),
        row(
            K::Agreement,
            "ban_thoa_thuan",
            "Bản thỏa thuận",
            "BẢN THỎA THUẬN",
            Some("BTT"),
            L::Named,
        ),
        row(
            K::PowerOfAttorney,
            "giay_uy_quyen",
            "Giấy ủy quyền",
            "GIẤY ỦY QUYỀN",
            Some("GUQ"),
            L::Named,
        ),
        row(
            K::Invitation,
            "giay_moi",
            "Giấy mời",
            "GIẤY MỜI",
            Some("GM"),
            L::Invitation,
        ),
        row(
            K::Introduction,
            "giay_gioi_thieu",
            "Giấy giới thiệu",
            "GIẤY GIỚI THIỆU",
            Some("GGT"),
            L::Introduction,
        ),
        row(
            K::LeaveNote,
            "giay_nghi_phep",
            "Giấy nghỉ phép",
            "GIẤY NGHỈ PHÉP",
            Some("GNP"),
            L::Leave,
        ),
        row(
            K::SendingSlip,
            "phieu_gui",
            "Phiếu gửi",
            "PHIẾU GỬI",
            Some("PG"),
            L::Named,
        ),
        row(
            K::TransferSlip,
            "phieu_chuyen",
            "Phiếu chuyển",
            "PHIẾU CHUYỂN",
            Some("PC"),
            L::Named,
        ),
        row(
            K::NoticeSlip,
            "phieu_bao",
            "Phiếu báo",
            "PHIẾU BÁO",
            Some("PB"),
            L::Named,
        ),
        row(K::PublicLetter, "thu_cong", "Thư công", "", None, L::Letter),
    ]
};

/// Fold a kind's name for comparison: lower case, no diacritics, `đ` → `d`, spaces and `-` → `_`.
fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.trim()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'đ' => 'd',
            ' ' | '-' => '_',
            c => c,
        })
        .collect()
}

impl DocumentKind {
    /// The row of [`KINDS`] for this kind.
    pub fn info(self) -> &'static KindInfo {
        KINDS.iter().find(|r| r.kind == self).unwrap_or(&KINDS[0])
    }

    /// Recognise a `loai:` value: the key (`quyet_dinh`, also `quyet-dinh`), the Vietnamese name
    /// (`Quyết định`, case- and diacritics-insensitively) or the exact code (`QĐ`).
    pub fn parse(value: &str) -> Option<DocumentKind> {
        let v = value.trim();
        if let Some(r) = KINDS.iter().find(|r| r.code == Some(v)) {
            return Some(r.kind);
        }
        let f = fold(v);
        KINDS
            .iter()
            .find(|r| r.key == f || fold(r.name) == f)
            .map(|r| r.kind)
    }

    /// The type name as printed in the title, upper case (`KẾ HOẠCH`); empty for công văn.
    pub fn title(self) -> &'static str {
        self.info().title
    }

    /// The type name in running text (`Kế hoạch`).
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The abbreviation that opens the ký hiệu (NĐ 30 Phụ lục III, I): `KH`, `BC`; empty for
    /// công văn and thư công.
    pub fn code(self) -> &'static str {
        self.info().code.unwrap_or("")
    }

    /// The `loai:` key (`ke_hoach`).
    pub fn key(self) -> &'static str {
        self.info().key
    }

    /// The Mẫu that lays it out.
    pub fn layout(self) -> Layout {
        self.info().layout
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
    /// Năm ban hành — the year between number and symbol in `68/2007/QĐ-UBND` (the numbering of
    /// văn bản quy phạm pháp luật); `None` in the usual `62/KH-UBND`.
    pub year: Option<i32>,
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

    /// `05/KH-UBND`, `68/2007/QĐ-UBND`, or `      /KH-UBND` in a draft.
    pub fn text(&self) -> String {
        match self.year {
            Some(y) => format!("{}/{y}/{}", self.number_text(), self.symbol),
            None => format!("{}/{}", self.number_text(), self.symbol),
        }
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

/// Mức độ khẩn — the urgency mark (NĐ 30 Phụ lục I, III.2.b): in a single-bordered rectangle,
/// upper case, bold, in ô 10b (left, under the số, ký hiệu and Kính gửi).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// `KHẨN` — rectangle 20 × 8 mm.
    Urgent,
    /// `THƯỢNG KHẨN` — rectangle 40 × 8 mm.
    VeryUrgent,
    /// `HỎA TỐC` — rectangle 30 × 8 mm.
    Flash,
}

impl Urgency {
    /// Every mark, in increasing urgency.
    pub const ALL: [Urgency; 3] = [Urgency::Urgent, Urgency::VeryUrgent, Urgency::Flash];

    /// The mark as printed (`THƯỢNG KHẨN`).
    pub fn text(self) -> &'static str {
        match self {
            Urgency::Urgent => "KHẨN",
            Urgency::VeryUrgent => "THƯỢNG KHẨN",
            Urgency::Flash => "HỎA TỐC",
        }
    }

    /// Recognise a value: the mark in any case, with or without diacritics (`Thượng khẩn`,
    /// `thuong khan`, `thuong_khan`; `HOẢ TỐC` in the old tone placement).
    pub fn parse(value: &str) -> Option<Urgency> {
        let f = fold(value);
        Urgency::ALL.into_iter().find(|u| fold(u.text()) == f)
    }
}

/// Phạm vi lưu hành — the circulation marks (NĐ 30 Phụ lục I, III.2.c), printed upper case,
/// bold, in ô 11 (above the Quốc hiệu).
pub const CIRCULATION_MARKS: &[&str] = &[
    "XEM XONG TRẢ LẠI",
    "LƯU HÀNH NỘI BỘ",
    "TRẢ LẠI SAU KHI HỌP (HỘI NGHỊ)",
];

/// Recognise a circulation mark in any case, with or without diacritics.
pub fn parse_circulation(value: &str) -> Option<&'static str> {
    let f = fold(value);
    CIRCULATION_MARKS.iter().copied().find(|m| fold(m) == f)
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
    /// Địa danh — place name, e.g. `Nguyễn Trãi`; empty for a biên bản, which prints no
    /// place-and-date line ([`Layout::has_place_date`]).
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
    /// Thành phần khác — the components only some documents have (Phụ lục I, III; Mẫu 1.6,
    /// 1.9, 1.10); all absent by default.
    pub other: OtherComponents,
    /// Tiêu đề tài liệu — the title stored in the document properties (`docProps/core.xml`).
    pub property_title: String,
}

/// Thành phần khác — the frame's components that only some documents have.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OtherComponents {
    /// Chữ ký thư ký — biên bản (Mẫu 1.9): the secretary's signature, left of the chủ tọa's,
    /// Nơi nhận below both; `None` for every other kind.
    pub secretary: Option<Signature>,
    /// Mức độ khẩn — `KHẨN`, `THƯỢNG KHẨN`, `HỎA TỐC`; `None` for an ordinary document.
    pub urgency: Option<Urgency>,
    /// Phạm vi lưu hành — e.g. `XEM XONG TRẢ LẠI`; `None` when not restricted.
    pub circulation: Option<String>,
    /// Địa chỉ cơ quan — lines at the foot of page 1 under a full-width rule (address, phone,
    /// e-mail, website, fax; NĐ 30 Phụ lục I, III.4); empty when not given.
    pub contact: Vec<String>,
    /// Người điện — công điện (Mẫu 1.6): the agency or head that sends it, printed
    /// `<người điện> điện:` above the receiving agencies; `None` for every other kind.
    pub sender: Option<String>,
    /// Xác nhận nơi nghỉ phép — giấy nghỉ phép (Mẫu 1.10): the box for the confirmation of the
    /// agency or local authority where the leave is spent, under Nơi nhận; `false` elsewhere.
    pub leave_confirmation: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_complete_and_unambiguous() {
        // 27 coded kinds of Phụ lục III + công văn + thư công.
        assert_eq!(KINDS.len(), 29);
        assert_eq!(KINDS.iter().filter(|r| r.code.is_none()).count(), 2);
        for (i, a) in KINDS.iter().enumerate() {
            assert_eq!(a.kind.info(), a);
            assert_eq!(
                a.title,
                a.name
                    .to_uppercase()
                    .as_str()
                    .replace("CÔNG VĂN", "")
                    .replace("THƯ CÔNG", "")
            );
            for b in &KINDS[i + 1..] {
                assert_ne!(a.key, b.key);
                assert!(a.code.is_none() || a.code != b.code);
                assert_ne!(fold(a.name), fold(b.name));
            }
            assert_eq!(DocumentKind::parse(a.key), Some(a.kind));
            assert_eq!(DocumentKind::parse(a.name), Some(a.kind));
        }
    }

    #[test]
    fn loai_by_key_name_or_code() {
        use DocumentKind as K;
        assert_eq!(DocumentKind::parse("quyet_dinh"), Some(K::Decision));
        assert_eq!(DocumentKind::parse("quyet-dinh"), Some(K::Decision));
        assert_eq!(DocumentKind::parse("Quyết định"), Some(K::Decision));
        assert_eq!(DocumentKind::parse("QUYẾT ĐỊNH"), Some(K::Decision));
        assert_eq!(DocumentKind::parse("quyet dinh"), Some(K::Decision));
        assert_eq!(DocumentKind::parse("QĐ"), Some(K::Decision));
        assert_eq!(DocumentKind::parse("QyĐ"), Some(K::Rule));
        assert_eq!(DocumentKind::parse("CTr"), Some(K::Programme));
        assert_eq!(DocumentKind::parse("TTr"), Some(K::Submission));
        assert_eq!(DocumentKind::parse("Công văn"), Some(K::OfficialLetter));
        assert_eq!(DocumentKind::parse("Bản thoả thuận"), Some(K::Agreement));
        assert_eq!(DocumentKind::parse("thư"), None);
        assert_eq!(K::OfficialLetter.code(), "");
        assert_eq!(K::Notice.layout(), Layout::Named);
        assert_eq!(K::Plan.code(), "KH");
        assert_eq!(K::Report.title(), "BÁO CÁO");
    }
}
