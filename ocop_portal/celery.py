"""The Celery app. Each Django app may define BEAT_SCHEDULE in its tasks module's package
(`<app>/schedule.py`), merged here so the schedule lives next to the tasks it runs."""

import importlib
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop_portal.settings")

app = Celery("ocop_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _merge_beat_schedules(sender, **kwargs):
    from django.apps import apps

    schedule = dict(sender.conf.beat_schedule or {})
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.schedule")
        except ModuleNotFoundError:
            continue
        schedule.update(getattr(module, "BEAT_SCHEDULE", {}))
    sender.conf.beat_schedule = schedule
