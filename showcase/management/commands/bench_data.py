"""`manage.py bench_data`: the benchmark's synthetic registry (2,000 producers, 20,000 certified
products). Idempotent; `--reset` rebuilds it; `--targets FILE` writes the URLs to request."""

import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create 2,000 producers and 20,000 certified products for the benchmark (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--cooperatives", type=int, default=2000)
        parser.add_argument("--products", type=int, default=20000)
        parser.add_argument("--reset", action="store_true", help="delete and rebuild the benchmark rows")
        parser.add_argument("--targets", help="write the URLs the benchmark requests to this JSON file")
        parser.add_argument("--sql", help="write each page's SQL time on a cold visit to this JSON file")

    def handle(self, *args, **options):
        from bench.data import bench_data_load, bench_sql, bench_targets
        from showcase.cache import public_pages_invalidate

        bench_data_load(
            cooperatives=options["cooperatives"],
            products=options["products"],
            reset=options["reset"],
            stdout=self.stdout,
        )
        public_pages_invalidate()
        targets = bench_targets()
        if options["targets"]:
            with open(options["targets"], "w", encoding="utf-8") as handle:
                json.dump(targets, handle, ensure_ascii=False, indent=1)
        if options["sql"]:
            with open(options["sql"], "w", encoding="utf-8") as handle:
                json.dump(bench_sql(targets["pages"]), handle, ensure_ascii=False, indent=1)
