import pytest
from django.urls import reverse

from tests.factories import CertificateFactory, CooperativeFactory, ProductFactory


@pytest.mark.django_db
def test_home_shows_real_counts_by_stars(client):
    CooperativeFactory.create_batch(2)
    CertificateFactory(stars=5)
    CertificateFactory(stars=4)
    CertificateFactory(stars=4)
    ProductFactory()  # not certified
    response = client.get(reverse("home"))
    numbers = response.context["numbers"]
    # 2 plain cooperatives + one per product
    assert numbers["cooperatives"] == 6
    assert numbers["products"] == 4
    assert numbers["certified"] == 3
    assert numbers["by_stars"] == [(5, 1), (4, 2), (3, 0)]


@pytest.mark.django_db
def test_home_is_in_vietnamese_by_default_and_english_on_request(client):
    vi = client.get("/")
    assert 'lang="vi"' in vi.content.decode()
    assert "Sản phẩm OCOP" in vi.content.decode()
    en = client.get("/en/")
    assert 'lang="en"' in en.content.decode()
    assert "OCOP products" in en.content.decode()


@pytest.mark.django_db
def test_language_switch_sets_the_language(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.url == "/en/"
