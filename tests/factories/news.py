import datetime

import factory
from django.utils import timezone

from news.models import Article, Tag


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Chủ đề {n}")
    slug = factory.Sequence(lambda n: f"chu-de-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hợp tác xã tham gia hội chợ OCOP lần {n}")
    slug = factory.Sequence(lambda n: f"hop-tac-xa-hoi-cho-ocop-{n}")
    summary = "Các hợp tác xã Ninh Bình giới thiệu sản phẩm OCOP tại hội chợ."
    body = "<p>Nội dung bài viết.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
