import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from news.models import Article
from tests.factories.news import ArticleFactory


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, format="PNG")
    return SimpleUploadedFile("bia.png", buffer.getvalue(), content_type="image/png")


def _form(**extra):
    return {
        "title": "Hội chợ OCOP Ninh Bình 2026",
        "slug": "hoi-cho-ocop-ninh-binh-2026",
        "kind": "news",
        "summary": "Hơn 60 hợp tác xã tham gia.",
        "body": "Đoạn một.\n\nĐoạn hai.",
        "status": "published",
        "published_at_0": "2026-11-28",
        "published_at_1": "08:00:00",
        "cover_alt": "Gian hàng OCOP",
        **extra,
    }


def test_staff_write_an_article_in_the_admin_and_become_its_author(staff_client, staff_user):
    response = staff_client.post(reverse("admin:news_article_add"), _form(cover_image=_png()))

    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.author == staff_user
    assert article.body == "<p>Đoạn một.</p>\n\n<p>Đoạn hai.</p>"
    assert article.cover_image.name.startswith("news/")


def test_admin_refuses_a_cover_that_is_not_an_image_and_saves_nothing(staff_client):
    fake = SimpleUploadedFile("bia.png", b"not an image at all", content_type="image/png")

    response = staff_client.post(reverse("admin:news_article_add"), _form(cover_image=fake))

    assert response.status_code == 200
    assert Article.objects.count() == 0
    assert "cover_image" in response.context["adminform"].form.errors


def test_admin_publish_action_publishes_drafts(staff_client, db):
    draft = ArticleFactory(status=Article.Status.DRAFT)

    staff_client.post(reverse("admin:news_article_changelist"), {"action": "publish", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


def test_admin_lists_and_searches_articles(staff_client, db):
    ArticleFactory(title="Tập huấn OCOP")
    ArticleFactory(title="Hội chợ")

    response = staff_client.get(reverse("admin:news_article_changelist"), {"q": "tập huấn"})

    assert [a.title for a in response.context["cl"].result_list] == ["Tập huấn OCOP"]


def test_admin_unpublish_action_moves_published_articles_back_to_draft(staff_client, db):
    article = ArticleFactory()

    staff_client.post(
        reverse("admin:news_article_changelist"), {"action": "unpublish", "_selected_action": [article.pk]}
    )

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
