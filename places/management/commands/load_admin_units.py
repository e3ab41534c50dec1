from django.core.management.base import BaseCommand

from places.services import admin_units_load


class Command(BaseCommand):
    help = "Load or refresh provinces and commune-level units from the vietnam-provinces package."

    def handle(self, *args, **options):
        provinces, communes = admin_units_load()
        self.stdout.write(f"{provinces} provinces, {communes} commune-level units.")
