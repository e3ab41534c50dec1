from django.contrib.sitemaps import Sitemap

from .models import Article


class ArticleSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at
