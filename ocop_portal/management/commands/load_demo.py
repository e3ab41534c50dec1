"""Load the demo data: every app may have a `demo.py` with `demo_load(*, stdout)` and an
optional `DEMO_ORDER` (default 50; lower runs first, ties in INSTALLED_APPS order). Each must be
idempotent: `make run` calls this every time. Text a loader returns (the demo logins) is printed
after everything else, so it is the last thing on the screen."""

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
        summaries = []
        for module in sorted(modules, key=lambda m: getattr(m, "DEMO_ORDER", 50)):
            with transaction.atomic():
                summary = module.demo_load(stdout=self.stdout)
            if summary:
                summaries.append(summary)
        for summary in summaries:
            self.stdout.write(summary)
