"""CardList: product cards named by id, whose products are read only for the cards a worker
has not rendered yet (showcase.selectors.cards, showcase_tags.product_card_items)."""

import pytest
from django.template import Context, Template

from products.models import Product
from showcase.selectors import CardList
from tests.factories import CertificateFactory, ProductFactory

pytestmark = pytest.mark.django_db

CARDS = Template("{% load showcase_tags %}{% product_card_items cards %}")


def _certified(name):
    return CertificateFactory(product=ProductFactory(name=name)).product


def test_iterating_reads_the_products_in_the_ids_order_in_one_query(django_assert_num_queries):
    first, second = _certified("Mắm tép Gia Viễn"), _certified("Cói Kim Sơn")
    cards = CardList([second.pk, first.pk])
    assert len(cards) == 2 and cards
    with django_assert_num_queries(1):
        assert [product.name for product in cards] == ["Cói Kim Sơn", "Mắm tép Gia Viễn"]
        assert cards[1].name == "Mắm tép Gia Viễn"  # already read
    assert not CardList([])


def test_cards_kept_by_the_worker_read_no_product(django_assert_num_queries):
    first, second = _certified("Mắm tép Gia Viễn"), _certified("Cói Kim Sơn")
    html = CARDS.render(Context({"cards": CardList([first.pk, second.pk])}))
    assert html.index("Mắm tép Gia Viễn") < html.index("Cói Kim Sơn")

    with django_assert_num_queries(0):
        again = CARDS.render(Context({"cards": CardList([second.pk, first.pk])}))
    assert again.index("Cói Kim Sơn") < again.index("Mắm tép Gia Viễn")

    third = _certified("Gạo nếp cái hoa vàng")  # a save starts a new generation: all cards anew
    with django_assert_num_queries(2):  # the products, their cover photos
        html = CARDS.render(Context({"cards": CardList([third.pk, first.pk])}))
    assert "Gạo nếp cái hoa vàng" in html and "Mắm tép Gia Viễn" in html


def test_a_product_withdrawn_after_its_id_was_read_gets_no_card():
    kept, withdrawn = _certified("Miến dong Yên Quang"), _certified("Rượu cần đã rút")
    cards = CardList([withdrawn.pk, kept.pk])
    Product.objects.filter(pk=withdrawn.pk).update(status=Product.Status.ARCHIVED)

    html = CARDS.render(Context({"cards": cards}))

    assert "Rượu cần đã rút" not in html and html.count('<li class="col">') == 1
    assert [product.name for product in cards] == ["Miến dong Yên Quang"]
