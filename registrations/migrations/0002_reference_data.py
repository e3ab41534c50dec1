"""The criteria version of Decision 148/QĐ-TTg (2023) and the dossier's document types. Both are
data staff edit in the admin afterwards (names, which documents are required)."""

import datetime

from django.db import migrations

VERSION = {
    "code": "qd148-2023",
    "name": "QĐ 148/QĐ-TTg (2023)",
    "scheme": "qd148-2023",
    "valid_from": datetime.date(2023, 2, 24),
}

# (code, name, explanation, required)
DOCUMENT_TYPES = [
    (
        "business-registration",
        "Giấy đăng ký kinh doanh / đăng ký HTX",
        "Bản sao giấy chứng nhận đăng ký của chủ thể.",
        True,
    ),
    (
        "food-safety",
        "Giấy chứng nhận cơ sở đủ điều kiện ATTP / điều kiện sản xuất",
        "Hoặc bản cam kết sản xuất thực phẩm an toàn, tùy loại cơ sở.",
        True,
    ),
    (
        "quality-declaration",
        "Tiêu chuẩn cơ sở, bản tự công bố chất lượng sản phẩm",
        "Tiêu chuẩn cơ sở và hồ sơ công bố/tự công bố sản phẩm.",
        True,
    ),
    (
        "lab-test",
        "Phiếu kiểm nghiệm sản phẩm",
        "Phiếu kiểm nghiệm các chỉ tiêu chất lượng, an toàn còn hiệu lực.",
        True,
    ),
    ("label", "Nhãn và bao bì sản phẩm", "Ảnh chụp hoặc bản thiết kế nhãn, bao bì đang sử dụng.", True),
    ("trademark", "Giấy chứng nhận đăng ký nhãn hiệu", "Hoặc đơn đăng ký nhãn hiệu đã được chấp nhận.", False),
    ("traceability", "Mã vạch, truy xuất nguồn gốc", "Giấy chứng nhận mã số mã vạch GS1, tem QR truy xuất.", False),
    ("quality-system", "Chứng nhận hệ thống chất lượng", "VietGAP, hữu cơ, ISO, HACCP… nếu có.", False),
    ("business-plan", "Phương án / kế hoạch kinh doanh", "", False),
    ("product-story", "Câu chuyện sản phẩm", "", False),
    ("contracts", "Hợp đồng liên kết, hợp đồng tiêu thụ", "", False),
    ("photos", "Hình ảnh sản phẩm, cơ sở sản xuất", "", False),
]


def load(apps, schema_editor):
    ClassificationScheme = apps.get_model("products", "ClassificationScheme")
    CriteriaVersion = apps.get_model("registrations", "CriteriaVersion")
    DocumentType = apps.get_model("registrations", "DocumentType")
    scheme = ClassificationScheme.objects.filter(code=VERSION["scheme"]).first()
    if scheme is not None:
        CriteriaVersion.objects.get_or_create(
            code=VERSION["code"],
            defaults={"name": VERSION["name"], "scheme": scheme, "valid_from": VERSION["valid_from"]},
        )
    for position, (code, name, help_text, required) in enumerate(DOCUMENT_TYPES, start=1):
        DocumentType.objects.get_or_create(
            code=code, defaults={"name": name, "help_text": help_text, "is_required": required, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0001_initial"),
        ("products", "0002_load_classification"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
