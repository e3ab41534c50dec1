"""Writes template.docx, the period report's Word template (run once: `python -m
plans.reports.build_template`). Staff may then edit template.docx in Word — headings, wording,
fonts, the letterhead — keeping the {{ … }} placeholders: docx.py fills them (docxtpl), each
{{p name }} becoming one table."""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

TEMPLATE = Path(__file__).with_name("template.docx")

SECTIONS = [
    ("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH", ["targets"]),
    ("II. SẢN PHẨM OCOP CÒN HIỆU LỰC CUỐI KỲ", ["stars", "sector", "commune"]),
    ("III. SẢN PHẨM ĐƯỢC CÔNG NHẬN MỚI TRONG KỲ", ["certified"]),
    ("IV. ĐÀO TẠO, TẬP HUẤN LÃNH ĐẠO HỢP TÁC XÃ", ["leaders"]),
    ("V. XÚC TIẾN THƯƠNG MẠI", ["trade"]),
    ("VI. TỔNG HỢP CÁC CHỈ SỐ TRONG KỲ", ["figures"]),
]


def build(path: Path = TEMPLATE) -> Path:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    for text, bold in (("LIÊN MINH HỢP TÁC XÃ TỈNH NINH BÌNH", True), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    paragraph = document.add_paragraph("Độc lập – Tự do – Hạnh phúc")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph = document.add_paragraph("Ninh Bình, ngày {{ generated_on }}")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    title = document.add_heading("BÁO CÁO", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Kết quả thực hiện Chương trình mỗi xã một sản phẩm (OCOP)").bold = True
    paragraph = document.add_paragraph("{{ plan_name }}")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Kỳ báo cáo: {{ period }}.{% if scope %} Phạm vi: {{ scope }}.{% endif %}")
    document.add_paragraph(
        "Các số liệu dưới đây được tổng hợp tự động từ dữ liệu của Cổng thông tin OCOP (hồ sơ, giấy "
        "chứng nhận, tập huấn, xúc tiến thương mại, hỗ trợ) tại ngày lập báo cáo."
    )
    for heading, tables in SECTIONS:
        document.add_heading(heading, level=1)
        for name in tables:
            document.add_paragraph("{{p " + name + " }}")
    document.add_heading("VII. ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ", level=1)
    document.add_paragraph("(Cán bộ Liên minh HTX bổ sung nhận xét, đánh giá và kiến nghị.)")
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("CHỦ TỊCH").bold = True
    document.save(path)
    return path


if __name__ == "__main__":
    print(build())
