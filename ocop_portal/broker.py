"""Queueing Celery tasks so that a broker outage never undoes or refuses a write."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def task_queue_on_commit(task, *args) -> None:
    """Queue `task(*args)` once the current transaction commits (at once outside one).

    If the broker cannot be reached, a warning is logged and the caller goes on: the write is
    already committed, and every task the portal queues has a fallback (the beat task for
    emails; pages show the original image until a photo's thumbnails exist)."""

    def queue():
        try:
            task.delay(*args)
        except Exception:  # noqa: BLE001 — broker down
            logger.warning("Broker unreachable: task %s%r not queued", task.name, args, exc_info=True)

    transaction.on_commit(queue)
