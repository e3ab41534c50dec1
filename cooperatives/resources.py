"""Excel import and export of producers (see products.excel for the rules every sheet follows).

A row updates the producer with the same slug, else the same registration number, else the
same exact name; otherwise it adds one. The commune is written as its official code, its name
(diacritics optional) or, for records from before the 2025 reform, the old address
"Khánh Thành, Yên Khánh, Ninh Bình", which is converted and keeps the old district."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ocop_portal.models import instance_adopt, instance_values
from places.selectors import commune_find, commune_label, old_address_convert
from products.excel import (
    BooleanWidget,
    ChoiceWidget,
    Column,
    DateWidget,
    DigitsWidget,
    IntegerWidget,
    LookupWidget,
    RegistryResource,
    TextWidget,
    excel_text,
    is_blank,
)

from .models import Cooperative

KIND_ALIASES = {
    "htx": Cooperative.Kind.COOPERATIVE,
    "hop tac xa": Cooperative.Kind.COOPERATIVE,
    "lien hiep hop tac xa": Cooperative.Kind.UNION,
    "lien hiep": Cooperative.Kind.UNION,
    "tht": Cooperative.Kind.GROUP,
    "to hop tac": Cooperative.Kind.GROUP,
    "dn": Cooperative.Kind.ENTERPRISE,
    "cong ty": Cooperative.Kind.ENTERPRISE,
    "ho kinh doanh": Cooperative.Kind.HOUSEHOLD,
    "ho san xuat": Cooperative.Kind.HOUSEHOLD,
    "hkd": Cooperative.Kind.HOUSEHOLD,
    "trang trai": Cooperative.Kind.FARM,
}
STATUS_ALIASES = {
    "hoat dong": Cooperative.Status.ACTIVE,
    "tam dung": Cooperative.Status.SUSPENDED,
    "giai the": Cooperative.Status.DISSOLVED,
}
SEX_ALIASES = {"f": Cooperative.Sex.FEMALE, "m": Cooperative.Sex.MALE}


def cooperative_find(value) -> Cooperative:
    """The producer a sheet names by its registration number or its exact name."""
    text = excel_text(value)
    digits = text.replace(" ", "")
    if digits[:10].isdigit():
        found = list(Cooperative.objects.filter(registration_number=digits)[:2])
        if len(digits) == 9 and not found:  # Excel dropped the leading zero
            found = list(Cooperative.objects.filter(registration_number="0" + digits)[:2])
    else:
        found = list(Cooperative.objects.filter(name__iexact=text)[:2])
    if len(found) == 1:
        return found[0]
    if found:
        raise ValidationError(
            _("Several producers are called “%(name)s”: write the registration number instead."),
            params={"name": text},
        )
    raise ValidationError(
        _("No producer has the registration number or name “%(name)s”. Add it on the producers' sheet first."),
        params={"name": text},
    )


class CommuneColumn(Column):
    """The commune; an old address also fills the former district, the former address and the
    street when those are empty."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        if is_blank(row.get(self.column_name)):
            return
        match = self.clean(row, **kwargs)
        instance.commune = match.commune
        if match.former_district and not instance.former_district:
            instance.former_district = match.former_district
        if match.former_address and not instance.former_address:
            instance.former_address = match.former_address
        if match.street and not instance.street_address:
            instance.street_address = match.street


