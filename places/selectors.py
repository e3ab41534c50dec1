"""Finding a commune the way people write it: an official code, a name with or without
"Xã"/"Phường", or an old-style address from before the 2025 reform."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from ocop_portal.text import fold

from .models import Commune, Province

# "Xã Khánh Trung (14608)" as exported, or a bare code.
_CODE_AT_END = re.compile(r"\((\d{3,5})\)\s*$")
_UNIT_PREFIXES = ("xa ", "phuong ", "dac khu ", "thi tran ")


@dataclass(frozen=True)
class CommuneMatch:
    """A commune found for a piece of text; for an old address, what the address said too."""

    commune: Commune
    former_district: str = ""
    former_address: str = ""
    street: str = ""


def portal_province_code() -> int:
    return settings.PORTAL["PROVINCE_CODE"]


def portal_first_ordering(prefix: str = ""):
    """An order_by() term putting the portal province's communes first."""
    return Case(
        When(**{f"{prefix}province_id": portal_province_code()}, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    ).asc()


def communes_portal_first(queryset=None):
    """Communes with the portal province's ones first, then by name."""
    queryset = Commune.objects.all() if queryset is None else queryset
    return queryset.order_by(portal_first_ordering(), "name")


def commune_label(commune: Commune | None) -> str:
    """How a commune is written in lists and spreadsheets: "Xã Khánh Trung (14608)"."""
    if commune is None:
        return ""
    return f"{commune.name} ({commune.code})"


def _bare_name(folded: str) -> str:
    for prefix in _UNIT_PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


def commune_find(value, *, province_code: int | None = None) -> CommuneMatch | None:
    """The commune `value` names, or None for an empty value.

    Accepts an official code ("14608", also as an Excel number), "Xã Khánh Trung (14608)",
    a name within the portal province with or without diacritics and unit type ("khanh trung"),
    or an old-style address with commas ("Khánh Thành, Yên Khánh, Ninh Bình"), converted with
    `vietnamadminunits`. Raises ValidationError with a message for the person who typed it."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"\s+", " ", str(value)).strip()
    if not text:
        return None
    province_code = province_code or portal_province_code()

    code_match = _CODE_AT_END.search(text)
    code = text if text.isdigit() else (code_match.group(1) if code_match else None)
    if code:
        commune = Commune.objects.filter(code=int(code)).first()
        if commune is None:
            raise ValidationError(_("No commune or ward has the official code %(code)s."), params={"code": code})
        return CommuneMatch(commune=commune)

    if "," in text:
        return old_address_convert(text, province_code=province_code)

    bare = _bare_name(fold(text))
    candidates = list(
        Commune.objects.filter(province_id=province_code).filter(
            search_text__in=[bare, *(prefix + bare for prefix in _UNIT_PREFIXES)]
        )
    )
    if len(candidates) == 1:
        return CommuneMatch(commune=candidates[0])
    if len(candidates) > 1:
        raise ValidationError(
            _("Several communes or wards are called “%(name)s”: write the official code instead (%(codes)s)."),
            params={"name": text, "codes": ", ".join(commune_label(c) for c in candidates)},
        )
    province = Province.objects.filter(code=province_code).first()
    raise ValidationError(
        _(
            "No commune or ward called “%(name)s” in %(province)s. Write its official code (e.g. 14608) "
            "or the address before the 2025 reform: commune, district, province."
        ),
        params={"name": text, "province": province.name if province else province_code},
    )


def old_address_convert(address: str, *, province_code: int | None = None) -> CommuneMatch:
    """Convert an address written before the 2025 reform ("Khánh Thành, Yên Khánh, Ninh Bình")
    into today's commune-level unit, keeping the old district as text and any street part."""
    from vietnamadminunits import convert_address

    province_code = province_code or portal_province_code()
    try:
        unit = convert_address(address)
    except Exception:  # the package raises plain exceptions on text it cannot parse
        unit = None
    ward_code = getattr(unit, "ward_code", None)
    if not ward_code:
        raise ValidationError(
            _(
                "Cannot find the commune of the old address “%(address)s”. Write it as commune, district, "
                "province (e.g. Khánh Thành, Yên Khánh, Ninh Bình) or give the new commune's official code."
            ),
            params={"address": address},
        )
    # The converter's codes do not always agree with the official list the portal loads from
    # `vietnam-provinces` (e.g. Xã Khánh Hội: 14614 there, 14599 here; several wards of the former
    # Hà Nam and Nam Định are shifted), so the unit is found by its name in the province and the
    # code is used only when the name does not settle it.
    by_name = list(Commune.objects.filter(province_id=province_code, search_text=fold(getattr(unit, "ward", "") or "")))
    commune = by_name[0] if len(by_name) == 1 else Commune.objects.filter(code=int(ward_code)).first()
    if commune is None or commune.province_id != province_code:
        province = Province.objects.filter(code=province_code).first()
        raise ValidationError(
            _("The old address “%(address)s” is not in %(province)s."),
            params={"address": address, "province": province.name if province else province_code},
        )
    old = getattr(unit, "OldAdminUnit", None)
    former_district = ""
    if old is not None and getattr(old, "short_district", None):
        # Written as the demo data and the seed plan write it: "huyện Yên Khánh".
        former_district = f"{(old.district_type or '').lower()} {old.short_district}".strip()
    return CommuneMatch(
        commune=commune,
        former_district=former_district,
        former_address=address,
        street=unit.street or "",
    )
