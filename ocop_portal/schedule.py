from celery.schedules import crontab

BEAT_SCHEDULE = {
    "send-pending-emails": {"task": "ocop_portal.send_pending_emails", "schedule": crontab(minute="*")},
}
