"""Excel import and export of products and OCOP certificates (see products.excel for the rules
every sheet follows).

Products: a row updates the product with the same slug, else the same name at the same
producer. The producer is written by registration number or exact name, the product set by its
code in the current classification ("03"), optionally followed by its name.
Certificates: a row updates the certificate with the same product code. The product is found by
its slug, else by its name at the producer of the "Producer" column (or by its name alone when
only one product has it). Empty validity dates are filled: from the decision date, for the period
of the criteria in force (36 months, to the same day: 25/03/2026 → 25/03/2029)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from import_export import widgets

from cooperatives.resources import cooperative_find
from ocop_portal.models import instance_adopt
from ocop_portal.text import fold

from .excel import (
    AmountWidget,
    ChoiceWidget,
    Column,
    ComputedColumn,
    DateWidget,
    DecimalWidget,
    DigitsWidget,
    IntegerWidget,
    LookupWidget,
    RegistryResource,
    TextWidget,
    excel_text,
    is_blank,
)
from .models import Certificate, Product, ProductSet, QualityStandard, default_valid_until
from .validators import normalize_product_code

_SCHEME_PREFIX = re.compile(r"^\[([\w.-]+)\]\s*")

PRODUCT_STATUS_ALIASES = {
    "dang ban": Product.Status.ACTIVE,
    "nhap": Product.Status.DRAFT,
    "luu tru": Product.Status.ARCHIVED,
}
CERTIFICATE_STATUS_ALIASES = {
    "con hieu luc": Certificate.Status.VALID,
    "hieu luc": Certificate.Status.VALID,
    "het hieu luc": Certificate.Status.EXPIRED,
    "het han": Certificate.Status.EXPIRED,
    "thu hoi": Certificate.Status.REVOKED,
    "bi thu hoi": Certificate.Status.REVOKED,
}
ISSUER_ALIASES = {
    "tinh": Certificate.Issuer.PROVINCE,
    "ubnd tinh": Certificate.Issuer.PROVINCE,
    "cap tinh": Certificate.Issuer.PROVINCE,
    "trung uong": Certificate.Issuer.NATIONAL,
    "quoc gia": Certificate.Issuer.NATIONAL,
    "thu tuong": Certificate.Issuer.NATIONAL,
    "cap quoc gia": Certificate.Issuer.NATIONAL,
}


def product_set_label(product_set: ProductSet) -> str:
    """ "03 Gạo, ngũ cốc…"; a set of an older scheme carries the scheme: "[kh-lmhtx-2019] 1.1 …"."""
    scheme = product_set.group.sector.scheme
    label = f"{product_set.code} {product_set.name}"
    return label if scheme.is_current else f"[{scheme.code}] {label}"


def product_set_find(value) -> ProductSet:
    """A product set by its code in the current scheme ("03", "3", "03 Gạo…"), by its exact
    name, or "[scheme-code] code" for an older scheme."""
    text = excel_text(value)
    sets = ProductSet.objects.select_related("group__sector__scheme")
    prefix = _SCHEME_PREFIX.match(text)
    if prefix:
        sets = sets.filter(group__sector__scheme__code=prefix.group(1))
        text = text[prefix.end() :]
    else:
        sets = sets.filter(group__sector__scheme__is_current=True)
    code = text.split(" ", 1)[0].rstrip(".") if text else ""
    if code.isdigit() and len(code) < 2:
        code = code.zfill(2)
    found = list(sets.filter(code=code)) if code else []
    if not found:
        found = [s for s in sets if fold(s.name) == fold(text)]
    if len(found) == 1:
        return found[0]
    raise ValidationError(
        _("No product set “%(value)s” in the current classification. Write its code, e.g. 03 for rice and grains."),
        params={"value": excel_text(value)},
    )


class QualityStandardsWidget(widgets.ManyToManyWidget):
    """Certifications written by name or code, separated by commas: "VietGAP, Hữu cơ"."""

    def __init__(self, **kwargs):
        super().__init__(model=QualityStandard, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return QualityStandard.objects.none()
        names = [part.strip() for part in re.split(r"[,;\n]", excel_text(value)) if part.strip()]
        table = {}
        for standard in QualityStandard.objects.all():
            # "Hữu cơ (Organic)" is also found as "hữu cơ" and "organic".
            bare = re.sub(r"\s*\(.*?\)", "", standard.name)
            inside = re.findall(r"\((.*?)\)", standard.name)
            for alias in [standard.code, standard.name, bare, *inside]:
                table[fold(alias)] = standard
        unknown = [name for name in names if fold(name) not in table]
        if unknown:
            known = ", ".join(sorted({s.name for s in table.values()}))
            raise ValueError(
                _("Unknown certification: %(names)s. Known ones: %(known)s.")
                % {"names": ", ".join(unknown), "known": known}
            )
        return QualityStandard.objects.filter(pk__in=[table[fold(name)].pk for name in names])

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(standard.name for standard in value.all())


class ProductResource(RegistryResource):
    name = Column("name", pgettext_lazy("spreadsheet column", "Product name"), TextWidget())
    cooperative = Column(
        "cooperative",
        pgettext_lazy("spreadsheet column", "Producer (name or registration number)"),
        LookupWidget(find=cooperative_find, label=str),
    )
    product_set = Column(
        "product_set",
        pgettext_lazy("spreadsheet column", "Product set (code)"),
        LookupWidget(find=product_set_find, label=product_set_label),
    )
    sector = ComputedColumn(
        pgettext_lazy("spreadsheet column", "Sector"), lambda p: str(p.product_set.group.sector), readonly=True
    )
    unit = Column("unit", pgettext_lazy("spreadsheet column", "Unit"), TextWidget())
    packaging = Column("packaging", pgettext_lazy("spreadsheet column", "Packaging"), TextWidget())
    price_min = Column("price_min", pgettext_lazy("spreadsheet column", "Lowest price (đồng)"), AmountWidget())
    price_max = Column("price_max", pgettext_lazy("spreadsheet column", "Highest price (đồng)"), AmountWidget())
    quality_standards = Column(
        "quality_standards", pgettext_lazy("spreadsheet column", "Quality certifications"), QualityStandardsWidget()
    )
    barcode = Column("barcode", pgettext_lazy("spreadsheet column", "Barcode (GTIN)"), DigitsWidget())
    status = Column(
        "status",
        pgettext_lazy("spreadsheet column", "Status"),
        ChoiceWidget(Product.Status.choices, aliases=PRODUCT_STATUS_ALIASES),
    )
    stars = ComputedColumn(
        pgettext_lazy("spreadsheet column", "OCOP stars"), lambda p: p.stars, IntegerWidget(), readonly=True
    )
    certified_at = ComputedColumn(
        pgettext_lazy("spreadsheet column", "Certified on"), lambda p: p.certified_at, DateWidget(), readonly=True
    )
    description = Column("description", pgettext_lazy("spreadsheet column", "Description"), TextWidget())
    story = Column("story", pgettext_lazy("spreadsheet column", "Product story"), TextWidget())
    ingredients = Column("ingredients", pgettext_lazy("spreadsheet column", "Ingredients"), TextWidget())
    specification = Column("specification", pgettext_lazy("spreadsheet column", "Specification"), TextWidget())
    where_to_buy = Column("where_to_buy", pgettext_lazy("spreadsheet column", "Where to buy"), TextWidget())
    slug = Column("slug", pgettext_lazy("spreadsheet column", "Web address (slug)"), TextWidget())

    class Meta:
        model = Product
        fields = [
            "name",
            "cooperative",
            "product_set",
            "sector",
            "unit",
            "packaging",
            "price_min",
            "price_max",
            "quality_standards",
            "barcode",
            "status",
            "stars",
            "certified_at",
            "description",
            "story",
            "ingredients",
            "specification",
            "where_to_buy",
            "slug",
        ]
        export_order = import_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    @classmethod
    def get_display_name(cls):
        return _("Products")

    def get_queryset(self):
        return Product.objects.select_related("cooperative__commune", "product_set__group__sector__scheme")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("cooperative", "product_set__group__sector__scheme").prefetch_related(
            "quality_standards"
        )

    def record_save(self, instance, *, is_create, by):
        from .services.catalog import STAFF_PRODUCT_FIELDS, product_create, product_update

        data = {field: getattr(instance, field) for field in STAFF_PRODUCT_FIELDS}
        if is_create:
            del data["cooperative"]
            saved = product_create(cooperative=instance.cooperative, by=by, data=data)
        else:
            saved = product_update(product=instance, by=by, data=data)
        instance_adopt(instance, saved)

    def find_instance(self, row):
        slug = excel_text(row.get(self.fields["slug"].column_name) or "")
        if slug:
            found = self.get_queryset().filter(slug=slug).first()
            if found:
                return found
        name = excel_text(row.get(self.fields["name"].column_name) or "")
        producer = row.get(self.fields["cooperative"].column_name)
        if not name or is_blank(producer):
            return None
        try:
            cooperative = self.fields["cooperative"].widget.clean(producer)
        except ValidationError:
            return None  # reported on the producer's column
        return self.get_queryset().filter(cooperative=cooperative, name__iexact=name).first()


def product_find(*, slug: str = "", name: str = "", cooperative=None) -> Product:
    """The product a certificate row names: by slug, else by name at the producer, else by a
    name only one product has."""
    products = Product.objects.select_related("cooperative")
    if slug:
        found = products.filter(slug=slug).first()
        if found:
            return found
        raise ValidationError(_("No product has the web address “%(slug)s”."), params={"slug": slug})
    products = products.filter(name__iexact=name)
    if cooperative is not None:
        products = products.filter(cooperative=cooperative)
    found = list(products[:2])
    if len(found) == 1:
        return found[0]
    if found:
        raise ValidationError(
            _("Several products are called “%(name)s”: write the producer too."), params={"name": name}
        )
    raise ValidationError(
        _("No product “%(name)s” at this producer. Add it on the products' sheet first."), params={"name": name}
    )


class StarsWidget(IntegerWidget):
    """4, "4", "4 sao" or "★★★★"."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        text = excel_text(value)
        if "★" in text:
            return text.count("★")
        digits = re.sub(r"\D", "", text)
        if not digits:
            raise ValueError(_("Write the number of stars: 3, 4 or 5."))
        return int(digits)


class ProductCodeWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        return "" if is_blank(value) else normalize_product_code(excel_text(value))


def certificate_by_code(value) -> Certificate:
    code = normalize_product_code(excel_text(value))
    found = Certificate.objects.filter(product_code=code).first()
    if found is None:
        raise ValidationError(_("No certificate has the product code %(code)s."), params={"code": code})
    return found


class CertificateResource(RegistryResource):
    product_code = Column("product_code", pgettext_lazy("spreadsheet column", "OCOP product code"), ProductCodeWidget())
    product = ComputedColumn(pgettext_lazy("spreadsheet column", "Product"), lambda c: c.product.name)
    producer = ComputedColumn(pgettext_lazy("spreadsheet column", "Producer"), lambda c: c.product.cooperative.name)
    product_slug = ComputedColumn(
        pgettext_lazy("spreadsheet column", "Product web address (slug)"), lambda c: c.product.slug
    )
    stars = Column("stars", pgettext_lazy("spreadsheet column", "Stars"), StarsWidget())
    score = Column("score", pgettext_lazy("spreadsheet column", "Score"), DecimalWidget())
    decision_number = Column("decision_number", pgettext_lazy("spreadsheet column", "Decision number"), TextWidget())
    decision_date = Column("decision_date", pgettext_lazy("spreadsheet column", "Decision date"), DateWidget())
    issuer = Column(
        "issuer",
        pgettext_lazy("spreadsheet column", "Certified by"),
        ChoiceWidget(Certificate.Issuer.choices, aliases=ISSUER_ALIASES),
    )
    issuer_name = Column("issuer_name", pgettext_lazy("spreadsheet column", "Issuing body"), TextWidget())
    valid_from = Column("valid_from", pgettext_lazy("spreadsheet column", "Valid from"), DateWidget())
    valid_until = Column("valid_until", pgettext_lazy("spreadsheet column", "Valid until"), DateWidget())
    status = Column(
        "status",
        pgettext_lazy("spreadsheet column", "Status"),
        ChoiceWidget(Certificate.Status.choices, aliases=CERTIFICATE_STATUS_ALIASES),
    )
    revocation_ground = Column(
        "revocation_ground",
        pgettext_lazy("spreadsheet column", "Revocation ground"),
        ChoiceWidget(Certificate.RevocationGround.choices),
    )
    revocation_note = Column("revocation_note", pgettext_lazy("spreadsheet column", "Revocation note"), TextWidget())
    revoked_on = Column("revoked_on", pgettext_lazy("spreadsheet column", "Revoked on"), DateWidget())
    previous = Column(
        "previous",
        pgettext_lazy("spreadsheet column", "Previous certificate (product code)"),
        LookupWidget(find=certificate_by_code, label=lambda c: c.product_code),
    )

    class Meta:
        model = Certificate
        fields = [
            "product_code",
            "product",
            "producer",
            "product_slug",
            "stars",
            "score",
            "decision_number",
            "decision_date",
            "issuer",
            "issuer_name",
            "valid_from",
            "valid_until",
            "status",
            "revocation_ground",
            "revocation_note",
            "revoked_on",
            "previous",
        ]
        export_order = import_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    @classmethod
    def get_display_name(cls):
        return _("OCOP certificates")

    def get_queryset(self):
        return Certificate.objects.select_related("product__cooperative", "previous")

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("product__cooperative", "previous")

    def record_save(self, instance, *, is_create, by):
        from .services.certificates import certificate_save

        certificate_save(certificate=instance, by=by)

    def find_instance(self, row):
        code = ProductCodeWidget().clean(row.get(self.fields["product_code"].column_name))
        return self.get_queryset().filter(product_code=code).first() if code else None

    def _import_product(self, instance, row) -> dict[str, list[str]]:
        slug, name, producer = (self._cell(row, n) for n in ("product_slug", "product", "producer"))
        column = self.fields["product_slug" if slug else "product"].column_name
        if not slug and not name:
            if instance.product_id is None:
                return {column: [str(_("Write the product's name (and its producer) or its web address."))]}
            return {}
        cooperative = None
        if producer and not slug:
            try:
                cooperative = cooperative_find(producer)
            except ValidationError as error:
                return {self.fields["producer"].column_name: error.messages}
        try:
            product = product_find(slug=slug, name=name, cooperative=cooperative)
        except ValidationError as error:
            return {column: error.messages}
        if instance.product_id != product.pk:
            instance.product = product
        return {}

    def _cell(self, row, name) -> str:
        value = row.get(self.fields[name].column_name)
        return "" if is_blank(value) else excel_text(value)

    def import_extra(self, instance, row, *, errors):
        extra = self._import_product(instance, row)
        # The defaults the model applies on save, applied now so they are checked too.
        if instance.decision_date and not instance.valid_from:
            instance.valid_from = instance.decision_date
        if instance.valid_from and not instance.valid_until:
            instance.valid_until = default_valid_until(instance.valid_from)
        return extra
