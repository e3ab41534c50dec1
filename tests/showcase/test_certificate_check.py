import datetime

import pytest
from django.urls import reverse

from products.models import Certificate
from tests.factories import CertificateFactory, ProductFactory


@pytest.fixture
def certificates(db):
    valid = CertificateFactory(
        product=ProductFactory(name="Gạo Japonica"),
        decision_number="1234/QĐ-UBND",
        product_code="37-14608-001-2025",
    )
    expired = CertificateFactory(
        product=ProductFactory(name="Bánh đa"),
        decision_number="0517/QĐ-UBND",
        product_code="37-14608-002-2021",
        decision_date=datetime.date(2021, 5, 17),
        status=Certificate.Status.EXPIRED,
    )
    revoked = CertificateFactory(
        product=ProductFactory(name="Rượu nếp"),
        decision_number="1234/QĐ-UBND",
        product_code="37-14608-003-2025",
        status=Certificate.Status.REVOKED,
        revocation_ground=Certificate.RevocationGround.MARK_MISUSE,
    )
    return {"valid": valid, "expired": expired, "revoked": revoked}


def _check(client, query):
    response = client.get(reverse("showcase:certificate_check"), {"q": query})
    assert response.status_code == 200
    return response


def test_certificate_check_by_product_code_says_valid(client, certificates):
    response = _check(client, "37-14608-001-2025")

    assert [c.product.name for c in response.context["certificates"]] == ["Gạo Japonica"]
    assert "Chứng nhận còn hiệu lực" in response.content.decode()


def test_certificate_check_says_expired_and_revoked(client, certificates):
    expired = _check(client, "37-14608-002-2021").content.decode()
    revoked = _check(client, "37-14608-003-2025").content.decode()

    assert "Chứng nhận đã hết hiệu lực" in expired and "Chứng nhận còn hiệu lực" not in expired
    assert "Chứng nhận đã bị thu hồi" in revoked and "Lý do thu hồi" in revoked


def test_certificate_check_by_decision_number_lists_every_product_of_the_decision(client, certificates):
    response = _check(client, "1234/qd-ubnd")

    assert sorted(c.product.name for c in response.context["certificates"]) == ["Gạo Japonica", "Rượu nếp"]


def test_certificate_check_with_an_unknown_number_says_nothing_matches(client, certificates):
    response = _check(client, "9999/QĐ-UBND")

    assert response.context["certificates"] == []
    assert "Không có giấy chứng nhận OCOP nào mang số quyết định hoặc mã sản phẩm này." in response.content.decode()


def test_certificate_check_without_query_shows_only_the_form(client, certificates):
    response = _check(client, "")

    assert response.context["certificates"] == []
    assert "Không có giấy chứng nhận" not in response.content.decode()
