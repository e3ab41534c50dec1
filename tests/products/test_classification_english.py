"""The official classification has English labels (filled by products 0005), shown on /en/."""

from django.utils import translation

from products.models import ProductSet, Sector
from tests.factories import CertificateFactory, ProductFactory


def test_every_level_of_the_current_classification_has_an_english_label(db):
    sets = ProductSet.objects.filter(group__sector__scheme__is_current=True).select_related("group__sector")

    assert sets.count() == 26
    missing = [s.name for s in sets if not (s.name_en and s.group.name_en and s.group.sector.name_en)]
    assert not missing


def test_the_label_follows_the_interface_language(db):
    sector = Sector.objects.get(scheme__is_current=True, code="I")

    with translation.override("vi"):
        assert sector.label == "Thực phẩm"
    with translation.override("en"):
        assert sector.label == "Food"


def test_a_set_without_an_english_label_shows_its_vietnamese_name(db):
    product_set = ProductSet.objects.filter(group__sector__scheme__is_current=True).first()
    product_set.name_en = ""

    with translation.override("en"):
        assert product_set.label == product_set.name


def test_the_english_catalogue_and_product_page_show_english_classification(client, db):
    honey = ProductSet.objects.get(group__sector__scheme__is_current=True, code="04")
    product = ProductFactory(product_set=honey, name="Mật ong hoa nhãn")
    CertificateFactory(product=product, stars=4)
    with translation.override("vi"):
        path = product.get_absolute_url()

    catalogue = client.get(f"/en/products/?set={honey.pk}").content.decode()
    page = client.get("/en" + path).content.decode()
    vietnamese = client.get(path).content.decode()

    assert "Honey, other syrups and other farm foods" in catalogue
    assert "Honey, other syrups and other farm foods" in page and "Food" in page
    assert "Mật ong, mật khác và nông sản thực phẩm khác" in vietnamese
