import pytest

from news.sanitize import clean_html
from tests.factories.news import ArticleFactory


@pytest.mark.parametrize(
    "dirty,clean",
    [
        ("<p>Xin chào <script>alert(1)</script></p>", "<p>Xin chào </p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'),
        ('<img src="/media/a.jpg" onerror="alert(1)" alt="Ảnh">', '<img src="/media/a.jpg" alt="Ảnh">'),
        ('<p style="color:red" class="x">Đỏ</p>', "<p>Đỏ</p>"),
        ("<iframe src='https://evil'></iframe><p>ok</p>", "<p>ok</p>"),
        ('<a href="https://ocop.vn">OCOP</a>', '<a href="https://ocop.vn" rel="noopener noreferrer nofollow">OCOP</a>'),
    ],
)
def test_clean_html_keeps_simple_formatting_and_drops_the_rest(dirty, clean):
    assert clean_html(dirty) == clean


def test_clean_html_turns_plain_text_into_escaped_paragraphs():
    assert clean_html("Đoạn một & 1 < 2\n\nĐoạn hai") == "<p>Đoạn một &amp; 1 &lt; 2</p>\n\n<p>Đoạn hai</p>"


def test_clean_html_is_idempotent():
    once = clean_html('<h2>Tiêu đề</h2><p><a href="https://x.vn">x</a></p>')

    assert clean_html(once) == once


def test_article_body_is_stored_clean(db):
    article = ArticleFactory(body='<p onclick="steal()">Nội dung</p><script>x()</script>')

    article.refresh_from_db()

    assert article.body == "<p>Nội dung</p>"


def test_article_body_is_cleaned_when_shown_even_if_written_around_the_model(client, db):
    article = ArticleFactory()
    type(article).objects.filter(pk=article.pk).update(body="<p>ok</p><script>alert(1)</script>")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<p>ok</p>" in html
    assert "alert(1)" not in html
