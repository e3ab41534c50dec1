"""Settings, driven entirely by environment variables (see README, "Configuration").

`ocop_portal.settings` serves development and production alike; `ocop_portal.settings_test` adds
the few overrides the test suite needs.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

_DEV_SECRET_KEY = "django-insecure-dev-only-key-never-used-with-debug-off"  # noqa: S105
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Public address of the portal, used in emails and printed QR codes (they must never change).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "import_export",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    # Project apps
    "ocop_portal",
    "accounts",
    "places",
    "cooperatives",
    "products",
    "registrations",
    "trainings",
    "fairs",
    "salescentre",
    "plans",
    "showcase",
    "news",
]

MIDDLEWARE = [
    "ocop_portal.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ocop_portal.middleware.ControlCharactersMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ocop_portal.urls"
WSGI_APPLICATION = "ocop_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ocop_portal.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A persistent connection is checked before each request reuses it (a restarted PostgreSQL or a
# dropped connection then costs a reconnect, not an error page).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Wait for a lock instead of failing at once when two requests write together.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery ------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if not DEBUG and not REDIS_URL and not env.bool("REDIS_OPTIONAL", default=False):
    # Without Redis each process has its own cache and runs tasks inside the request: rate
    # limits, the preview of Excel imports and the public-page cache invalidation silently
    # break as soon as there is more than one process. (REDIS_OPTIONAL=1 is for the benchmark
    # and one-off trials only.)
    raise ImproperlyConfigured(
        "REDIS_URL must be set when DEBUG is off (e.g. REDIS_URL=redis://127.0.0.1:6379/0): "
        "the cache, rate limits, Excel import previews and Celery need one Redis shared by every process."
    )
CACHE_KEY_PREFIX = env("CACHE_KEY_PREFIX", default="ocop")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "ocop_portal.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ocop-portal",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
# Anonymous public pages are cached this many seconds (0 turns the page cache off).
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)
# The catalogue's facet counts and category tree, shared by every page and sort of a filter;
# any change to public data makes them stale at once (the cache generation), whatever this says.
CATALOGUE_FACET_CACHE_SECONDS = env.int("CATALOGUE_FACET_CACHE_SECONDS", default=600)
# The staff dashboard's figures are kept this many seconds (0: computed on every visit); a saved
# product, certificate or producer, or an edited target, shows at once whatever this says.
PLANS_DASHBOARD_CACHE_SECONDS = env.int("PLANS_DASHBOARD_CACHE_SECONDS", default=60)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Without Redis there is no worker: tasks run inside the request that queues them.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# A task that runs longer than its soft limit gets SoftTimeLimitExceeded; at the hard limit its
# process is killed. The visibility timeout (after which Redis hands an unacknowledged task to
# another worker) is well above the hard limit, so a running task is never started twice.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "socket_connect_timeout": 3,
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
# JSON only: a pickled message from the broker could run code in the worker.
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BEAT_SCHEDULE: dict = {}  # filled by ocop_portal/celery.py from each app's BEAT_SCHEDULE

# --- Auth -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Failed logins: after AXES_FAILURE_LIMIT failures for one account (or one IP), further
# attempts are refused for AXES_COOLOFF_MINUTES; the owner can also reset the password.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# Who the visitor is: one function for axes and the portal's rate limits (see PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "ocop_portal.ratelimit.client_ip"
AXES_VERBOSE = False
# "User@X.vn" and "user@x.vn" are one account: count their failures together.
AXES_USERNAME_CALLABLE = "accounts.throttling.axes_username"
# Attempts made while locked out do not extend the pause (else the owner retrying stays locked).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A colleague's invitation to a cooperative's space expires after this many days.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=7)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Numbers are grouped only where a template asks for it (`intcomma`, `vnd`, `thousands`, facet
# counts): with the separator on everywhere, English pages wrote ids as "2,632" — in the score
# sheet's radio values and ids, in URLs — and no choice above 999 could be submitted.
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["ocop_portal.formats"]
# Django's Vietnamese locale defines no input formats, so forms fell back to the US ones and
# read "03/04/2026" as 4 March. Vietnamese dates are day first (English keeps its own formats).
# The first one is also what the admin's calendar and "Today" link write.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
import xstatic.pkg.bootstrap  # noqa: E402

# Third-party front-end assets come from Python packages and are served by the portal itself.
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor/bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Private documents (dossiers, attachments): never under MEDIA_URL, served only by views
# that check permission (ocop_portal.files.private_file_response).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))

AWS_STORAGE_BUCKET_NAME = env("S3_BUCKET", default="")
if AWS_STORAGE_BUCKET_NAME:
    # S3-compatible object storage, so that several web servers share the files.
    AWS_S3_ENDPOINT_URL = env("S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("S3_REGION", default=None)
    AWS_ACCESS_KEY_ID = env("S3_ACCESS_KEY_ID", default=None)
    AWS_SECRET_ACCESS_KEY = env("S3_SECRET_ACCESS_KEY", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("S3_CUSTOM_DOMAIN", default=None)
    AWS_S3_FILE_OVERWRITE = False
    # Signature version 4 (the only one AWS accepts in newer regions; version 2 is deprecated).
    AWS_S3_SIGNATURE_VERSION = env("S3_SIGNATURE_VERSION", default="s3v4")
    _media = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": "media", "default_acl": "public-read", "querystring_auth": False},
    }
    _private = {
        "BACKEND": "storages.backends.s3.S3Storage",
        # No public ACL; the portal streams these after a permission check and hands out no URL
        # (a URL the storage would make is signed, expires within 5 minutes, and never goes
        # through S3_CUSTOM_DOMAIN, the public media's domain, where it would not be signed).
        "OPTIONS": {
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "custom_domain": None,
        },
    }
else:
    _media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    _private = {
        "BACKEND": "ocop_portal.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    }
STORAGES = {
    "default": _media,
    "private": _private,
    # An Excel file waits here between the import preview and its confirmation: private, and
    # shared by every web server; unlike the cache it survives a Redis outage.
    "import_export": _private,
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Uploads: limits checked by ocop_portal.uploads (content, size, pixel count).
MAX_IMAGE_UPLOAD_BYTES = env.int("MAX_IMAGE_UPLOAD_BYTES", default=8 * 1024 * 1024)
MAX_DOCUMENT_UPLOAD_BYTES = env.int("MAX_DOCUMENT_UPLOAD_BYTES", default=15 * 1024 * 1024)
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=40_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request body accepted at all (a few photos or a document at their limits, with
# the form), refused before it is read; nginx's client_max_body_size must say the same.
MAX_REQUEST_BODY_BYTES = env.int("MAX_REQUEST_BODY_BYTES", default=32 * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Email ------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="OCOP Liên minh HTX Ninh Bình <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds an SMTP connection may block (connect, each read/write); a hanging server costs one
# attempt, not a stuck worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Attempts per email (1, 2, 4, 8… minutes apart) before it is marked failed in the outbox.
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=6)
# A claim older than this means the sender died mid-send: marked failed, never resent.
EMAIL_STALE_CLAIM_SECONDS = env.int("EMAIL_STALE_CLAIM_SECONDS", default=1800)

# --- Security ---------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "ocop_portal.error_views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Only behind a proxy that sets X-Forwarded-Proto itself (and overwrites what a client sent) may
# the header be trusted; otherwise anyone could claim a request came over HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_PROXY", default=False) else None
# How many reverse proxies append to X-Forwarded-For in front of the portal (nginx alone: 1).
# 0 (the default) trusts no forwarded header: the connection's address is the client's.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Health checks come from the load balancer over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]

# Content-Security-Policy (django-csp): everything comes from the portal itself; a script runs
# only from a file under /static/ or inline with the request's nonce
# (`<script nonce="{{ request.csp_nonce }}">`, see README "Content-Security-Policy"); no page
# may be framed. Inline styles stay allowed (style attributes in templates and the admin).
from csp.constants import NONCE, NONE, SELF  # noqa: E402

_CSP_IMAGES = [SELF, "data:"]
if AWS_STORAGE_BUCKET_NAME:
    _CSP_IMAGES.append(f"https://{AWS_S3_CUSTOM_DOMAIN}" if AWS_S3_CUSTOM_DOMAIN else (AWS_S3_ENDPOINT_URL or "https:"))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": _CSP_IMAGES,
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Forms ------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Import / export, history -----------------------------------------------------------------
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

# --- The portal -------------------------------------------------------------------------------
PORTAL = {
    "NAME": env("PORTAL_NAME", default="Cổng OCOP Liên minh HTX tỉnh Ninh Bình"),
    "ORGANISATION": env("PORTAL_ORGANISATION", default="Liên minh Hợp tác xã tỉnh Ninh Bình"),
    "ADDRESS": env("PORTAL_ADDRESS", default="Ninh Bình, Việt Nam"),
    "PHONE": env("PORTAL_PHONE", default=""),
    "EMAIL": env("PORTAL_EMAIL", default=""),
    "PROVINCE_CODE": env.int("PORTAL_PROVINCE_CODE", default=37),
}

# Attendance certificates of trainings: who signs them for the Alliance, and the place written
# before the date. Each certificate keeps the values it was issued with.
TRAININGS_CERTIFICATE = {
    "SIGNATORY_NAME": env("CERTIFICATE_SIGNATORY_NAME", default=""),
    "SIGNATORY_TITLE": env("CERTIFICATE_SIGNATORY_TITLE", default="Chủ tịch"),
    "PLACE": env("CERTIFICATE_PLACE", default="Ninh Bình"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per task is noise in development, where tasks run inside the request.
        "celery.app.trace": {"level": env("CELERY_TRACE_LOG_LEVEL", default="WARNING")},
    },
}
