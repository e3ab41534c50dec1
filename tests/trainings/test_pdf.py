"""The PDF builders, read back with pypdf: Vietnamese text with its diacritics, the embedded
font, the QR code and what a certificate states."""

import datetime
import io

import pypdf

from trainings.pdf import CertificateFacts, SheetFacts, SheetRow, certificate_pdf, hours_text, signin_sheet_pdf

FACTS = CertificateFacts(
    number="GCN-2026-00012",
    full_name="Nguyễn Thị Hằng Ưng",
    cooperative="HTX Nông nghiệp Gia Sinh",
    course_title="Tập huấn chu trình OCOP cho lãnh đạo hợp tác xã",
    course_kind="Khóa tập huấn",
    first_day=datetime.date(2026, 3, 10),
    last_day=datetime.date(2026, 3, 12),
    hours=15.5,
    sessions_attended=3,
    sessions_total=3,
    issued_on=datetime.date(2026, 3, 13),
    organisation="Liên minh Hợp tác xã tỉnh Ninh Bình",
    signatory_name="Trần Văn Mười",
    signatory_title="Chủ tịch",
    place="Ninh Bình",
    verify_url="https://ocop.example.vn/dao-tao/giay-chung-nhan/abc/",
)


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_certificate_pdf_states_the_facts_in_vietnamese():
    data = certificate_pdf(FACTS)

    text = _text(data)
    assert data.startswith(b"%PDF")
    for expected in (
        "Nguyễn Thị Hằng Ưng",
        "HTX Nông nghiệp Gia Sinh",
        "Tập huấn chu trình OCOP cho lãnh đạo hợp tác xã",
        "GCN-2026-00012",
        "10/03/2026",
        "12/03/2026",
        "15,5",
        "Trần Văn Mười",
        "LIÊN MINH HỢP TÁC XÃ TỈNH NINH BÌNH",
        "GIẤY CHỨNG NHẬN",
        "ngày 13 tháng 03 năm 2026",
    ):
        assert expected in text, expected


def test_certificate_pdf_embeds_the_font_and_a_qr_image():
    reader = pypdf.PdfReader(io.BytesIO(certificate_pdf(FACTS)))
    page = reader.pages[0]

    fonts = [font["/BaseFont"] for font in page["/Resources"]["/Font"].values()]
    assert any("BeVietnamPro" in str(name) for name in fonts)
    descendant = next(iter(page["/Resources"]["/Font"].values()))["/DescendantFonts"][0]
    assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded, not a system font
    assert len(page.images) == 1  # the QR code
    assert page.mediabox.width > page.mediabox.height  # landscape A4
    assert reader.metadata.title == "Giấy chứng nhận tham gia GCN-2026-00012"


def test_signin_sheet_lists_every_participant_and_blank_lines():
    rows = [
        SheetRow(full_name=f"Phạm Văn Đức {i}", cooperative="HTX Đồng Hướng", phone="0912345678") for i in range(45)
    ]
    facts = SheetFacts(
        organisation="Liên minh Hợp tác xã tỉnh Ninh Bình",
        course_title="Liên kết chuỗi giá trị",
        session_label="Buổi 1 — 10/03/2026, 08:00–11:30",
        place="Hội trường",
        rows=rows,
        printed_at=datetime.datetime(2026, 3, 9, 16, 0),
    )

    data = signin_sheet_pdf(facts)

    reader = pypdf.PdfReader(io.BytesIO(data))
    text = _text(data)
    assert len(reader.pages) == 2
    assert "DANH SÁCH KÝ TÊN" in text
    assert "Phạm Văn Đức 0" in text and "Phạm Văn Đức 44" in text
    assert "Ký tên" in reader.pages[1].extract_text()  # the header repeats
    assert "50" in reader.pages[1].extract_text()  # 45 rows + 5 blank lines numbered


def test_hours_text_uses_the_decimal_comma():
    assert hours_text(7.5) == "7,5"
    assert hours_text(8.0) == "8"
