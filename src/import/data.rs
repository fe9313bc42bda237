//! The data file `vanban import` writes: a document file's keys (`RawDocument`'s), in the order
//! of the samples, empty ones left out.

use serde::ser::SerializeMap;
use serde::Serialize;

/// Cơ quan.
#[derive(Debug, Default, Serialize)]
pub(super) struct Agency {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) chu_quan: Vec<String>,
    pub(super) ban_hanh: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) tieu_de_phai: Option<String>,
}

/// Chữ ký.
#[derive(Debug, Default, Serialize)]
pub(super) struct Signature {
    pub(super) quyen_han: Vec<String>,
    pub(super) chuc_vu: String,
    pub(super) nguoi_ky: String,
}

/// Giới thiệu.
#[derive(Debug, Default, Serialize)]
pub(super) struct Introduction {
    pub(super) ho_ten: String,
    pub(super) chuc_vu: String,
    pub(super) duoc_cu_den: String,
    pub(super) ve_viec: String,
    pub(super) co_gia_tri_den: String,
}

/// Nghỉ phép.
#[derive(Debug, Default, Serialize)]
pub(super) struct Leave {
    pub(super) ho_ten: String,
    pub(super) chuc_vu: String,
    pub(super) ngay_don: String,
    pub(super) thoi_gian: String,
    pub(super) tu_ngay: String,
    pub(super) den_ngay: String,
    pub(super) noi_nghi: String,
    pub(super) tinh_vao: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(super) xac_nhan: bool,
}

/// Địa chỉ cơ quan.
#[derive(Debug, Default, Serialize)]
pub(super) struct Contact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) dia_chi: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) dien_thoai: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) fax: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) website: Option<String>,
}

/// Phụ lục.
#[derive(Debug, Default, Serialize)]
pub(super) struct Appendix {
    pub(super) tieu_de: String,
    pub(super) noi_dung: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(super) ngang: bool,
}

/// Chú thích in reference order (a map that keeps its order).
#[derive(Debug, Default)]
pub(super) struct NoteMap(pub(super) Vec<(String, String)>);

impl Serialize for NoteMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

fn no_notes(n: &NoteMap) -> bool {
    n.0.is_empty()
}

/// A document file (`RawDocument`'s keys, in the order of the samples).
#[derive(Debug, Default, Serialize)]
pub(super) struct DataFile {
    pub(super) loai: String,
    pub(super) co_quan: Agency,
    pub(super) so_ky_hieu: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(super) dia_danh: String,
    pub(super) ngay_ban_hanh: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) muc_do_khan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) pham_vi_luu_hanh: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub(super) trich_yeu: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) kinh_gui: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) nguoi_dien: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) tham_quyen: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) can_cu: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) dieu: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) thoi_gian: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) dia_diem: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) thanh_phan: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) toi_du: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) chu_tri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) thu_ky: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) ket_thuc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) gioi_thieu: Option<Introduction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) nghi_phep: Option<Leave>,
    pub(super) noi_dung: String,
    #[serde(skip_serializing_if = "no_notes")]
    pub(super) chu_thich: NoteMap,
    pub(super) noi_nhan: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) ky_hieu_nguoi_soan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) so_ban: Option<u32>,
    pub(super) ky: Signature,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) lien_he: Option<Contact>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) phu_luc: Vec<Appendix>,
}
