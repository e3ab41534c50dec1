from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Article, Tag
from .services import article_delete, article_publish, article_save, article_unpublish


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
        article_save(article=obj, by=request.user)

    def delete_model(self, request, obj):
        article_delete(article=obj)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            article_delete(article=article)

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        count = sum(article_publish(article=article) for article in queryset)
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Move the selected articles back to draft"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = sum(article_unpublish(article=article) for article in queryset)
        self.message_user(
            request,
            ngettext("%(count)d article moved to draft.", "%(count)d articles moved to draft.", count)
            % {"count": count},
            messages.SUCCESS,
        )
