"""Loading the criteria sets shipped with the portal (registrations/data/criteria/<code>/):
each folder holds `criteria.toml` (the version, its bands, the certificates' validity and the
file of each product set) and the sheets. `criteria_sets_load` is idempotent — `make run` and
the production steps call it after `migrate` (manage.py load_criteria):

- the criteria version is created from the manifest once; afterwards it is staff's data;
- a product set without a sheet in that version gets it, active when the set has no active
  sheet yet or only one of an older version (a new criteria set takes over new dossiers);
- a sheet already loaded from the same file (same SHA-256) is left alone;
- a sheet whose shipped file changed, or one imported by hand, is replaced while no dossier
  uses it; once dossiers are scored on it, it is never touched (the change belongs in a new
  criteria version) and the report says so.
Everything is loaded in one transaction per criteria set: a broken file loads nothing."""

import datetime
import hashlib
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ocop_portal.errors import ApplicationError
from products.models import ClassificationScheme, ProductSet
from registrations.models import CriteriaVersion, ScoreSheet

from .sheets_import import score_sheet_import

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "criteria"
MANIFEST = "criteria.toml"


@dataclass
class CriteriaSetReport:
    code: str
    version_created: bool = False
    created: list = field(default_factory=list)
    replaced: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # (set code, why)

    def lines(self) -> list[str]:
        lines = [
            f"{self.code}: {len(self.created)} sheet(s) loaded, {len(self.replaced)} replaced, "
            f"{len(self.unchanged)} unchanged" + (" (criteria version created)" if self.version_created else "")
        ]
        lines += [f"  {code}: kept as it is — {why}" for code, why in self.kept]
        return lines


def criteria_folders(root: Path = DATA_DIR) -> list[Path]:
    return sorted(p.parent for p in root.glob(f"*/{MANIFEST}"))


def manifest_read(folder: Path) -> dict:
    try:
        manifest = tomllib.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ApplicationError(f"{folder / MANIFEST}: {error}")
    missing = [key for key in ("code", "name", "scheme", "sheets") if key not in manifest]
    if missing:
        raise ApplicationError(f"{folder / MANIFEST}: missing {', '.join(missing)}")
    return manifest


def criteria_sets_load(*, root: Path = DATA_DIR, by=None) -> list[CriteriaSetReport]:
    """Load every criteria set shipped under `root`. Side effects: criteria versions and score
    sheets created or replaced as the module docstring says. Raises ApplicationError (a broken
    manifest or sheet; nothing of that set is saved)."""
    return [criteria_set_load(folder=folder, by=by) for folder in criteria_folders(root)]


def criteria_set_load(*, folder: Path, by=None) -> CriteriaSetReport:
    manifest = manifest_read(folder)
    report = CriteriaSetReport(code=manifest["code"])
    with transaction.atomic():
        version = _version(manifest, report)
        version = CriteriaVersion.objects.select_for_update().get(pk=version.pk)  # one loader at a time
        for set_code, file_name in sorted(manifest["sheets"].items()):
            _sheet_load(folder / file_name, set_code=set_code, version=version, report=report, by=by)
    return report


def _version(manifest: dict, report: CriteriaSetReport) -> CriteriaVersion:
    version = CriteriaVersion.objects.filter(code=manifest["code"]).first()
    if version is not None:
        return version
    scheme = ClassificationScheme.objects.filter(code=manifest["scheme"]).first()
    if scheme is None:
        raise ApplicationError(f"{manifest['code']}: no classification scheme {manifest['scheme']!r}")
    bands = {int(stars): Decimal(str(points)) for stars, points in manifest.get("bands", {}).items()}
    valid_from = manifest.get("valid_from")
    version = CriteriaVersion(
        code=manifest["code"],
        name=manifest["name"],
        scheme=scheme,
        valid_from=valid_from if isinstance(valid_from, datetime.date) else None,
        certificate_validity_months=manifest.get("certificate_validity_months", 36),
        **{f"band_{stars}": points for stars, points in bands.items()},
    )
    version.full_clean()
    version.save()
    report.version_created = True
    return version


def _sheet_load(path: Path, *, set_code: str, version: CriteriaVersion, report: CriteriaSetReport, by) -> None:
    product_set = ProductSet.objects.filter(code=set_code, group__sector__scheme_id=version.scheme_id).first()
    if product_set is None:
        raise ApplicationError(f"{path.name}: no product set {set_code} in the classification {version.scheme}")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    existing = ScoreSheet.objects.filter(version=version, product_set=product_set).first()
    if existing is not None and existing.source_digest == digest:
        report.unchanged.append(set_code)
        return
    if existing is not None:
        used = existing.registrations.count()
        if used:
            report.kept.append(
                (
                    set_code,
                    _("%(count)s dossier(s) are scored on it; a changed sheet belongs in a new criteria version.")
                    % {"count": used},
                )
            )
            return
        activate = existing.is_active
    else:
        current = ScoreSheet.objects.active().filter(product_set=product_set).select_related("version").first()
        activate = current is None or _older(current.version, version)
    score_sheet_import(
        data=data,
        file_name=path.name,
        product_set=product_set,
        version=version,
        by=by,
        replace=existing is not None,
        activate=activate,
        digest=digest,
    )
    (report.replaced if existing is not None else report.created).append(set_code)


def _older(current: CriteriaVersion, new: CriteriaVersion) -> bool:
    if new.valid_from is None:
        return False
    return current.valid_from is None or current.valid_from < new.valid_from
