import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.factories import CertificateFactory
from tests.factories.news import ArticleFactory, TagFactory


def _titles(response):
    return [article.title for article in response.context["articles"]]


def test_news_list_shows_published_articles_newest_first(client, db):
    now = timezone.now()
    ArticleFactory(title="Cũ", published_at=now - datetime.timedelta(days=5))
    ArticleFactory(title="Mới", published_at=now - datetime.timedelta(hours=1))
    ArticleFactory(title="Nháp", status=Article.Status.DRAFT)
    ArticleFactory(title="Hẹn giờ", published_at=now + datetime.timedelta(days=1))

    response = client.get(reverse("news:list"))

    assert _titles(response) == ["Mới", "Cũ"]


def test_news_list_filters_by_tag_and_kind(client, db):
    fairs = TagFactory(name="Hội chợ", slug="hoi-cho")
    tagged = ArticleFactory(title="Hội chợ OCOP 2026")
    tagged.tags.add(fairs)
    ArticleFactory(title="Câu chuyện HTX", kind=Article.Kind.STORY)

    by_tag = client.get(reverse("news:list"), {"tag": "hoi-cho"})
    by_kind = client.get(reverse("news:list"), {"kind": "story"})
    unknown_tag = client.get(reverse("news:list"), {"tag": "khong-co"})

    assert _titles(by_tag) == ["Hội chợ OCOP 2026"]
    assert "Tin gắn thẻ “Hội chợ”" in by_tag.content.decode()
    assert _titles(by_kind) == ["Câu chuyện HTX"]
    assert _titles(unknown_tag) == []


def test_news_detail_shows_the_article_with_its_related_products_and_producers(client, db):
    certificate = CertificateFactory()
    product = certificate.product
    article = ArticleFactory(
        title="Nếp nhung vào siêu thị", body="<h2>Thị trường</h2><p>Nội dung <strong>đậm</strong>.</p>"
    )
    article.related_products.add(product)
    article.related_cooperatives.add(product.cooperative)
    article.tags.add(TagFactory(name="Thị trường"))

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<h2>Thị trường</h2><p>Nội dung <strong>đậm</strong>.</p>" in html
    assert product.name in html and product.cooperative.name in html
    assert "#Thị trường" in html


def test_news_detail_of_a_draft_is_404_for_the_public_but_previewed_by_staff(staff_client, db):
    draft = ArticleFactory(title="Bài nháp", status=Article.Status.DRAFT)

    assert Client().get(draft.get_absolute_url()).status_code == 404
    preview = staff_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "Xem trước: bài viết chưa được xuất bản" in preview.content.decode()


def test_news_list_runs_as_many_queries_for_30_articles_as_for_3(client, db):
    def add(count):
        for _ in range(count):
            ArticleFactory().tags.add(TagFactory(), TagFactory())

    add(3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("news:list") + "?a")
    add(27)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("news:list") + "?b")

    assert len(few) == len(many)


@pytest.mark.parametrize("lang_prefix,heading", [("", "Tin tức và câu chuyện"), ("/en", "News and stories")])
def test_news_list_in_both_languages(client, db, lang_prefix, heading):
    assert heading in client.get(lang_prefix + reverse("news:list")).content.decode()
