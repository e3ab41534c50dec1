"""Constraints of products and certificates: the database refuses what the forms refuse."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from products.models import Certificate, Product, default_valid_until
from products.validators import normalize_product_code
from tests.factories import CertificateFactory, CooperativeFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_product_price_range_when_lowest_exceeds_highest_is_refused():
    product = ProductFactory.build(price_min=40000, price_max=25000)

    with pytest.raises(ValidationError, match="Giá thấp nhất không được lớn hơn giá cao nhất") as error:
        product.full_clean(exclude=["cooperative", "product_set", "slug"])
    with pytest.raises(IntegrityError, match="product_price_range_ordered"), transaction.atomic():
        ProductFactory(price_min=40000, price_max=25000)

    assert error.value.messages == ["Giá thấp nhất không được lớn hơn giá cao nhất."]
    assert not Product.objects.filter(price_min=40000).exists()


def test_product_price_range_with_one_bound_or_equal_bounds_is_accepted():
    ProductFactory(price_min=25000, price_max=None)
    ProductFactory(price_min=None, price_max=25000)
    ProductFactory(price_min=25000, price_max=25000)

    assert Product.objects.count() == 3


@pytest.mark.parametrize(
    ("barcode", "message"),
    [
        ("8934567890123", "Số kiểm tra của mã vạch không đúng; vui lòng kiểm tra lại."),
        ("89345678901", "Mã vạch gồm 8, 12, 13 hoặc 14 chữ số."),
        ("893456789012A", "Mã vạch gồm 8, 12, 13 hoặc 14 chữ số."),
    ],
)
def test_product_barcode_when_not_a_valid_gtin_is_refused(barcode, message):
    product = ProductFactory(barcode="")
    product.barcode = barcode

    with pytest.raises(ValidationError, match=re.escape(message)) as error:
        product.full_clean()

    assert error.value.message_dict["barcode"] == [message]


def test_product_barcode_with_a_correct_check_digit_is_accepted():
    product = ProductFactory.build(cooperative=CooperativeFactory(), barcode="8934567890120")

    product.full_clean()  # raises ValidationError if refused
    product.save()

    assert Product.objects.get(pk=product.pk).barcode == "8934567890120"


@pytest.mark.parametrize("stars", [2, 6])
def test_certificate_stars_outside_3_to_5_are_refused_by_the_form_rules_and_the_database(stars):
    certificate = CertificateFactory.build(product=ProductFactory(), stars=stars, product_code="37-14608-001-2026")

    with pytest.raises(ValidationError, match=r"'stars': \['Đảm bảo giá trị này") as error:
        certificate.full_clean()
    with pytest.raises(IntegrityError, match="certificate_stars_3_5"), transaction.atomic():
        CertificateFactory(stars=stars)

    assert "stars" in error.value.message_dict
    assert Certificate.objects.count() == 0


def test_certificate_revoked_without_ground_is_refused_by_the_database():
    certificate = CertificateFactory()
    certificate.status = Certificate.Status.REVOKED

    with pytest.raises(ValidationError, match="Chứng nhận bị thu hồi phải có lý do thu hồi") as error:
        certificate.full_clean()
    with pytest.raises(IntegrityError, match="certificate_revocation_has_ground"), transaction.atomic():
        certificate.save()

    assert error.value.messages == ["Chứng nhận bị thu hồi phải có lý do thu hồi."]
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_certificate_validity_is_36_months_to_the_same_day_of_the_decision():
    certificate = CertificateFactory(decision_date=datetime.date(2026, 3, 25))

    assert certificate.valid_from == datetime.date(2026, 3, 25)
    assert certificate.valid_until == datetime.date(2029, 3, 25)
    assert default_valid_until(datetime.date(2024, 2, 29)) == datetime.date(2027, 2, 28)


def test_certificate_validity_ending_before_it_starts_is_refused():
    certificate = CertificateFactory.build(
        product=ProductFactory(),
        product_code="37-14608-001-2026",
        valid_from=datetime.date(2026, 3, 15),
        valid_until=datetime.date(2026, 3, 1),
    )

    with pytest.raises(ValidationError, match="Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực") as error:
        certificate.full_clean()

    assert error.value.messages == ["Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."]


def test_certificate_product_code_is_unique():
    CertificateFactory(product_code="37-14608-001-2026")
    duplicate = CertificateFactory.build(product=ProductFactory(), product_code="37-14608-001-2026")

    with pytest.raises(ValidationError, match="Mã sản phẩm này đã thuộc về một giấy chứng nhận khác") as error:
        duplicate.full_clean()
    with pytest.raises(IntegrityError, match="products_certificate_product_code_key"), transaction.atomic():
        duplicate.save()

    assert error.value.message_dict["product_code"] == ["Mã sản phẩm này đã thuộc về một giấy chứng nhận khác."]


@pytest.mark.parametrize("code", ["37-14464-003-2026", "37-372-001-2021", "37-1234-12-2019"])
def test_certificate_product_code_in_the_official_format_is_accepted(code):
    certificate = CertificateFactory.build(product=ProductFactory(), product_code=code)

    certificate.full_clean()  # raises ValidationError if refused
    certificate.save()

    assert Certificate.objects.get(pk=certificate.pk).product_code == code


@pytest.mark.parametrize("code", ["37-14464-2026", "3-14464-003-2026", "37-14-003-2026", "37-14464-003-26", "OCOP-1"])
def test_certificate_product_code_in_another_format_is_refused_with_the_example(code):
    certificate = CertificateFactory.build(product=ProductFactory(), product_code=code)

    with pytest.raises(ValidationError, match="Nhập mã sản phẩm theo dạng tỉnh-xã-số thứ tự-năm") as error:
        certificate.full_clean()

    assert error.value.message_dict["product_code"] == [
        "Nhập mã sản phẩm theo dạng tỉnh-xã-số thứ tự-năm, ví dụ 37-14464-003-2026 (phần xã có 3 đến 5 chữ số)."
    ]


def test_product_code_typed_with_spaces_and_en_dashes_is_normalised():
    assert normalize_product_code(" 37 – 14464–003-2026 ") == "37-14464-003-2026"
