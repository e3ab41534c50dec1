"""sitemap.xml: the public pages in both languages, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cooperatives.models import Cooperative
from products.models import Product


class _I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000


class StaticPagesSitemap(_I18nSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["home", "showcase:catalogue", "showcase:producers", "showcase:certificate_check", "news:list"]

    def location(self, item):
        return reverse(item)


class ProductSitemap(_I18nSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Product.objects.certified().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ProducerSitemap(_I18nSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Cooperative.objects.active().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


def sitemaps() -> dict:
    from news.sitemaps import ArticleSitemap

    return {
        "pages": StaticPagesSitemap,
        "products": ProductSitemap,
        "producers": ProducerSitemap,
        "news": ArticleSitemap,
    }
