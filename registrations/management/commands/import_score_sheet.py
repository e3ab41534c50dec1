"""manage.py import_score_sheet <file> --product-set 03 --version qd148-2023 [--replace] [--inactive]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ocop_portal.errors import ApplicationError
from products.models import ProductSet
from registrations.models import CriteriaVersion
from registrations.services.sheets_import import score_sheet_import


class Command(BaseCommand):
    help = "Import the score sheet of one product set from a CSV or .xlsx file (see README, workflow)."

    def add_base_argument(self, parser, *args, **kwargs):
        # --version names the criteria version here, not Django's version.
        if "--version" in args:
            return
        super().add_base_argument(parser, *args, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="CSV (UTF-8) or .xlsx with the columns title, description, level, stars, score"
        )
        parser.add_argument("--product-set", required=True, help="the set's number, e.g. 03")
        parser.add_argument(
            "--version", dest="criteria_version", required=True, help="criteria version code, e.g. qd148-2023"
        )
        parser.add_argument("--replace", action="store_true", help="replace an earlier import not yet used by dossiers")
        parser.add_argument("--inactive", action="store_true", help="import without using it for new dossiers")

    def handle(self, *args, file, product_set, criteria_version, replace, inactive, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        version = CriteriaVersion.objects.filter(code=criteria_version).select_related("scheme").first()
        if version is None:
            known = ", ".join(CriteriaVersion.objects.values_list("code", flat=True)) or "—"
            raise CommandError(f"Unknown criteria version {criteria_version!r} (known: {known}); add it in the admin.")
        code = product_set.zfill(2)
        found = ProductSet.objects.filter(code=code, group__sector__scheme=version.scheme).first()
        if found is None:
            raise CommandError(f"No product set {code} in the classification {version.scheme.code}.")
        try:
            sheet = score_sheet_import(
                data=path.read_bytes(),
                file_name=path.name,
                product_set=found,
                version=version,
                replace=replace,
                activate=not inactive,
            )
        except ApplicationError as error:
            raise CommandError(error.message)
        parts = ", ".join(f"{p.code} {p.max_points.normalize():f}" for p in sheet.parts.all())
        self.stdout.write(self.style.SUCCESS(f"Imported {sheet}: parts {parts}; {sheet.criteria.count()} criteria."))
        for warning in sheet.warnings:
            self.stdout.write(f"  row {warning['row']}: {warning['note']}")
