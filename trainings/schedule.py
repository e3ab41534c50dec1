from celery.schedules import crontab

BEAT_SCHEDULE = {
    # 08:00 Asia/Ho_Chi_Minh (CELERY_TIMEZONE), every day.
    "trainings-session-reminders": {"task": "trainings.session_reminders", "schedule": crontab(hour=8, minute=0)},
}
