import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'cache': s.CACHES['default']['BACKEND'], 'broker': s.CELERY_BROKER_URL, "
    "'eager': s.CELERY_TASK_ALWAYS_EAGER, 'db': s.DATABASES['default']['ENGINE'], 'debug': s.DEBUG, "
    "'email': s.EMAIL_BACKEND, 'private': s.STORAGES['private']['BACKEND'], 'media': s.STORAGES['default']['BACKEND']}))"
)


def _settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "S3_BUCKET", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="ocop_portal.settings")
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PROBE}"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    return result


def test_settings_without_redis_run_tasks_eagerly_with_local_cache():
    result = _settings(DEBUG="1")
    values = json.loads(result.stdout)
    assert values["cache"].endswith("LocMemCache")
    assert values["broker"] == "memory://"
    assert values["eager"] is True
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["email"].endswith("console.EmailBackend")


def test_settings_with_redis_use_it_for_cache_and_broker():
    result = _settings(DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/3")
    values = json.loads(result.stdout)
    assert values["cache"] == "ocop_portal.redis_cache.SharedClientRedisCache"
    assert values["broker"] == "redis://127.0.0.1:6379/3"
    assert values["eager"] is False


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off():
    result = _settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_settings_refuse_to_start_without_redis_when_debug_is_off():
    result = _settings(DEBUG="0", SECRET_KEY="k" * 60, ALLOWED_HOSTS="ocop.example.vn")

    assert result.returncode != 0
    assert "REDIS_URL must be set when DEBUG is off" in result.stderr


def test_production_settings_for_celery_and_the_database():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps({'soft': s.CELERY_TASK_SOFT_TIME_LIMIT, 'hard': s.CELERY_TASK_TIME_LIMIT, "
            "'visibility': s.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'], "
            "'accept': s.CELERY_ACCEPT_CONTENT, 'serializer': s.CELERY_TASK_SERIALIZER, "
            "'health': s.DATABASES['default']['CONN_HEALTH_CHECKS'], 'email_timeout': s.EMAIL_TIMEOUT}))",
        ],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
            "DEBUG": "0",
            "SECRET_KEY": "k" * 60,
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "DJANGO_SETTINGS_MODULE": "ocop_portal.settings",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    values = json.loads(result.stdout)

    assert 0 < values["soft"] < values["hard"] < values["visibility"]
    assert values["accept"] == ["json"] and values["serializer"] == "json"
    assert values["health"] is True
    assert values["email_timeout"] > 0


def test_settings_with_s3_bucket_store_media_and_private_files_in_object_storage():
    result = _settings(DEBUG="1", S3_BUCKET="ocop-media")
    values = json.loads(result.stdout)
    assert values["media"] == "storages.backends.s3.S3Storage"
    assert values["private"] == "storages.backends.s3.S3Storage"


@pytest.mark.parametrize("debug", ["0"])
def test_production_settings_pass_check_deploy(debug):
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DEBUG=debug,
        REDIS_URL="redis://127.0.0.1:6379/0",  # only read: check --deploy connects to nothing
        SECRET_KEY="k" * 60 + "-Prod-Like-9",
        ALLOWED_HOSTS="ocop.example.vn",
        DJANGO_SETTINGS_MODULE="ocop_portal.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
