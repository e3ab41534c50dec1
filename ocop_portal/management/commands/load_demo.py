"""Load the demo data: every app may have a `demo.py` with `demo_load(*, stdout) -> None`
and an optional `DEMO_ORDER` (default 50; lower runs first, ties in INSTALLED_APPS order).
Each must be idempotent: `make run` calls this every time."""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the seed plan's cooperatives and products and the demo accounts (idempotent)."

    def handle(self, *args, **options):
        modules = []
        for config in apps.get_app_configs():
            try:
                modules.append(importlib.import_module(f"{config.name}.demo"))
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
        for module in sorted(modules, key=lambda m: getattr(m, "DEMO_ORDER", 50)):
            with transaction.atomic():
                module.demo_load(stdout=self.stdout)
