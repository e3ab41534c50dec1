from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Article, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "published_at", "author"]
    list_filter = ["status", "kind", "tags"]
    list_select_related = ["author"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related_cooperatives", "related_products", "tags"]
    readonly_fields = ["author", "created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "body"]}),
        (_("Cover image"), {"fields": ["cover_image", "cover_alt"]}),
        (_("Publication"), {"fields": ["status", "published_at", "tags", "author", "created_at", "updated_at"]}),
        (_("Related producers and products"), {"fields": ["related_cooperatives", "related_products"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not obj.author_id:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        count = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            article.status = Article.Status.PUBLISHED
            if article.published_at > timezone.now():
                article.published_at = timezone.now()
            article.save(update_fields=["status", "published_at", "updated_at", "body"])
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Move the selected articles back to draft"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            article.save(update_fields=["status", "updated_at", "body"])
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d article moved to draft.", "%(count)d articles moved to draft.", count)
            % {"count": count},
            messages.SUCCESS,
        )
