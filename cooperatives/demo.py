"""Demo producers for `manage.py load_demo`: every producer named in section III.3 of the seed
plan, with its commune after the 2025 reform and its old-style address (see demo_data.py)."""

from django.core.exceptions import ImproperlyConfigured

from ocop_portal.models import instance_values
from places.models import Commune

from .demo_data import PRODUCERS, DemoProducer
from .models import Cooperative
from .services import cooperative_create

DEMO_ORDER = 10  # before products (20) and accounts (90)


def demo_load(*, stdout) -> None:
    created = cooperatives_demo_load()
    stdout.write(
        f"Chủ thể OCOP (producers): {len(created)} tạo mới (created), "
        f"{len(PRODUCERS) - len(created)} đã có (already there)."
    )


def cooperatives_demo_load() -> list[Cooperative]:
    """Create the demo producers that do not exist yet (natural key: slug).

    Idempotent: an existing producer is left exactly as it is, so a second run changes nothing
    and staff edits survive `make run`. Side effects: inserts Cooperative rows (and their history
    rows). Returns the producers created."""
    communes = Commune.objects.in_bulk([producer.commune_code for producer in PRODUCERS])
    missing = sorted({p.commune_code for p in PRODUCERS} - set(communes))
    if missing:
        raise ImproperlyConfigured(
            f"Communes {missing} are missing: run `manage.py migrate` (places) before load_demo."
        )
    existing = set(Cooperative.objects.filter(slug__in=[p.slug for p in PRODUCERS]).values_list("slug", flat=True))
    created = []
    for producer in PRODUCERS:
        if producer.slug in existing:
            continue
        draft = _cooperative_from(producer, commune=communes[producer.commune_code])
        created.append(cooperative_create(by=None, **instance_values(draft)))
    return created


def _cooperative_from(producer: DemoProducer, *, commune: Commune) -> Cooperative:
    return Cooperative(
        slug=producer.slug,
        name=producer.name,
        kind=producer.kind,
        registration_number=producer.registration_number,
        commune=commune,
        street_address=producer.street_address,
        former_district=producer.former_district,
        former_address=producer.former_address,
        phone=producer.phone,
        email=producer.email,
        members_count=producer.members_count,
        is_alliance_member=True,
        ocop_joined_year=2019,  # named in the 2019–2020 plan
        description=producer.description,
        status=Cooperative.Status.ACTIVE,
    )
