"""Test settings: the environment's DATABASE_URL / REDIS_URL still choose the real services."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from ocop_portal.settings import *  # noqa: E402, F403
from ocop_portal.settings import CACHES, REDIS_URL, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_PRIVATE = {
    "BACKEND": "ocop_portal.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": tempfile.mkdtemp(prefix="ocop-private-")},
}
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": _PRIVATE,
    "import_export": _PRIVATE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="ocop-media-")
SECURE_SSL_REDIRECT = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run inline in tests; with REDIS_URL the cache (rate limits, page cache) is real Redis.
CELERY_TASK_ALWAYS_EAGER = True
# Factories write rows without the services that bump the cache generation: the dashboard's
# figures are computed on every visit in tests but the ones that switch the cache on.
PLANS_DASHBOARD_CACHE_SECONDS = 0
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = f"ocop-test-{os.getpid()}"
AXES_ENABLED = True
