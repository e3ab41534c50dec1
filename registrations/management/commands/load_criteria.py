"""manage.py load_criteria — load the criteria sets and score sheets shipped in
registrations/data/criteria/ (idempotent; `make run` and the production steps call it)."""

from django.core.management.base import BaseCommand, CommandError

from ocop_portal.errors import ApplicationError
from registrations.services.criteria import criteria_sets_load


class Command(BaseCommand):
    help = "Load the official score sheets shipped with the portal (idempotent; see README, score sheets)."

    def handle(self, *args, **options):
        try:
            reports = criteria_sets_load()
        except ApplicationError as error:
            raise CommandError(error.message)
        for report in reports:
            for line in report.lines():
                self.stdout.write(line)
