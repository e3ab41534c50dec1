from django.db import transaction

from ocop_portal.text import fold

from .models import Commune, Province


def admin_units_load(*, province_model=Province, commune_model=Commune) -> tuple[int, int]:
    """Load or refresh every province and commune-level unit from `vietnam-provinces`.

    Idempotent: existing rows (by official code) are updated, none is duplicated. Returns the
    number of provinces and communes. Migrations pass their historical models.
    """
    from vietnam_provinces import Province as VNProvince
    from vietnam_provinces import Ward as VNWard

    provinces = [
        province_model(code=int(p.code), name=p.name, division_type=p.division_type.value)
        for p in VNProvince.iter_all()
    ]
    communes = [
        commune_model(
            code=int(w.code),
            name=w.name,
            division_type=w.division_type.value,
            province_id=int(w.province_code),
            search_text=fold(w.name),
        )
        for w in VNWard.iter_all()
    ]
    with transaction.atomic():
        province_model.objects.bulk_create(
            provinces, update_conflicts=True, unique_fields=["code"], update_fields=["name", "division_type"]
        )
        commune_model.objects.bulk_create(
            communes,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "division_type", "province", "search_text"],
        )
    return len(provinces), len(communes)
