"""Excel import and export of producers, products and certificates through the staff admin."""

import datetime
import re

import pytest
from django.urls import reverse
from import_export.tmp_storages import MediaStorage

from cooperatives.models import Cooperative
from cooperatives.resources import CooperativeResource
from places.models import Commune
from products.models import Certificate, Product, QualityStandard
from products.resources import CertificateResource, ProductResource
from tests.factories import CertificateFactory, CooperativeFactory, ProductFactory, product_set
from tests.factories.registry import xlsx_bytes, xlsx_read, xlsx_upload

pytestmark = pytest.mark.django_db


COOPERATIVE_HEADERS = [
    "Tên chủ thể",
    "Loại hình",
    "Mã số đăng ký / mã số thuế",
    "Xã/phường (mã)",
    "Điện thoại",
    "Năm tham gia OCOP",
    "Ngày thành lập",
]


def _import(client, admin_name, upload):
    return client.post(reverse(f"admin:{admin_name}_import"), {"import_file": upload, "format": "0", "resource": "0"})


def _confirm_fields(response) -> dict:
    html = response.content.decode()
    form = html.split('name="confirm"')[0].rsplit("<form", 1)[1]
    return dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form))


# --- Producers ---------------------------------------------------------------------------------


def test_cooperative_import_preview_when_a_row_is_bad_names_the_line_and_saves_nothing(staff_client):
    upload = xlsx_upload(
        COOPERATIVE_HEADERS,
        [
            ["HTX Nếp cái hoa vàng", "HTX", "2700111111", "14608", "0912 345 678", 2020, "15/03/2018"],
            ["HTX Gạo sạch", "Hợp tác xã (HTX)", "12345", "14608", "", None, None],
            ["HTX Rau an toàn", "htx", "2700222222", "Không có xã này", "", None, None],
        ],
        blank_lines_after=(0,),  # Excel line 3 is empty: the bad rows are lines 4 and 5
    )

    response = _import(staff_client, "cooperatives_cooperative", upload)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Không có gì được lưu." in html
    assert "Dòng 4" in html and "Dòng 5" in html and "Dòng 2" not in html and "Dòng 3" not in html
    assert "Mã số đăng ký / mã số thuế" in html
    assert "Nhập mã số đăng ký / mã số thuế gồm 10 chữ số" in html
    assert "Không có xã/phường nào tên “Không có xã này” ở Ninh Bình." in html
    assert 'name="confirm"' not in html
    assert Cooperative.objects.count() == 0


