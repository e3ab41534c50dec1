from django.db.models import Prefetch

from showcase.selectors import product_cards

from .models import Article, Tag


def article_list():
    """Published articles, newest first, with their tags (two queries per page)."""
    return Article.objects.published().prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))


def article_public(*, slug: str, preview: bool = False) -> Article | None:
    """A published article; staff (`preview`) also see drafts and scheduled ones."""
    articles = Article.objects.all() if preview else Article.objects.published()
    return (
        articles.select_related("author")
        .prefetch_related(
            "tags",
            "related_cooperatives",
            Prefetch("related_products", queryset=product_cards(), to_attr="public_products"),
        )
        .filter(slug=slug)
        .first()
    )


def latest_articles(*, limit: int = 3) -> list[Article]:
    return list(
        Article.objects.published().only(
            "title", "slug", "summary", "cover_image", "cover_alt", "kind", "published_at"
        )[:limit]
    )
