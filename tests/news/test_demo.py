import io

from news.demo import demo_load
from news.models import Article


def test_news_demo_loads_published_articles_once(db):
    demo_load(stdout=io.StringIO())
    first = set(Article.objects.values_list("slug", flat=True))
    demo_load(stdout=io.StringIO())

    assert len(first) == 3
    assert set(Article.objects.published().values_list("slug", flat=True)) == first
    assert Article.objects.count() == 3
