"""The products, photos, certificates and classification pages of the staff admin, used as an
Alliance staff member (not a superuser)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from cooperatives.models import Cooperative
from places.models import Commune, Province
from products.models import (
    Certificate,
    ClassificationScheme,
    Product,
    ProductGroup,
    ProductPhoto,
    ProductSet,
    QualityStandard,
    Sector,
)
from tests.factories import (
    CertificateFactory,
    CooperativeFactory,
    MembershipFactory,
    ProductFactory,
    ProductPhotoFactory,
    product_set,
)
from tests.factories.registry import admin_post_data

pytestmark = pytest.mark.django_db

PRODUCTS = reverse("admin:products_product_changelist")
CERTIFICATES = reverse("admin:products_certificate_changelist")


def _result(response) -> list:
    return list(response.context["cl"].result_list)


def _jpeg(name="anh.jpg", *, exif: bool = False) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "Máy ảnh của HTX"  # Make
        tags[0x0131] = "<script>alert(1)</script>"  # Software
        image.save(buffer, "JPEG", exif=tags.tobytes())
    else:
        image.save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


# --- Products ----------------------------------------------------------------------------------


def test_product_changelist_shows_stars_price_producer_and_former_district(staff_client):
    cooperative = CooperativeFactory(name="HTX Khánh Nhạc", former_district="huyện Yên Khánh")
    product = ProductFactory(cooperative=cooperative, name="Nếp nhung lùn", price_min=25000, price_max=40000)
    ProductPhotoFactory(product=product)
    CertificateFactory(product=product, stars=4)

    response = staff_client.get(PRODUCTS)

    html = response.content.decode()
    assert "Nếp nhung lùn" in html and "03 Gạo, ngũ cốc, hạt sơ chế khác" in html
    assert '<span aria-hidden="true">★★★★</span> 4' in html
    assert "25.000 – 40.000\u00a0₫" in html
    assert "HTX Khánh Nhạc" in html and "Xã Khánh Trung (trước 2025: huyện Yên Khánh)" in html
    assert 'class="registry-thumb"' in html


def test_product_search_without_diacritics_finds_nep_nhung(staff_client):
    ProductFactory(name="Nếp nhung lùn Khánh Nhạc")
    ProductFactory(name="Gà đồi Đông Sơn")

    response = staff_client.get(PRODUCTS, {"q": "nep nhung"})

    assert [p.name for p in _result(response)] == ["Nếp nhung lùn Khánh Nhạc"]


def test_product_filters_by_stars_sector_set_commune_and_producer_type(staff_client):
    rated = ProductFactory(name="Gạo 4 sao")
    CertificateFactory(product=rated, stars=4)
    ProductFactory(name="Chiếu cói", product_set=product_set("24"))
    ProductFactory(
        name="Gà đồi",
        product_set=product_set("02"),
        cooperative=CooperativeFactory(kind=Cooperative.Kind.GROUP, commune=Commune.objects.get(code=14488)),
    )
    handicrafts = product_set("24").group.sector

    def names(**params):
        return sorted(p.name for p in _result(staff_client.get(PRODUCTS, params)))

    assert names(stars="4") == ["Gạo 4 sao"]
    assert names(stars="none") == ["Chiếu cói", "Gà đồi"]
    assert names(product_set__group__sector__id__exact=handicrafts.pk) == ["Chiếu cói"]
    assert names(product_set__id__exact=product_set("02").pk) == ["Gà đồi"]
    assert names(commune_q="gia van") == ["Gà đồi"]
    assert names(cooperative__kind__exact="to_hop_tac") == ["Gà đồi"]
    assert names(certified_year=str(timezone.localdate().year)) in (["Gạo 4 sao"], [])


def test_product_add_as_staff_reads_prices_with_dots_and_makes_the_slug(staff_client):
    cooperative = CooperativeFactory()
    page = staff_client.get(reverse("admin:products_product_add"))
    data = admin_post_data(
        page,
        name="Nếp nhung lùn",
        cooperative=str(cooperative.pk),
        product_set=str(product_set("03").pk),
        price_min="25.000",
        price_max="40.000 đ",
        barcode="893 4567 890120",
        quality_standards=[str(QualityStandard.objects.get(code="vietgap").pk)],
    )

    response = staff_client.post(reverse("admin:products_product_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    product = Product.objects.get()
    assert (product.slug, product.price_min, product.price_max, product.barcode) == (
        "nep-nhung-lun",
        25000,
        40000,
        "8934567890120",
    )
    assert list(product.quality_standards.values_list("code", flat=True)) == ["vietgap"]
    assert len(product.qr_code.code) == 6  # made by product_create, as from the space


def test_product_change_in_the_admin_with_an_archived_status_takes_it_off_sale(staff_client):
    product = ProductFactory()
    url = reverse("admin:products_product_change", args=[product.pk])

    response = staff_client.post(url, admin_post_data(staff_client.get(url), status="archived"))

    assert response.status_code == 302
    product.refresh_from_db()
    assert product.status == Product.Status.ARCHIVED


def test_product_add_with_prices_in_the_wrong_order_and_a_bad_barcode_saves_nothing(staff_client):
    page = staff_client.get(reverse("admin:products_product_add"))
    data = admin_post_data(
        page,
        name="Nếp",
        cooperative=str(CooperativeFactory().pk),
        product_set=str(product_set("03").pk),
        price_min="40.000",
        price_max="25.000",
        barcode="8934567890123",
    )

    response = staff_client.post(reverse("admin:products_product_add"), data)

    errors = response.context["adminform"].form.errors
    assert errors["price_max"] == ["Giá thấp nhất không được lớn hơn giá cao nhất."]
    assert errors["barcode"] == ["Số kiểm tra của mã vạch không đúng; vui lòng kiểm tra lại."]
    assert Product.objects.count() == 0


def test_product_change_with_a_new_photo_and_certificate_in_the_inlines(
    staff_client, django_capture_on_commit_callbacks
):
    product = ProductFactory(name="Nếp nhung lùn")
    url = reverse("admin:products_product_change", args=[product.pk])
    page = staff_client.get(url)
    data = admin_post_data(
        page,
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-image": _jpeg(exif=True),
            "photos-0-alt_text": "Túi nếp 2 kg",
            "photos-0-position": "0",
            "certificates-TOTAL_FORMS": "1",
            "certificates-0-product_code": "37-14608-001-2026",
            "certificates-0-stars": "4",
            "certificates-0-decision_number": "512/QĐ-UBND",
            "certificates-0-decision_date": "15/03/2026",
            "certificates-0-status": "valid",
        },
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    photo = ProductPhoto.objects.get()
    assert photo.alt_text == "Túi nếp 2 kg"
    with Image.open(photo.image) as stored:  # re-encoded: same pixels, no metadata left
        assert (stored.format, stored.size) == ("JPEG", (64, 48))
        assert not stored.getexif()
        assert all(
            abs(a - b) <= 6 for a, b in zip(stored.convert("RGB").getpixel((32, 24)), (200, 120, 40), strict=True)
        )
    assert "anh" not in photo.image.name
    assert photo.thumbnail.name.endswith(".webp") and photo.thumbnail_fallback
    certificate = Certificate.objects.get()
    assert (certificate.valid_from, certificate.valid_until) == (datetime.date(2026, 3, 15), datetime.date(2029, 3, 15))
    product.refresh_from_db()
    assert product.stars == 4


def test_product_change_with_a_revoked_certificate_without_ground_shows_the_error_not_a_500(staff_client):
    certificate = CertificateFactory()
    url = reverse("admin:products_product_change", args=[certificate.product.pk])
    page = staff_client.get(url)

    response = staff_client.post(url, admin_post_data(page, {"certificates-0-status": "revoked"}))

    assert response.status_code == 200
    assert "Muốn thu hồi giấy chứng nhận, hãy mở giấy đó (biểu tượng bút chì) và chọn lý do thu hồi ở đó." in (
        response.content.decode()
    )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_product_history_shows_who_changed_the_price(staff_client, staff_user):
    product = ProductFactory(price_min=20000)
    url = reverse("admin:products_product_change", args=[product.pk])
    staff_client.post(url, admin_post_data(staff_client.get(url), price_min="22.000"))

    history = staff_client.get(reverse("admin:products_product_history", args=[product.pk]))

    html = history.content.decode()
    assert staff_user.email in html
    assert "<del>20.000\u00a0₫</del> → <ins>22.000\u00a0₫</ins>" in html


# --- Certificates ---------------------------------------------------------------------------------


def test_certificate_changelist_marks_a_passed_validity_as_expired_and_filters_it(staff_client):
    today = timezone.localdate()
    current = CertificateFactory(product_code="37-14608-001-2026")
    old = CertificateFactory(
        product_code="37-14608-002-2020",
        decision_date=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=10),
    )
    revoked = CertificateFactory(product_code="37-14608-003-2024", status="revoked", revocation_ground="mark_misuse")

    response = staff_client.get(CERTIFICATES)
    expired = staff_client.get(CERTIFICATES, {"validity": "expired"})
    valid = staff_client.get(CERTIFICATES, {"validity": "valid"})

    html = response.content.decode()
    assert '<span class="registry-badge registry-badge--muted">Hết hiệu lực</span>' in html
    assert '<span class="registry-badge registry-badge--bad">Đã thu hồi</span>' in html
    assert '<span class="registry-badge registry-badge--ok">Còn hiệu lực</span>' in html
    assert current.valid_until.strftime("%d/%m/%Y") in html
    assert _result(expired) == [old]
    assert _result(valid) == [current]
    assert revoked not in _result(valid)


def test_certificate_search_by_code_decision_or_unaccented_product(staff_client):
    CertificateFactory(product=ProductFactory(name="Nếp nhung lùn"), product_code="37-14608-001-2026")
    CertificateFactory(product=ProductFactory(name="Gà đồi"), product_code="37-14608-002-2026", decision_number="99/QĐ")

    assert [c.product_code for c in _result(staff_client.get(CERTIFICATES, {"q": "nep nhung"}))] == [
        "37-14608-001-2026"
    ]
    assert [c.product_code for c in _result(staff_client.get(CERTIFICATES, {"q": "99/QĐ"}))] == ["37-14608-002-2026"]


def test_certificate_add_reads_a_comma_score_and_fills_36_months_of_validity(staff_client):
    product = ProductFactory()
    page = staff_client.get(reverse("admin:products_certificate_add"))
    data = admin_post_data(
        page,
        product=str(product.pk),
        product_code="37-14464-003-2026",
        stars="5",
        score="91,5",
        decision_number="1/QĐ-TTg",
        decision_date="15/03/2026",
        valid_from=None,
        valid_until=None,
    )

    response = staff_client.post(reverse("admin:products_certificate_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    certificate = Certificate.objects.get()
    assert (certificate.valid_from, certificate.valid_until) == (datetime.date(2026, 3, 15), datetime.date(2029, 3, 15))
    assert str(certificate.score) == "91.50"


def test_certificate_add_with_a_bad_code_or_revoked_without_ground_shows_messages_and_saves_nothing(staff_client):
    product = ProductFactory()
    page = staff_client.get(reverse("admin:products_certificate_add"))
    data = admin_post_data(
        page,
        product=str(product.pk),
        product_code="37-1-3-2026",
        stars="6",
        decision_number="1/QĐ",
        decision_date="15/03/2026",
        status="revoked",
    )

    response = staff_client.post(reverse("admin:products_certificate_add"), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["product_code"] == [
        "Nhập mã sản phẩm theo dạng tỉnh-xã-số thứ tự-năm, ví dụ 37-14464-003-2026 (phần xã có 3 đến 5 chữ số)."
    ]
    assert "stars" in errors
    assert errors["revocation_ground"] == ["Giấy chứng nhận bị thu hồi phải có lý do thu hồi: hãy chọn một lý do."]
    assert Certificate.objects.count() == 0


def test_certificate_change_to_revoked_with_a_ground_saves_and_the_product_loses_its_stars(staff_client):
    certificate = CertificateFactory()
    url = reverse("admin:products_certificate_change", args=[certificate.pk])
    page = staff_client.get(url)

    response = staff_client.post(
        url, admin_post_data(page, status="revoked", revocation_ground="quality_violation", revoked_on="03/11/2026")
    )

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revoked_on) == ("revoked", datetime.date(2026, 11, 3))
    certificate.product.refresh_from_db()
    assert certificate.product.stars is None


def test_certificate_revoked_in_the_admin_emails_the_cooperative_like_the_service(
    staff_client, django_capture_on_commit_callbacks, mailoutbox
):
    certificate = CertificateFactory(product_code="37-14608-009-2026")
    MembershipFactory(cooperative=certificate.product.cooperative, user__email="chu@htx.vn")
    url = reverse("admin:products_certificate_change", args=[certificate.pk])
    page = staff_client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url,
            admin_post_data(page, status="revoked", revocation_ground="mark_misuse", revocation_note="Dùng sai logo"),
        )

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revocation_ground) == ("revoked", "mark_misuse")
    assert certificate.revoked_on == timezone.localdate()
    assert [m.to for m in mailoutbox] == [["chu@htx.vn"]]
    assert "37-14608-009-2026" in mailoutbox[0].subject


# --- Photos ----------------------------------------------------------------------------------------


def test_photo_admin_lists_missing_alt_texts_and_adds_a_photo(staff_client, django_capture_on_commit_callbacks):
    ProductPhotoFactory(alt_text="")
    product = ProductFactory(name="Gà đồi")
    listing = staff_client.get(reverse("admin:products_productphoto_changelist"), {"alt_text__isempty": "1"})
    page = staff_client.get(reverse("admin:products_productphoto_add"))

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:products_productphoto_add"),
            admin_post_data(page, product=str(product.pk), image=_jpeg(), alt_text="Gà đồi thả vườn"),
        )

    assert len(_result(listing)) == 1 and "còn thiếu" in listing.content.decode()
    assert response.status_code == 302
    photo = ProductPhoto.objects.get(product=product)
    assert photo.thumbnail_fallback.name.endswith(".jpg")


def test_photo_admin_refuses_a_file_that_is_not_an_image(staff_client):
    product = ProductFactory()
    page = staff_client.get(reverse("admin:products_productphoto_add"))
    fake = SimpleUploadedFile("anh.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", content_type="image/jpeg")

    response = staff_client.post(
        reverse("admin:products_productphoto_add"), admin_post_data(page, product=str(product.pk), image=fake)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"]
    assert ProductPhoto.objects.count() == 0


# --- Every registry model, as staff ----------------------------------------------------------------


def _objects():
    certificate = CertificateFactory()
    photo = ProductPhotoFactory(product=certificate.product)
    scheme = ClassificationScheme.objects.get(code="qd148-2023")
    return {
        "cooperatives.cooperative": (certificate.product.cooperative, "htx nong nghiep"),
        "products.product": (certificate.product, "gao nep"),
        "products.productphoto": (photo, "gao"),
        "products.certificate": (certificate, "37-14608"),
        "products.classificationscheme": (scheme, "quyet dinh 148"),
        "products.sector": (Sector.objects.filter(scheme=scheme).first(), "thuc pham"),
        "products.productgroup": (ProductGroup.objects.filter(sector__scheme=scheme).first(), "tuoi song"),
        "products.productset": (product_set("03"), "gao ngu coc"),
        "products.qualitystandard": (QualityStandard.objects.get(code="organic"), "huu co"),
        "places.province": (Province.objects.get(code=37), "ninh binh"),
        "places.commune": (Commune.objects.get(code=14608), "khanh trung"),
    }


REGISTRY_MODELS = [
    "cooperatives.cooperative",
    "products.product",
    "products.productphoto",
    "products.certificate",
    "products.classificationscheme",
    "products.sector",
    "products.productgroup",
    "products.productset",
    "products.qualitystandard",
    "places.province",
    "places.commune",
]


@pytest.mark.parametrize("label", REGISTRY_MODELS)
def test_staff_lists_searches_and_opens_add_and_change_pages_of_every_registry_model(staff_client, label):
    obj, term = _objects()[label]
    app, model = label.split(".")

    changelist = staff_client.get(reverse(f"admin:{app}_{model}_changelist"))
    searched = staff_client.get(reverse(f"admin:{app}_{model}_changelist"), {"q": term})
    add = staff_client.get(reverse(f"admin:{app}_{model}_add"))
    change = staff_client.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk]))

    assert changelist.status_code == add.status_code == change.status_code == 200
    assert obj in list(searched.context["cl"].result_list)


@pytest.mark.parametrize("label", REGISTRY_MODELS)
def test_staff_saves_a_change_of_every_registry_model(staff_client, label):
    obj, _term = _objects()[label]
    app, model = label.split(".")
    url = reverse(f"admin:{app}_{model}_change", args=[obj.pk])
    page = staff_client.get(url)
    field = "alt_text" if model == "productphoto" else ("decision_number" if model == "certificate" else "name")

    response = staff_client.post(url, admin_post_data(page, **{field: "Tên mới đã sửa"}))

    assert response.status_code == 302, response.context["errors"]
    obj.refresh_from_db()
    assert getattr(obj, field) == "Tên mới đã sửa"


@pytest.mark.parametrize(
    ("label", "values"),
    [
        ("products.qualitystandard", {"code": "iso-14001", "name": "ISO 14001"}),
        ("products.classificationscheme", {"code": "qd-moi", "name": "Bộ tiêu chí mới", "valid_from": "01/01/2027"}),
        ("products.sector", {"scheme": "SCHEME", "code": "VII", "name": "Ngành thử", "position": "7"}),
        ("products.productgroup", {"sector": "SECTOR", "code": "7.1", "name": "Nhóm thử", "position": "1"}),
        ("places.province", {"code": "99", "name": "Tỉnh thử", "division_type": "tỉnh"}),
        ("places.commune", {"code": "99999", "name": "Xã Thử", "division_type": "xã", "province": "37"}),
    ],
)
def test_staff_adds_reference_data(staff_client, label, values):
    from django.apps import apps

    scheme = ClassificationScheme.objects.get(code="qd148-2023")
    replacements = {"SCHEME": str(scheme.pk), "SECTOR": str(Sector.objects.filter(scheme=scheme).first().pk)}
    values = {key: replacements.get(value, value) for key, value in values.items()}
    app, model = label.split(".")
    url = reverse(f"admin:{app}_{model}_add")

    response = staff_client.post(url, admin_post_data(staff_client.get(url), **values))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert apps.get_model(label).objects.filter(name=values["name"]).exists()


def test_staff_adds_a_product_set_to_a_group(staff_client):
    group = product_set("03").group
    url = reverse("admin:products_productset_add")

    response = staff_client.post(
        url, admin_post_data(staff_client.get(url), group=str(group.pk), code="27", name="Bộ mới", slug="bo-moi")
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert ProductSet.objects.get(code="27").group == group


def test_staff_cannot_manage_groups_and_permissions(staff_client):
    assert staff_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert staff_client.get(reverse("admin:auth_group_add")).status_code == 403


# --- Query counts ----------------------------------------------------------------------------------


def _queries(client, url, expected_rows) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(response.context["cl"].result_list) == expected_rows
    return len(queries)


def _rated_product_with_photo():
    product = ProductFactory(cooperative=CooperativeFactory(former_district="huyện Kim Sơn"), price_min=1000)
    ProductPhotoFactory(product=product)
    CertificateFactory(product=product)


@pytest.mark.parametrize(
    "url",
    [
        PRODUCTS,
        CERTIFICATES,
        reverse("admin:products_productphoto_changelist"),
    ],
)
def test_registry_changelist_query_count_does_not_grow_with_rows(staff_client, url):
    for _ in range(3):
        _rated_product_with_photo()
    three = _queries(staff_client, url, 3)
    for _ in range(27):
        _rated_product_with_photo()

    assert _queries(staff_client, url, 30) == three


def test_admin_calendar_writes_dates_day_first_in_vietnamese(staff_client):
    response = staff_client.get(reverse("admin:jsi18n"))

    html = response.content.decode()
    formats = html[html.index('"DATE_INPUT_FORMATS"') :].split("]")[0]
    assert formats.split('"')[3] == "%d/%m/%Y"