def test_cooperative_import_confirm_sent_by_hand_for_a_bad_file_saves_nothing(staff_client):
    content = xlsx_bytes(
        COOPERATIVE_HEADERS,
        [
            ["HTX Nếp cái hoa vàng", "HTX", "2700111111", "14608", "", None, None],
            ["HTX Gạo sạch", "HTX", "2700222222", "14608", "", 1990, None],  # before OCOP existed
        ],
    )
    storage = MediaStorage(read_mode="rb")
    storage.save(content)

    response = staff_client.post(
        reverse("admin:cooperatives_cooperative_process_import"),
        {"import_file_name": storage.name, "original_file_name": "x.xlsx", "format": "0", "resource": "0"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Không nhập được gì" in html
    assert "Dòng 3" in html
    assert "Năm tham gia OCOP" in html
    assert Cooperative.objects.count() == 0


def test_cooperative_import_with_two_rows_for_the_same_producer_reports_the_second():
    dataset = _dataset(
        ["Tên chủ thể", "Mã số đăng ký / mã số thuế"],
        [["HTX Nếp cái hoa vàng", "2700111111"], ["HTX Gạo sạch", "2700111111"]],
    )

    result = CooperativeResource().import_data(dataset, dry_run=True)

    assert [row.number for row in result.invalid_rows] == [3]
    assert result.invalid_rows[0].error_dict["__all__"] == [
        "Dòng này nói về cùng một bản ghi với dòng 2 ở trên; hãy gộp hai dòng."
    ]
    assert Cooperative.objects.count() == 0


def test_cooperative_import_good_file_saves_every_row_after_confirmation(staff_client, staff_user):
    upload = xlsx_upload(
        COOPERATIVE_HEADERS,
        [
            ["HTX Nếp cái hoa vàng", "HTX", "2700111111", "Xã Khánh Trung (14608)", 912345678, 2020, "15/03/2018"],
            ["Tổ hợp tác mây tre đan", "tổ hợp tác", "", "khanh trung", "", None, datetime.datetime(2019, 5, 2)],
        ],
        blank_lines_after=(0,),
    )
    preview = _import(staff_client, "cooperatives_cooperative", upload)
    assert "2 thêm mới, 0 cập nhật, 0 không đổi" in preview.content.decode()
    assert Cooperative.objects.count() == 0

    response = staff_client.post(
        reverse("admin:cooperatives_cooperative_process_import"), _confirm_fields(preview), follow=True
    )

    assert "Đã nhập xong: 2 thêm mới, 0 cập nhật, 0 không đổi." in response.content.decode()
    first = Cooperative.objects.get(registration_number="2700111111")
    assert (first.name, first.kind, first.commune_id, first.phone) == (
        "HTX Nếp cái hoa vàng",
        Cooperative.Kind.COOPERATIVE,
        14608,
        "0912345678",  # Excel had dropped the leading zero
    )
    assert (first.ocop_joined_year, first.founded_on, first.slug) == (
        2020,
        datetime.date(2018, 3, 15),
        "htx-nep-cai-hoa-vang",
    )
    group = Cooperative.objects.get(name="Tổ hợp tác mây tre đan")
    assert (group.kind, group.founded_on, group.commune_id) == (
        Cooperative.Kind.GROUP,
        datetime.date(2019, 5, 2),
        14608,
    )
    assert first.history.latest().history_user == staff_user


def test_cooperative_import_converts_an_old_style_address_and_keeps_the_old_district(staff_client):
    upload = xlsx_upload(
        ["Tên chủ thể", "Xã/phường (mã)"],
        [["HTX Khánh Thành", "Thôn 3, Khánh Thành, Yên Khánh, Ninh Bình"]],
    )
    preview = _import(staff_client, "cooperatives_cooperative", upload)

    staff_client.post(reverse("admin:cooperatives_cooperative_process_import"), _confirm_fields(preview))

    cooperative = Cooperative.objects.get(name="HTX Khánh Thành")
    assert cooperative.commune == Commune.objects.get(code=14608)  # Xã Khánh Trung since 2025
    assert cooperative.former_district == "huyện Yên Khánh"
    assert cooperative.former_address == "Thôn 3, Khánh Thành, Yên Khánh, Ninh Bình"
    assert cooperative.street_address == "Thôn 3"


def test_cooperative_import_from_the_former_address_column_when_the_commune_is_empty(staff_client):
    upload = xlsx_upload(
        ["Tên chủ thể", "Địa chỉ cũ (trước 2025)"],
        [["HTX Gia Vân", "Gia Vân, Gia Viễn, Ninh Bình"], ["HTX Ở đâu", "Xóm Không, Huyện Không, Tỉnh Không"]],
    )

    response = _import(staff_client, "cooperatives_cooperative", upload)

    html = response.content.decode()
    assert "Dòng 3" in html and "Dòng 2" not in html
    assert "Không tìm được xã/phường của địa chỉ cũ" in html
    result = CooperativeResource().import_data(
        _dataset(["Tên chủ thể", "Địa chỉ cũ (trước 2025)"], [["HTX Gia Vân", "Gia Vân, Gia Viễn, Ninh Bình"]]),
        dry_run=False,
    )
    assert not result.has_validation_errors()
    cooperative = Cooperative.objects.get(name="HTX Gia Vân")
    assert (cooperative.commune_id, cooperative.former_district) == (14488, "huyện Gia Viễn")


def test_cooperative_import_reads_english_or_unaccented_headers_and_updates_by_registration_number(staff_client):
    existing = CooperativeFactory(name="HTX Cũ", registration_number="2700333333", members_count=7)
    dataset = _dataset(
        ["registration / TAX number", "ten chu the", "So thanh vien", "Cột lạ"],
        [["2700333333", "HTX Mới tên", "12", "x"]],
    )

    result = CooperativeResource().import_data(dataset, dry_run=False)

    existing.refresh_from_db()
    assert not result.has_validation_errors()
    assert (existing.name, existing.members_count) == ("HTX Mới tên", 12)
    assert Cooperative.objects.count() == 1
    assert result.ignored_columns == ["Cột lạ"]


def test_cooperative_import_with_an_empty_cell_keeps_the_current_value():
    existing = CooperativeFactory(registration_number="2700444444", phone="0912345678", ocop_joined_year=2019)
    dataset = _dataset(["Mã số đăng ký / mã số thuế", "Điện thoại", "Năm tham gia OCOP"], [["2700444444", "", 2021]])

    CooperativeResource().import_data(dataset, dry_run=False)

    existing.refresh_from_db()
    assert (existing.phone, existing.ocop_joined_year) == ("0912345678", 2021)


# --- Export and round trip ------------------------------------------------------------------------


def _export(client, admin_name, query=""):
    response = client.get(reverse(f"admin:{admin_name}_export") + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response


def test_cooperative_export_has_vietnamese_headers_and_human_values(staff_client):
    CooperativeFactory(
        name="HTX Sinh Dược",
        registration_number="2700555555",
        kind=Cooperative.Kind.COOPERATIVE,
        former_district="huyện Yên Khánh",
        founded_on=datetime.date(2015, 6, 1),
        is_alliance_member=True,
    )

    response = _export(staff_client, "cooperatives_cooperative")

    headers, rows, sheet = xlsx_read(response.content)
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert sheet.title == "Hợp tác xã"
    assert sheet.freeze_panes == "A2"
    assert headers[:5] == ["Tên chủ thể", "Loại hình", "Mã số đăng ký / mã số thuế", "Ngày thành lập", "Xã/phường (mã)"]
    row = dict(zip(headers, rows[0], strict=True))
    assert row["Loại hình"] == "Hợp tác xã (HTX)"
    assert row["Xã/phường (mã)"] == "Xã Khánh Trung (14608)"
    assert row["Huyện cũ (trước 2025)"] == "huyện Yên Khánh"
    assert row["Ngày thành lập"] == datetime.datetime(2015, 6, 1)
    assert sheet["D2"].number_format == "dd/mm/yyyy"
    assert row["Thành viên Liên minh HTX"] == "Có"
    assert row["Trạng thái"] == "Đang hoạt động"


def test_export_follows_the_changelist_search(staff_client):
    CooperativeFactory(name="HTX Đại Hoàng")
    CooperativeFactory(name="HTX Khác")

    response = _export(staff_client, "cooperatives_cooperative", "?q=dai+hoang")

    _headers, rows, _sheet = xlsx_read(response.content)
    assert [row[0] for row in rows] == ["HTX Đại Hoàng"]


def test_export_writes_text_that_looks_like_a_formula_as_text(staff_client):
    CooperativeFactory(name='=HYPERLINK("http://evil.example","x")')

    response = _export(staff_client, "cooperatives_cooperative")

    _headers, _rows, sheet = xlsx_read(response.content)
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value.startswith("=HYPERLINK")


@pytest.mark.parametrize(
    ("admin_name", "model"),
    [
        ("cooperatives_cooperative", Cooperative),
        ("products_product", Product),
        ("products_certificate", Certificate),
    ],
)
def test_exported_file_imports_again_without_any_change(staff_client, admin_name, model):
    cooperative = CooperativeFactory(
        registration_number="2700666666", former_district="huyện Yên Khánh", founded_on=datetime.date(2010, 1, 5)
    )
    product = ProductFactory(cooperative=cooperative, price_min=25000, price_max=40000, barcode="8934567890120")
    product.quality_standards.set(QualityStandard.objects.filter(code__in=["vietgap", "organic"]))
    ProductFactory(product_set=product_set("1.1", scheme="kh-lmhtx-2019"))
    CertificateFactory(product=product, score="75.50")
    CertificateFactory(decision_date=datetime.date(2020, 3, 15), status=Certificate.Status.EXPIRED)
    before = list(model.history.order_by("pk").values_list("pk", flat=True))
    content = _export(staff_client, admin_name).content

    preview = _import(
        staff_client,
        admin_name,
        xlsx_upload(*xlsx_read(content)[:2]),
    )
    html = preview.content.decode()
    count = model.objects.count()
    assert f"0 thêm mới, 0 cập nhật, {count} không đổi" in html, html[html.find("registry-callout") :][:600]
    staff_client.post(reverse(f"admin:{admin_name}_process_import"), _confirm_fields(preview))

    assert list(model.history.order_by("pk").values_list("pk", flat=True)) == before
    assert model.objects.count() == count


# --- Products ------------------------------------------------------------------------------------

PRODUCT_HEADERS = [
    "Tên sản phẩm",
    "Chủ thể (tên hoặc mã số thuế)",
    "Bộ sản phẩm (mã)",
    "Giá thấp nhất (đồng)",
    "Giá cao nhất (đồng)",
    "Chứng nhận chất lượng",
    "Mã vạch (GTIN)",
]


def test_product_import_resolves_producer_set_prices_and_certifications():
    cooperative = CooperativeFactory(name="HTX Khánh Nhạc", registration_number="2700777777")
    dataset = _dataset(
        PRODUCT_HEADERS,
        [
            ["Nếp nhung lùn", "2700777777", "3", "25.000 đ", 40000, "VietGAP, hữu cơ", 8934567890120],
            ["Gạo Japonica", "HTX Khánh Nhạc", "03 Gạo, ngũ cốc, hạt sơ chế khác", "", "", "", ""],
        ],
    )

    result = ProductResource().import_data(dataset, dry_run=False)

    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    rice = Product.objects.get(name="Nếp nhung lùn")
    assert (rice.cooperative, rice.product_set, rice.price_min, rice.price_max, rice.barcode) == (
        cooperative,
        product_set("03"),
        25000,
        40000,
        "8934567890120",
    )
    assert sorted(rice.quality_standards.values_list("code", flat=True)) == ["organic", "vietgap"]
    assert rice.slug == "nep-nhung-lun"
    assert Product.objects.get(name="Gạo Japonica").product_set == product_set("03")


def test_product_import_reports_each_bad_value_under_its_column():
    CooperativeFactory(name="HTX Khánh Nhạc")
    dataset = _dataset(
        PRODUCT_HEADERS,
        [
            ["Nếp nhung lùn", "HTX Không tồn tại", "99", "40.000", "25.000", "Sao Hỏa", "8934567890123"],
            ["Gạo tám", "HTX Khánh Nhạc", "03", "40.000", "25.000", "", ""],
        ],
    )

    result = ProductResource().import_data(dataset, dry_run=True)

    first, second = result.invalid_rows
    assert first.number == 2 and second.number == 3
    assert first.error_dict["Chủ thể (tên hoặc mã số thuế)"] == [
        "Không có chủ thể nào có mã số thuế hoặc tên “HTX Không tồn tại”. Hãy thêm chủ thể ở trang chủ thể trước."
    ]
    assert "Không có bộ sản phẩm “99”" in first.error_dict["Bộ sản phẩm (mã)"][0]
    assert "Sao Hỏa" in first.error_dict["Chứng nhận chất lượng"][0]
    assert first.error_dict["Mã vạch (GTIN)"] == ["Số kiểm tra của mã vạch không đúng; vui lòng kiểm tra lại."]
    assert second.error_dict["__all__"] == ["Giá thấp nhất không được lớn hơn giá cao nhất."]
    assert Product.objects.count() == 0


# --- Certificates ----------------------------------------------------------------------------------

CERTIFICATE_HEADERS = [
    "Mã sản phẩm OCOP",
    "Sản phẩm",
    "Chủ thể",
    "Số sao",
    "Điểm",
    "Số quyết định",
    "Ngày quyết định",
    "Hiệu lực đến",
    "Trạng thái",
    "Lý do thu hồi",
]


def test_certificate_import_finds_the_product_by_name_and_producer_and_fills_the_validity():
    cooperative = CooperativeFactory(name="HTX Khánh Nhạc")
    product = ProductFactory(cooperative=cooperative, name="Nếp nhung lùn")
    ProductFactory(name="Nếp nhung lùn")  # the same name at another producer
    dataset = _dataset(
        CERTIFICATE_HEADERS,
        [
            [
                "37–14464–003–2026",
                "Nếp nhung lùn",
                "HTX Khánh Nhạc",
                "★★★★",
                "75,5",
                "512/QĐ-UBND",
                "15/03/2026",
                "",
                "",
                "",
            ]
        ],
    )

    result = CertificateResource().import_data(dataset, dry_run=False)

    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    certificate = Certificate.objects.get()
    assert (certificate.product, certificate.product_code, certificate.stars, str(certificate.score)) == (
        product,
        "37-14464-003-2026",
        4,
        "75.50",
    )
    assert (certificate.valid_from, certificate.valid_until) == (datetime.date(2026, 3, 15), datetime.date(2029, 3, 15))
    product.refresh_from_db()
    assert product.stars == 4


def test_certificate_import_reports_bad_code_stars_ambiguous_product_and_revocation_without_ground():
    ProductFactory(name="Nếp nhung lùn")
    ProductFactory(name="Nếp nhung lùn")
    ProductFactory(name="Gà đồi")
    dataset = _dataset(
        CERTIFICATE_HEADERS,
        [
            ["37-14464-2026", "Gà đồi", "", 6, "", "1/QĐ", "15/03/2026", "", "", ""],
            ["37-14464-004-2026", "Nếp nhung lùn", "", 4, "", "2/QĐ", "15/03/2026", "", "", ""],
            ["37-14464-005-2026", "Gà đồi", "", 3, "", "3/QĐ", "15/03/2026", "", "Đã thu hồi", ""],
        ],
    )

    result = CertificateResource().import_data(dataset, dry_run=True)

    bad_code, ambiguous, revoked = result.invalid_rows
    assert bad_code.error_dict["Mã sản phẩm OCOP"] == [
        "Nhập mã sản phẩm theo dạng tỉnh-xã-số thứ tự-năm, ví dụ 37-14464-003-2026 (phần xã có 3 đến 5 chữ số)."
    ]
    assert "nhỏ hơn hoặc bằng với 5" in bad_code.error_dict["Số sao"][0]
    assert ambiguous.error_dict["Sản phẩm"] == ["Có nhiều sản phẩm tên “Nếp nhung lùn”: hãy ghi thêm chủ thể."]
    assert revoked.error_dict["__all__"] == ["Chứng nhận bị thu hồi phải có lý do thu hồi."]
    assert Certificate.objects.count() == 0


def test_certificate_import_with_an_unknown_product_slug_names_the_slug():
    CertificateFactory(product_code="37-14608-001-2026")
    ProductFactory(name="Gà đồi")
    dataset = _dataset(
        ["Mã sản phẩm OCOP", "Sản phẩm", "Đường dẫn sản phẩm (slug)"], [["37-14608-001-2026", "", "khong-co"]]
    )

    result = CertificateResource().import_data(dataset, dry_run=True)

    assert result.invalid_rows[0].error_dict["Đường dẫn sản phẩm (slug)"] == [
        "Không có sản phẩm nào có đường dẫn “khong-co”."
    ]


def _dataset(headers, rows):
    from products.excel import ExcelFormat

    return ExcelFormat().create_dataset(xlsx_bytes(headers, rows))


def test_import_of_a_sheet_with_headers_only_says_there_is_nothing_to_import(staff_client):
    response = _import(staff_client, "cooperatives_cooperative", xlsx_upload(COOPERATIVE_HEADERS, []))

    assert "Tệp không có dòng dữ liệu nào để nhập." in response.content.decode()
    assert 'name="confirm"' not in response.content.decode()


def test_import_of_a_file_that_is_not_xlsx_is_refused_before_reading(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("du-lieu.xlsx", b"Ten;Loai\nHTX A;HTX\n", content_type="text/csv")

    response = _import(staff_client, "cooperatives_cooperative", upload)

    assert response.context["form"].errors["import_file"] == [
        "Đây không phải tệp Excel .xlsx. Trong Excel, chọn “Lưu thành” (Save as) rồi chọn “Excel Workbook (.xlsx)”."
    ]
    assert Cooperative.objects.count() == 0


def test_import_confirmation_of_a_file_no_longer_kept_asks_to_upload_again(staff_client):
    response = staff_client.post(
        reverse("admin:cooperatives_cooperative_process_import"),
        {"import_file_name": "khong-con-nua", "original_file_name": "x.xlsx", "format": "0", "resource": "0"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("admin:cooperatives_cooperative_import")
    assert "Tệp đã tải lên không còn nữa. Hãy tải tệp lên lại." in response.content.decode()
    assert Cooperative.objects.count() == 0
