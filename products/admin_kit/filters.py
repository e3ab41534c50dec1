"""List filters of the registry's admin pages: the searchable commune filter, stars, year."""

from django.contrib import admin
from django.contrib.admin.views.main import PAGE_VAR
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop_portal.text import search_filter
from places.models import Commune
from places.selectors import communes_portal_first


class CommuneListFilter(admin.SimpleListFilter):
    """The communes actually used by the listed records (portal province first), with a search
    box that ignores diacritics — never a list of all 3,321 units of the country."""

    title = gettext_lazy("commune / ward")
    parameter_name = "commune"
    search_parameter = "commune_q"
    field_path = "commune"
    max_choices = 15
    template = "admin/registry/commune_filter.html"

    @classmethod
    def on(cls, field_path: str):
        return type(f"CommuneListFilter_{field_path}", (cls,), {"field_path": field_path})

    def __init__(self, request, params, model, model_admin):
        self.search = (params.pop(self.search_parameter, [""])[-1] or "").strip()
        self.more = 0
        self.hidden_params = []
        super().__init__(request, params, model, model_admin)
        if self.search:
            self.used_parameters[self.search_parameter] = self.search

    def expected_parameters(self):
        return [self.parameter_name, self.search_parameter]

    def lookups(self, request, model_admin):
        used = model_admin.get_queryset(request).order_by().values(f"{self.field_path}__code")
        communes = Commune.objects.filter(code__in=used)
        if self.search:
            communes = communes.filter(search_filter("search_text", self.search))
        communes = list(communes_portal_first(communes)[: self.max_choices + 1])
        self.more = max(len(communes) - self.max_choices, 0)
        return [(str(commune.code), commune.name) for commune in communes[: self.max_choices]]

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.field_path}__code": self.value()})
        if self.search:
            return queryset.filter(search_filter(f"{self.field_path}__search_text", self.search))
        return queryset

    def choices(self, changelist):
        skip = {self.parameter_name, self.search_parameter, PAGE_VAR}
        self.hidden_params = [(key, value) for key, value in changelist.params.items() if key not in skip]
        yield {
            "selected": self.value() is None and not self.search,
            "query_string": changelist.get_query_string(remove=[self.parameter_name, self.search_parameter]),
            "display": _("All"),
        }
        for code, name in self.lookup_choices:
            yield {
                "selected": self.value() == code,
                "query_string": changelist.get_query_string({self.parameter_name: code}, [self.search_parameter]),
                "display": name,
            }


class StarsListFilter(admin.SimpleListFilter):
    title = gettext_lazy("OCOP stars")
    parameter_name = "stars"
    field_path = "stars"
    include_unrated = True

    def lookups(self, request, model_admin):
        choices = [("5", "★★★★★"), ("4", "★★★★"), ("3", "★★★")]
        if self.include_unrated:
            choices.append(("none", _("not rated")))
        return choices

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(**{f"{self.field_path}__isnull": True})
        if self.value() in {"3", "4", "5"}:
            return queryset.filter(**{self.field_path: int(self.value())})
        return queryset


class YearListFilter(admin.SimpleListFilter):
    """Years present in a date column, newest first."""

    title = gettext_lazy("year")
    parameter_name = "year"
    field_path = ""

    @classmethod
    def on(cls, field_path: str, title, parameter_name: str = "year"):
        return type(
            f"YearListFilter_{field_path}",
            (cls,),
            {"field_path": field_path, "title": title, "parameter_name": parameter_name},
        )

    def lookups(self, request, model_admin):
        days = model_admin.get_queryset(request).order_by().dates(self.field_path, "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in days]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{f"{self.field_path}__year": int(self.value())})
        return queryset
