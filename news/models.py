from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop_portal.models import TimeStampedModel

from .sanitize import clean_html
from .validators import validate_cover_image


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=70, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Articles the public may read: published, and their publish date has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())


class Article(TimeStampedModel):
    """A news item or an exemplary story, written by Alliance staff in the admin."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        STORY = "story", _("Story")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    summary = models.TextField(_("summary"), max_length=500, help_text=_("One or two sentences shown in lists."))
    body = models.TextField(
        _("body"),
        help_text=_(
            "Plain text (a blank line starts a new paragraph) or simple HTML: paragraphs, headings, lists, "
            "links, bold, italic, quotes, images and tables are kept; anything else is removed."
        ),
    )
    cover_image = models.ImageField(
        _("cover image"), upload_to="news/%Y/%m/", blank=True, validators=[validate_cover_image]
    )
    cover_alt = models.CharField(
        _("cover image description"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for screen readers."),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publish date"), default=timezone.now, help_text=_("The article appears from this moment once published.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("author"),
    )
    related_cooperatives = models.ManyToManyField(
        "cooperatives.Cooperative", blank=True, related_name="articles", verbose_name=_("related producers")
    )
    related_products = models.ManyToManyField(
        "products.Product", blank=True, related_name="articles", verbose_name=_("related products")
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def save(self, *args, **kwargs):
        # Stored clean as well as cleaned again when shown, whatever path the text came in by.
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)
