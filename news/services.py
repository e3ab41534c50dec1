"""Writes on news articles. Each one refreshes the cached public pages (news list, article,
home page) at once, as product edits do."""

from django.db import transaction
from django.utils import timezone

from showcase.cache import public_pages_invalidate

from .models import Article


def article_save(*, article: Article, by=None) -> Article:
    """Save an article written or edited in the admin; its author is the first editor.

    Side effects: saves the article (the body is stored cleaned) and invalidates the public
    pages. The admin saves the tags and related rows right after, in the same transaction,
    so the post-commit invalidation covers them too."""
    if not article.author_id and by is not None:
        article.author = by
    with transaction.atomic():
        article.save()
        public_pages_invalidate()
    return article


def article_publish(*, article: Article, now=None) -> bool:
    """Publish a draft; a publish date still in the future is brought forward to now.

    Side effects: status (and publish date), invalidates the public pages. Returns False
    when the article was already published (nothing changes)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.status == Article.Status.PUBLISHED:
            return False
        locked.status = Article.Status.PUBLISHED
        locked.published_at = min(locked.published_at, now)
        locked.save(update_fields=["status", "published_at", "updated_at", "body"])
        public_pages_invalidate()
    article.status, article.published_at = locked.status, locked.published_at
    return True


def article_unpublish(*, article: Article) -> bool:
    """Move a published article back to draft. Side effects: status, invalidates the public
    pages. Returns False when the article was not published (nothing changes)."""
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.status != Article.Status.PUBLISHED:
            return False
        locked.status = Article.Status.DRAFT
        locked.save(update_fields=["status", "updated_at", "body"])
        public_pages_invalidate()
    article.status = locked.status
    return True


def article_delete(*, article: Article) -> None:
    """Delete an article. Side effects: deletes it, invalidates the public pages."""
    with transaction.atomic():
        article.delete()
        public_pages_invalidate()
