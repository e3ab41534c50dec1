from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ocop_portal.guards import can, public_view
from showcase.cache import public_page

from . import selectors
from .models import Article, Tag

PAGE_SIZE = 12


@public_view
@require_safe
@public_page
def article_list(request):
    articles = selectors.article_list()
    tag = None
    tag_slug = request.GET.get("tag", "").strip()
    if tag_slug:
        tag = Tag.objects.filter(slug=tag_slug).first()
        articles = articles.filter(tags=tag) if tag else articles.none()
    kind = request.GET.get("kind", "")
    if kind in Article.Kind.values:
        articles = articles.filter(kind=kind)
    else:
        kind = ""
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page") or 1)
    return render(
        request,
        "news/article_list.html",
        {
            "page_obj": page,
            "articles": page.object_list,
            "tag": tag,
            "tag_slug": tag_slug,
            "kind": kind,
            "kinds": Article.Kind.choices,
        },
    )


@public_view
@require_safe
@public_page
def article_detail(request, slug):
    preview = can(request.user, "news.preview_article")
    article = selectors.article_public(slug=slug, preview=preview)
    if article is None:
        raise Http404
    return render(request, "news/article_detail.html", {"article": article})