class CooperativeResource(RegistryResource):
    name = Column("name", pgettext_lazy("spreadsheet column", "Producer name"), TextWidget())
    kind = Column(
        "kind",
        pgettext_lazy("spreadsheet column", "Type"),
        ChoiceWidget(Cooperative.Kind.choices, aliases=KIND_ALIASES),
    )
    registration_number = Column(
        "registration_number", pgettext_lazy("spreadsheet column", "Registration / tax number"), DigitsWidget(pad_to=10)
    )
    founded_on = Column("founded_on", pgettext_lazy("spreadsheet column", "Founding date"), DateWidget())
    commune = CommuneColumn(
        "commune",
        pgettext_lazy("spreadsheet column", "Commune / ward (code)"),
        LookupWidget(find=commune_find, label=commune_label),
    )
    street_address = Column("street_address", pgettext_lazy("spreadsheet column", "Street address"), TextWidget())
    former_district = Column(
        "former_district", pgettext_lazy("spreadsheet column", "Former district (before 2025)"), TextWidget()
    )
    former_address = Column(
        "former_address", pgettext_lazy("spreadsheet column", "Former address (before 2025)"), TextWidget()
    )
    legal_representative = Column(
        "legal_representative", pgettext_lazy("spreadsheet column", "Legal representative"), TextWidget()
    )
    legal_representative_sex = Column(
        "legal_representative_sex",
        pgettext_lazy("spreadsheet column", "Representative's sex"),
        ChoiceWidget(Cooperative.Sex.choices, aliases=SEX_ALIASES),
    )
    legal_representative_ethnicity = Column(
        "legal_representative_ethnicity",
        pgettext_lazy("spreadsheet column", "Representative's ethnicity"),
        TextWidget(),
    )
    leader_name = Column("leader_name", pgettext_lazy("spreadsheet column", "Director / leader"), TextWidget())
    phone = Column("phone", pgettext_lazy("spreadsheet column", "Phone"), DigitsWidget(pad_to=10))
    email = Column("email", pgettext_lazy("spreadsheet column", "Email"), TextWidget())
    website = Column("website", pgettext_lazy("spreadsheet column", "Website"), TextWidget())
    members_count = Column("members_count", pgettext_lazy("spreadsheet column", "Number of members"), IntegerWidget())
    is_alliance_member = Column(
        "is_alliance_member", pgettext_lazy("spreadsheet column", "Member of the Alliance"), BooleanWidget()
    )
    ocop_joined_year = Column(
        "ocop_joined_year", pgettext_lazy("spreadsheet column", "Year joined OCOP"), IntegerWidget()
    )
    newly_founded = Column(
        "newly_founded", pgettext_lazy("spreadsheet column", "Newly founded under the programme"), BooleanWidget()
    )
    status = Column(
        "status",
        pgettext_lazy("spreadsheet column", "Status"),
        ChoiceWidget(Cooperative.Status.choices, aliases=STATUS_ALIASES),
    )
    description = Column("description", pgettext_lazy("spreadsheet column", "Description"), TextWidget())
    slug = Column("slug", pgettext_lazy("spreadsheet column", "Web address (slug)"), TextWidget())

    class Meta:
        model = Cooperative
        fields = [
            "name",
            "kind",
            "registration_number",
            "founded_on",
            "commune",
            "street_address",
            "former_district",
            "former_address",
            "legal_representative",
            "legal_representative_sex",
            "legal_representative_ethnicity",
            "leader_name",
            "phone",
            "email",
            "website",
            "members_count",
            "is_alliance_member",
            "ocop_joined_year",
            "newly_founded",
            "status",
            "description",
            "slug",
        ]
        export_order = import_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    @classmethod
    def get_display_name(cls):
        return _("Producers")

    def get_queryset(self):
        return Cooperative.objects.select_related("commune")

    def record_save(self, instance, *, is_create, by):
        from .services import cooperative_create, cooperative_update

        if is_create:
            instance_adopt(instance, cooperative_create(by=by, **instance_values(instance)))
        else:
            cooperative_update(cooperative=instance, by=by, reason="Excel import")

    def find_instance(self, row):
        slug = excel_text(row.get(self.fields["slug"].column_name) or "")
        number = DigitsWidget(pad_to=10).clean(row.get(self.fields["registration_number"].column_name))
        name = excel_text(row.get(self.fields["name"].column_name) or "")
        conditions = [Q(slug=slug)] if slug else []
        if number:
            conditions.append(Q(registration_number=number))
        if name:
            conditions.append(Q(name__iexact=name))
        for condition in conditions:
            found = list(self.get_queryset().filter(condition)[:2])
            if len(found) == 1:
                return found[0]
        return None

    def import_extra(self, instance, row, *, errors):
        """No commune but an old address: convert the address."""
        commune_column = self.fields["commune"].column_name
        address_column = self.fields["former_address"].column_name
        address = excel_text(row.get(address_column) or "")
        if is_blank(row.get(commune_column)) and address and instance.commune_id is None:
            try:
                match = old_address_convert(address)
            except ValidationError as error:
                return {address_column: error.messages}
            instance.commune = match.commune
            if match.former_district and not instance.former_district:
                instance.former_district = match.former_district
            if match.street and not instance.street_address:
                instance.street_address = match.street
        return {}
