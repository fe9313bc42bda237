//! Tệp khởi đầu — the commented starter YAML that `vanban new KIND` writes: a draft of the kind
//! (no number, only the year) that renders as it is, every placeholder marked `«…»`.

use crate::data::document::supported;
use crate::model::{DocumentKind, Layout};

/// The year of [`starter`]'s draft date: the year of the sample data.
pub const SAMPLE_YEAR: i32 = 2025;

/// The starter YAML of `kind` with the draft year [`SAMPLE_YEAR`], or `None` when this version
/// cannot draw the kind yet.
pub fn starter(kind: DocumentKind) -> Option<String> {
    starter_for_year(kind, SAMPLE_YEAR)
}

/// The starter YAML of `kind` whose draft date (`ngay_ban_hanh`, year only) is `year`; `vanban
/// new` gives the current year (the starter is an input the user edits; no output document
/// reads the clock).
pub fn starter_for_year(kind: DocumentKind, year: i32) -> Option<String> {
    let layout = kind.layout();
    if !supported(layout) {
        return None;
    }
    let letter = layout == Layout::Letter;
    let decision = matches!(layout, Layout::Decision | Layout::Resolution);
    let invitation = layout == Layout::Invitation;
    let introduction = layout == Layout::Introduction;
    let minutes = layout == Layout::Minutes;
    let telegram = layout == Layout::Telegram;
    let leave = layout == Layout::Leave;
    let file = kind.key().replace('_', "-");
    let title = if letter {
        kind.name().to_uppercase()
    } else {
        kind.title().to_string()
    };
    let mut s = String::new();
    s.push_str(&format!(
        "# {title} (Mẫu {}, Phụ lục III, NĐ 30/2020/NĐ-CP) — tệp khởi đầu do `vanban new {}` tạo.\n",
        layout.number(),
        kind.key()
    ));
    s.push_str("# Sửa các chỗ trong «…» rồi tạo văn bản: vanban render ");
    s.push_str(&file);
    s.push_str(
        ".yaml\n# Mọi giá trị chữ đặt trong ngoặc kép \"…\"; thụt lề 2 dấu cách, không dùng Tab.\n",
    );
    s.push_str(&format!("loai: {}\n\n", kind.key()));
    s.push_str("# Cơ quan ban hành (góc trái), mỗi dòng một phần tử; có cơ quan chủ quản thì thêm `chu_quan: [...]`.\n");
    s.push_str("co_quan:\n  ban_hanh: [\"ỦY BAN NHÂN DÂN\", \"«PHƯỜNG …»\"]\n\n");
    let symbol = if letter {
        "/UBND-«VP»".to_string()
    } else {
        format!("/{}-UBND", kind.code())
    };
    s.push_str(&format!(
        "# Số, ký hiệu: bản dự thảo chưa có số; khi ký ghi đủ, ví dụ \"15{symbol}\".\n"
    ));
    if letter {
        s.push_str("# Ký hiệu công văn: chữ viết tắt cơ quan - đơn vị soạn thảo (không có chữ viết tắt tên loại).\n");
    }
    s.push_str(&format!("so_ky_hieu: \"{symbol}\"\n"));
    if minutes {
        // Mẫu 1.9 has no place-and-date line: no `dia_danh`.
        s.push_str("# Biên bản (Mẫu 1.9) không có dòng địa danh, ngày tháng ở đầu trang: không cần `dia_danh`;\n# thời gian, địa điểm cuộc họp ghi ở thoi_gian, dia_diem, ket_thuc.\n");
        s.push_str(&format!("# Ngày ký biên bản: không in ở đầu trang, chỉ in ở dòng \"(Kèm theo Biên bản số … ngày …)\" của phụ lục;\n# dự thảo chỉ ghi năm; khi ký ghi ngày, ví dụ \"{year}-11-20\".\nngay_ban_hanh: {year}\n\n"));
    } else {
        s.push_str("dia_danh: \"«Địa danh»\"\n");
        s.push_str(&format!("# Ngày ban hành: dự thảo chỉ ghi năm; khi ký ghi ngày, ví dụ \"{year}-04-02\".\nngay_ban_hanh: {year}\n\n"));
    }
    if letter {
        s.push_str("# Trích yếu: vanban in sau \"V/v\" ở cột trái, dưới số, ký hiệu.\n");
        s.push_str("trich_yeu: \"«Trích yếu nội dung công văn»\"\n\n");
    } else if decision {
        s.push_str("trich_yeu: \"Về việc «…»\"\n\n");
    } else if !introduction && !leave {
        s.push_str("trich_yeu: \"«Trích yếu nội dung»\"\n\n");
    }
    let addressed = letter || matches!(kind, DocumentKind::Submission | DocumentKind::Report);
    if telegram {
        s.push_str("# Công điện (Mẫu 1.6): vanban in \"<nguoi_dien> điện:\" rồi các nơi nhận điện (kinh_gui), mỗi nơi một dòng.\n");
        s.push_str("nguoi_dien: \"Chủ tịch Ủy ban nhân dân «phường …»\"\n");
        s.push_str("kinh_gui: [\"«Cơ quan nhận điện»\"]\n\n");
    } else if addressed {
        s.push_str("# Kính gửi: một nơi thì ghi cùng dòng; nhiều nơi thì mỗi nơi một phần tử.\n");
        s.push_str("kinh_gui: [\"«Tên cơ quan nhận»\"]\n\n");
    } else if !decision && !invitation && !introduction && !minutes && !leave && !telegram {
        s.push_str("# Kính gửi (nếu cần): kinh_gui: [\"«Tên cơ quan nhận»\"]\n\n");
    }
    if decision {
        s.push_str("# Thẩm quyền ban hành: vanban in hoa, đậm, căn giữa.\n");
        s.push_str("tham_quyen: \"CHỦ TỊCH ỦY BAN NHÂN DÂN «PHƯỜNG …»\"\n\n");
        s.push_str("# Căn cứ: mỗi dòng một căn cứ; vanban thêm \";\" cuối mỗi dòng và \".\" cuối dòng cuối.\n");
        s.push_str("can_cu:\n  - \"Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025\"\n  - \"Căn cứ «…»\"\n  - \"Theo đề nghị của «…»\"\n\n");
        s.push_str("# Các điều: vanban in nhãn \"Điều 1.\", \"Điều 2.\", … (Markdown: **đậm**, *nghiêng*).\n");
        s.push_str("dieu:\n  - \"«Nội dung Điều 1»\"\n  - \"Quyết định này có hiệu lực kể từ ngày ký.\"\n  - \"«Các cơ quan, đơn vị, cá nhân» chịu trách nhiệm thi hành Quyết định này./.\"\n\n");
    } else if minutes {
        s.push_str("# Biên bản (Mẫu 1.9): vanban viết các dòng Thời gian bắt đầu, Địa điểm, Thành phần, Chủ trì, Thư ký;\n# thư ký ký bên trái, chủ tọa (ky) bên phải.\n");
        s.push_str(&format!(
            "thoi_gian: \"«08 giờ 00 phút, ngày … tháng … năm {year}»\"\n"
        ));
        s.push_str("dia_diem: \"«Địa điểm»\"\n");
        s.push_str("thanh_phan: [\"«Thành phần tham dự»\"]\n");
        s.push_str("chu_tri: \"«Người chủ trì»\"\n");
        s.push_str("thu_ky: \"«Họ và tên thư ký»\"\n\n");
        s.push_str("# Diễn biến cuộc họp (Markdown).\nnoi_dung: |\n  «Diễn biến cuộc họp.»\n\n");
        s.push_str("ket_thuc: \"«11 giờ 00 phút cùng ngày»\"\n\n");
    } else if introduction {
        s.push_str(
            "# Người được giới thiệu và công việc (Mẫu 1.8); giấy giới thiệu không có trích yếu.\n",
        );
        s.push_str(&format!("gioi_thieu:\n  ho_ten: \"«Họ và tên»\"\n  chuc_vu: \"«Chức vụ, đơn vị công tác»\"\n  duoc_cu_den: \"«Cơ quan được cử đến»\"\n  ve_viec: \"«Công việc»\"\n  co_gia_tri_den: \"{year}-12-31\"\n\n"));
    } else if leave {
        s.push_str(
            "# Người được nghỉ phép và kỳ nghỉ (Mẫu 1.10); giấy nghỉ phép không có trích yếu.\n",
        );
        s.push_str("# xac_nhan: true in ô xác nhận của nơi nghỉ phép dưới Nơi nhận (nếu cần).\n");
        s.push_str(&format!("nghi_phep:\n  ho_ten: \"«Họ và tên»\"\n  chuc_vu: \"«Chức vụ, đơn vị công tác»\"\n  ngay_don: \"{year}-11-20\"\n  thoi_gian: \"«05 ngày làm việc»\"\n  tu_ngay: \"{year}-12-01\"\n  den_ngay: \"{year}-12-05\"\n  noi_nghi: \"«Nơi nghỉ phép»\"\n  tinh_vao: \"«nghỉ phép hằng năm {year}»\"\n  xac_nhan: false\n\n"));
    } else if invitation {
        s.push_str("# Thành phần mời: một thành phần thì ghi cùng dòng; nhiều thì mỗi thành phần một phần tử.\n");
        s.push_str("thanh_phan: [\"«Thành phần được mời»\"]\n");
        s.push_str("toi_du: \"«Tên cuộc họp, hội nghị»\"\n");
        s.push_str("chu_tri: \"«Người chủ trì»\"\n");
        s.push_str(&format!(
            "thoi_gian: \"«08 giờ 00 phút, thứ …, ngày … tháng … năm {year}»\"\n"
        ));
        s.push_str("dia_diem: \"«Địa điểm»\"\n\n");
        s.push_str("# Nội dung thêm (Markdown, tùy chọn).\nnoi_dung: |\n  Rất mong «…» tham dự đúng giờ./.\n\n");
    } else {
        s.push_str(
            "# Nội dung (Markdown): # tiêu đề mục (đậm), **đậm**, *nghiêng*, - gạch đầu dòng,\n",
        );
        s.push_str("# bảng | a | b |, [^nhãn] chú thích (ghi ở chu_thich), -> đầu đoạn để căn giữa; số đầu đoạn viết 1\\.\n");
        s.push_str("noi_dung: |\n  «Đoạn mở đầu.»\n\n  # 1. «Tiêu đề mục»\n\n  «Nội dung.»[^1]\n\n  «Đoạn kết thúc»./.\n\n");
        s.push_str("chu_thich:\n  1: \"«Nội dung chú thích»\"\n\n");
    }
    s.push_str("# Nơi nhận: vanban thêm \"- \" đầu dòng và \";\"/\".\" cuối dòng; dòng cuối là \"Lưu: …\".\n");
    s.push_str("noi_nhan:\n");
    if decision {
        s.push_str("  - \"Như Điều 3\"\n");
    }
    s.push_str("  - \"«Nơi nhận»\"\n  - \"Lưu: VT\"\n\n");
    s.push_str("# Chữ ký: quyền hạn (TM., KT., Q., TL., TUQ.), chức vụ, họ tên người ký.\n");
    if minutes {
        s.push_str("ky:\n  quyen_han: []\n  chuc_vu: \"CHỦ TỌA\"\n  nguoi_ky: \"«Họ và tên»\"\n");
    } else if decision {
        s.push_str("ky:\n  quyen_han: []\n  chuc_vu: \"CHỦ TỊCH\"\n  nguoi_ky: \"«Họ và tên»\"\n");
    } else {
        s.push_str("ky:\n  quyen_han: [\"TM. ỦY BAN NHÂN DÂN\"]\n  chuc_vu: \"CHỦ TỊCH\"\n  nguoi_ky: \"«Họ và tên»\"\n");
    }
    s.push_str(
        "\n# Thành phần khác (tùy chọn, NĐ 30 Phụ lục I, mục III): bỏ dấu # đầu dòng để dùng.\n",
    );
    s.push_str("# Mức độ khẩn, in trong khung dưới số, ký hiệu: KHẨN, THƯỢNG KHẨN hoặc HỎA TỐC.\n# muc_do_khan: KHẨN\n");
    s.push_str("# Phạm vi lưu hành, in trong khung trên Quốc hiệu: XEM XONG TRẢ LẠI, LƯU HÀNH NỘI BỘ.\n# pham_vi_luu_hanh: LƯU HÀNH NỘI BỘ\n");
    s.push_str("# Ký hiệu người soạn thảo và số lượng bản phát hành, thêm vào dòng \"Lưu:\" (\"Lưu: VT, NAM.(10).\").\n# ky_hieu_nguoi_soan: «NAM»\n# so_ban: 10\n");
    if letter || invitation || introduction {
        s.push_str("# Địa chỉ cơ quan, in ở chân trang 1 dưới một đường kẻ.\n# lien_he:\n#   dia_chi: \"«Số nhà, đường, phường, tỉnh»\"\n#   dien_thoai: \"«0260 …»\"\n#   fax: \"«…»\"\n#   email: \"«…@….gov.vn»\"\n#   website: \"«…»\"\n");
    }
    s.push_str("# Phụ lục (Mẫu 2.1), mỗi phụ lục một trang riêng sau chữ ký; ngang: true cho trang ngang.\n# phu_luc:\n#   - tieu_de: \"«Tên phụ lục»\"\n#     noi_dung: |\n#       | TT | «Cột» |\n#       |---|---|\n#       | 1 | «…» |\n#     ngang: false\n");
    Some(s)
}
