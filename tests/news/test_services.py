import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from news.services import article_delete, article_publish, article_save, article_unpublish
from tests.factories.news import ArticleFactory

pytestmark = pytest.mark.django_db


def _cached(url):
    """The page as an anonymous visitor sees it, after a first visit filled the page cache."""
    Client().get(url)
    again = Client().get(url)
    assert again["X-Page-Cache"] == "hit"
    return again.content.decode()


def test_article_publish_shows_the_article_on_the_cached_news_list_at_once():
    draft = ArticleFactory(title="Hội chợ xuân Bính Ngọ", status=Article.Status.DRAFT)
    assert "Hội chợ xuân Bính Ngọ" not in _cached(reverse("news:list"))

    assert article_publish(article=draft) is True

    assert "Hội chợ xuân Bính Ngọ" in Client().get(reverse("news:list")).content.decode()


def test_article_publish_when_dated_in_the_future_brings_the_date_to_now():
    later = timezone.now() + datetime.timedelta(days=10)
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=later)

    article_publish(article=draft)

    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert draft.published_at <= timezone.now()


def test_article_publish_when_already_published_changes_nothing():
    published_at = timezone.now() - datetime.timedelta(days=3)
    article = ArticleFactory(published_at=published_at)

    assert article_publish(article=article) is False

    article.refresh_from_db()
    assert article.published_at == published_at


def test_article_unpublish_removes_the_article_from_the_cached_pages_at_once():
    article = ArticleFactory(title="Tin sẽ gỡ")
    assert "Tin sẽ gỡ" in _cached(reverse("news:list"))
    _cached(article.get_absolute_url())

    assert article_unpublish(article=article) is True

    assert "Tin sẽ gỡ" not in Client().get(reverse("news:list")).content.decode()
    assert Client().get(article.get_absolute_url()).status_code == 404
    assert article_unpublish(article=article) is False


def test_article_save_when_edited_refreshes_the_cached_article_page():
    article = ArticleFactory(title="Tiêu đề cũ")
    assert "Tiêu đề cũ" in _cached(article.get_absolute_url())

    article.title = "Tiêu đề mới"
    article_save(article=article)

    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Tiêu đề mới" in page and "Tiêu đề cũ" not in page


def test_article_save_makes_the_first_editor_the_author_and_keeps_the_author_after(staff_user):
    from tests.factories import StaffUserFactory

    article = article_save(article=Article(title="Mới", slug="moi", summary="Tóm tắt", body="Thân bài"), by=staff_user)
    article_save(article=article, by=StaffUserFactory())

    article.refresh_from_db()
    assert article.author == staff_user
    assert article.body == "<p>Thân bài</p>"


def test_article_delete_removes_it_from_the_cached_news_list():
    article = ArticleFactory(title="Tin sẽ xoá")
    assert "Tin sẽ xoá" in _cached(reverse("news:list"))

    article_delete(article=article)

    assert "Tin sẽ xoá" not in Client().get(reverse("news:list")).content.decode()
    assert not Article.objects.exists()
