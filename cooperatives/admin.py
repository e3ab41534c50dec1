from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ocop_portal.models import instance_adopt, instance_values
from ocop_portal.text import search_filter
from ocop_portal.uploads import ImageUploadField
from products.admin_kit import (
    CommuneListFilter,
    ExcelImportExportMixin,
    RegistryAdminMixin,
    RegistryHistoryMixin,
    badge,
    stars_html,
)
from products.models import Product

from .models import Cooperative, Membership, Person
from .resources import CooperativeResource


class FoldedSearchMixin:
    """Admin search through the folded `search_text` column: "dai hoang" finds "Đại Hoàng"."""

    search_fields = ["search_text"]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.filter(search_filter("search_text", search_term)), False


STATUS_TONES = {
    Cooperative.Status.ACTIVE: "ok",
    Cooperative.Status.SUSPENDED: "warn",
    Cooperative.Status.DISSOLVED: "muted",
}


class CooperativeAdminForm(forms.ModelForm):
    logo = ImageUploadField(label=capfirst(_("logo")), required=False)
    website = forms.URLField(
        label=capfirst(Cooperative._meta.get_field("website").verbose_name), required=False, assume_scheme="https"
    )

    class Meta:
        model = Cooperative
        fields = [
            "name",
            "slug",
            "kind",
            "registration_number",
            "founded_on",
            "status",
            "commune",
            "street_address",
            "former_district",
            "former_address",
            "legal_representative",
            "legal_representative_sex",
            "legal_representative_ethnicity",
            "leader_name",
            "members_count",
            "phone",
            "email",
            "website",
            "is_alliance_member",
            "ocop_joined_year",
            "newly_founded",
            "description",
            "logo",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Part of the public web address. Empty: made from the name.")

    def clean_registration_number(self):
        return (self.cleaned_data.get("registration_number") or "").replace(" ", "")


class ProductInline(admin.TabularInline):
    """The producer's products, to open them from here (they are edited on their own page)."""

    model = Product
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    fields = ["name", "product_set", "stars_display", "status"]
    readonly_fields = fields
    verbose_name_plural = _("products of this producer")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product_set")

    @admin.display(description=_("OCOP stars"))
    def stars_display(self, product):
        return stars_html(product.stars)


@admin.register(Cooperative)
class CooperativeAdmin(
    RegistryAdminMixin, ExcelImportExportMixin, RegistryHistoryMixin, FoldedSearchMixin, SimpleHistoryAdmin
):
    form = CooperativeAdminForm
    resource_classes = [CooperativeResource]
    import_help = _(
        "A row updates the producer with the same web address (slug), registration number or exact name; "
        "otherwise it adds a producer. The commune may be its official code, its name, or the address "
        "before 2025 (e.g. Khánh Thành, Yên Khánh, Ninh Bình)."
    )
    list_display = [
        "name_display",
        "kind_display",
        "commune_display",
        "product_count",
        "status_display",
    ]
    list_display_links = ["name_display"]
    list_filter = [
        "kind",
        "status",
        CommuneListFilter,
        "former_district",
        "ocop_joined_year",
        "is_alliance_member",
        "newly_founded",
    ]
    list_select_related = ["commune"]
    search_help_text = _("Name, commune, former district or registration number; diacritics optional.")
    autocomplete_fields = ["commune"]
    inlines = [ProductInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "registration_number", "founded_on", "status"]}),
        (_("Address"), {"fields": ["commune", "street_address", "former_district", "former_address"]}),
        (
            _("People"),
            {
                "fields": [
                    "legal_representative",
                    "legal_representative_sex",
                    "legal_representative_ethnicity",
                    "leader_name",
                    "members_count",
                ]
            },
        ),
        (_("Contact"), {"fields": ["phone", "email", "website"]}),
        (_("OCOP programme"), {"fields": ["is_alliance_member", "ocop_joined_year", "newly_founded"]}),
        (_("Presentation"), {"fields": ["description", "logo"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(product_total=Count("products", distinct=True))

    def save_model(self, request, obj, form, change):
        """Through the registry's services (the slug rule, the products' search text, the public
        pages), as the Excel import and the sign-up approval do."""
        from .services import cooperative_create, cooperative_update

        if change:
            cooperative_update(cooperative=obj, by=request.user, reason="admin")
        else:
            instance_adopt(obj, cooperative_create(by=request.user, **instance_values(obj)))

    @admin.display(description=_("producer"), ordering="name")
    def name_display(self, cooperative):
        if cooperative.registration_number:
            return format_html(
                '{}<span class="registry-subline">{} {}</span>',
                cooperative.name,
                _("Reg. no."),
                cooperative.registration_number,
            )
        return cooperative.name

    @admin.display(description=_("type"), ordering="kind")
    def kind_display(self, cooperative):
        if cooperative.ocop_joined_year:
            return format_html(
                '{}<span class="registry-subline">{}</span>',
                cooperative.get_kind_display(),
                _("in OCOP since %(year)s") % {"year": cooperative.ocop_joined_year},
            )
        return cooperative.get_kind_display()

    @admin.display(description=_("commune / ward"), ordering="commune__name")
    def commune_display(self, cooperative):
        if cooperative.commune is None:
            return format_html('<span class="registry-muted">{}</span>', cooperative.former_district or "—")
        if cooperative.former_district:
            return format_html(
                '{}<span class="registry-subline">{}</span>',
                cooperative.commune.name,
                _("before 2025: %(district)s") % {"district": cooperative.former_district},
            )
        return cooperative.commune.name

    @admin.display(description=_("products"), ordering="product_total")
    def product_count(self, cooperative):
        return cooperative.product_total

    @admin.display(description=_("status"), ordering="status")
    def status_display(self, cooperative):
        return badge(cooperative.get_status_display(), STATUS_TONES.get(cooperative.status, "muted"))


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "cooperative", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "cooperative"]
    autocomplete_fields = ["user", "cooperative"]
    search_fields = ["user__email", "cooperative__name"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    """The named people of the cooperatives (trainings sign them up). The leader is changed with
    the action, so there is only ever one current leader (cooperatives.people)."""

    list_display = ["full_name", "cooperative", "position", "is_leader", "is_active", "phone"]
    list_filter = ["is_leader", "is_active"]
    search_fields = ["full_name", "cooperative__name", "phone"]
    list_select_related = ["cooperative"]
    autocomplete_fields = ["cooperative"]
    fields = [
        "cooperative",
        "full_name",
        "position",
        "sex",
        "birth_year",
        "phone",
        "email",
        "user",
        "is_leader",
        "is_active",
    ]
    readonly_fields = ["is_leader", "is_active"]
    raw_id_fields = ["user"]
    actions = ["make_leader", "mark_left"]

    def save_model(self, request, obj, form, change):
        from .people import PERSON_FIELDS, person_create, person_update

        values = {name: getattr(obj, name) for name in PERSON_FIELDS}
        if change:
            person_update(person=obj, by=request.user, **values)
        else:
            full_name = values.pop("full_name")
            obj.pk = person_create(cooperative=obj.cooperative, by=request.user, full_name=full_name, **values).pk
        Person.objects.filter(pk=obj.pk).update(user=obj.user)

    @admin.action(description=_("Make the selected person the leader of their cooperative"))
    def make_leader(self, request, queryset):
        from .people import person_make_leader

        for person in queryset:
            person_make_leader(person=person, by=request.user)
        self.message_user(request, _("Leader changed."))

    @admin.action(description=_("Mark as having left the cooperative"))
    def mark_left(self, request, queryset):
        from .people import person_leave

        for person in queryset:
            person_leave(person=person, by=request.user)
        self.message_user(request, _("Done."))
