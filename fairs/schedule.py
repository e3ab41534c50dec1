from celery.schedules import crontab

BEAT_SCHEDULE = {
    # 07:00 Asia/Ho_Chi_Minh (CELERY_TIMEZONE), every day.
    "fairs-reminders-daily": {"task": "fairs.reminders_daily", "schedule": crontab(hour=7, minute=0)},
}
