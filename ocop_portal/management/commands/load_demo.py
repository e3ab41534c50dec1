"""Load the demo data: every app may have a `demo.py` with `demo_load(*, stdout) -> None`,
run here in INSTALLED_APPS order (so producers come before products, products before dossiers).
Each must be idempotent: `make run` calls this every time."""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the seed plan's cooperatives and products and the demo accounts (idempotent)."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                module.demo_load(stdout=self.stdout)
