from celery.schedules import crontab

BEAT_SCHEDULE = {
    # 01:30 Asia/Ho_Chi_Minh (CELERY_TIMEZONE), every day.
    "certificates-daily": {"task": "registrations.certificates_daily", "schedule": crontab(hour=1, minute=30)},
}
