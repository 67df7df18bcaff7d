"""One settings module for every environment, read from the environment (see .env.example).

The defaults give a safe local set-up: SQLite in the project folder, debug off unless asked for.
Production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and the security flags.
"""

import re
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# The fallback key is for local use only; `check --deploy` flags it (security.W009).
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="django-insecure-local-development-key-change-me-in-production-0123456789",
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core.changelist.CheckedAdminConfig",  # django.contrib.admin; its lists refuse bad queries
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "axes",  # sign-in attempts (see "Doors")
    "csp",  # Content-Security-Policy (see "Doors")
    # The project, floor by floor: each imports only the ones above it in this list.
    "core",
    "reference",
    "aircraft",
    "patrols",
    "curation",
    "explorer",  # the public pages (read-only)
    "bench",
]

MIDDLEWARE = [
    # X-Dataset-Version on every API answer, those refused at the edge too
    # (core/dataset_version.py): it only adds a header on the way out.
    "core.dataset_version.DatasetVersionMiddleware",
    # Next: under /api/ it adds a missing trailing slash without a redirect, refuses a body
    # over DATA_UPLOAD_MAX_MEMORY_SIZE (413) and turns every error that is not JSON into JSON.
    "core.middleware.APIEdgeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header, and the nonce templates give their inline code (Doors).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database that is down, stalled or locked: 503 with Retry-After, not a 500 (core/outages.py).
    # Before every middleware that may reach the database (sessions, users, sign-in attempts).
    "core.outages.DatabaseOutageMiddleware",
    # Repeated anonymous API reads answered from the cache, keyed on the data's generation
    # (core/api/response_cache.py); inside the outage middleware, since it reads the database.
    "core.api.response_cache.ResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Attributes every saved version to the signed-in (or API token) user.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page (Doors).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# --- Database --------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while the loader or a curator writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
# Connections are kept between requests (per thread), on both databases: opening one took
# longer than answering a kept answer (SQLite: open, its pragmas, close, about 1.3 ms a
# request, with an empty page cache every time; PostgreSQL: a new backend process). 0: a new
# connection per request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that is down or stalled costs a request seconds, not a worker: connecting gives up
    # after DATABASE_CONNECT_TIMEOUT seconds and a statement is cancelled after
    # DATABASE_STATEMENT_TIMEOUT_MS (0: never); core.outages answers 503 with Retry-After.
    _timeouts = {
        "DATABASE_CONNECT_TIMEOUT": env.int("DATABASE_CONNECT_TIMEOUT", default=3),
        "DATABASE_STATEMENT_TIMEOUT_MS": env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=5000),
    }
    for _name, _value in _timeouts.items():
        if _value < 0:
            raise ImproperlyConfigured(f"{_name}={_value}: use 0 (no limit) or more.")
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options.setdefault("connect_timeout", _timeouts["DATABASE_CONNECT_TIMEOUT"])
    _options["options"] = " ".join(
        [
            *filter(None, [_options.get("options")]),
            f"-c statement_timeout={_timeouts['DATABASE_STATEMENT_TIMEOUT_MS']}",
        ]
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: local memory by default; a shared one (CACHE_URL) when several workers run ------
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis down costs speed, never answers (core/cache.py); OPTIONS may set retry_seconds and
    # redis-py's socket timeouts (CACHE_URL=rediscache://host:6379/1?socket_timeout=1).
    CACHES["default"]["BACKEND"] = "core.cache.FailOpenRedisCache"
# The API's caches, each under an alias of its own: a list page's records kept as their JSON
# (core/api/record_cache.py), a list's count for every page of its filter (count_cache.py) and
# the anonymous answers (response_cache.py). In the shared cache when there is one; in local
# memory, each a bounded store of its own (Django's default holds 300 entries, the throttle's
# among them) that reads a page's keys under one lock (core/cache.py).
API_RECORD_CACHE_SECONDS = env.int("API_RECORD_CACHE_SECONDS", default=3600)
API_RECORD_CACHE_ENTRIES = env.int("API_RECORD_CACHE_ENTRIES", default=20_000)
API_COUNT_CACHE_ENTRIES = env.int("API_COUNT_CACHE_ENTRIES", default=10_000)
API_RESPONSE_CACHE_ENTRIES = env.int("API_RESPONSE_CACHE_ENTRIES", default=500)
for alias, entries in (
    ("records", API_RECORD_CACHE_ENTRIES),
    ("counts", API_COUNT_CACHE_ENTRIES),
    ("answers", API_RESPONSE_CACHE_ENTRIES),
):
    CACHES[alias] = dict(CACHES["default"])
    if CACHES[alias]["BACKEND"].endswith("locmem.LocMemCache"):
        CACHES[alias].update(
            BACKEND="core.cache.LocalMemoryCache",
            LOCATION=f"api-{alias}",
            OPTIONS={"MAX_ENTRIES": entries},
        )

# --- Auth ------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6.0's default, adopted now

# --- Internationalization --------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Dates typed in forms (the admin) are ISO 8601 only, not the locale's 02/01/2024 (config/formats).
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static files: collected and served by whitenoise, compressed and cache-busted -----------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "config" / "static"]  # the site's own (ReDoc's start-up, logo)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("DJANGO_MANIFEST_STATIC", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Security: secure by default once debug is off; TLS-dependent flags set per deployment ---
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first, so an anonymous write is told how to authenticate (401, not 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"
    ],
    # Page numbers, or a cursor walk with ?cursor= (core/api/cursor.py).
    "DEFAULT_PAGINATION_CLASS": "core.api.cursor.PageOrCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttling.AnonymousRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DATETIME_FORMAT": "iso-8601",
    # Proxies in front of the app (1 behind one load balancer): the client address is taken
    # that many hops from the right of X-Forwarded-For, so a client cannot pick its own.
    "NUM_PROXIES": env.int("API_NUM_PROXIES", default=0),
}
# Requests an hour (or /second, /minute, /day) from one anonymous address; empty turns it off.
API_ANON_THROTTLE_RATE = env.str("API_ANON_THROTTLE_RATE", default="3600/hour")
if API_ANON_THROTTLE_RATE and not re.fullmatch(
    r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", API_ANON_THROTTLE_RATE
):
    raise ImproperlyConfigured(
        f"API_ANON_THROTTLE_RATE={API_ANON_THROTTLE_RATE!r}: use a number per second, minute, "
        "hour or day, such as 3600/hour (or leave it empty for no throttling)."
    )

# POST /api/v1/auth/token/ (a user's token for a user name and password): requests from one
# address, throttled apart from the anonymous rate; empty turns it off. Failed sign-ins also
# count towards django-axes' lockout (Doors).
API_TOKEN_THROTTLE_RATE = env.str("API_TOKEN_THROTTLE_RATE", default="10/minute")
if API_TOKEN_THROTTLE_RATE and not re.fullmatch(
    r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", API_TOKEN_THROTTLE_RATE
):
    raise ImproperlyConfigured(
        f"API_TOKEN_THROTTLE_RATE={API_TOKEN_THROTTLE_RATE!r}: use a number per second, minute, "
        "hour or day, such as 10/minute (or leave it empty for no throttling)."
    )

# The function giving the data set's version for X-Dataset-Version (core cannot import curation).
DATASET_VERSION_CALLABLE = "curation.version.current"
# The number every write steps up, which keys the API's answer cache (core/api/response_cache.py).
DATA_GENERATION_CALLABLE = "curation.version.counter"
# How long an anonymous API answer is kept (0: never); a write makes it unreachable at once.
API_RESPONSE_CACHE_SECONDS = env.int("API_RESPONSE_CACHE_SECONDS", default=3600)
API_RESPONSE_CACHE_MAX_BYTES = env.int("API_RESPONSE_CACHE_MAX_BYTES", default=2 * 1024 * 1024)
# How long a list's count is kept for the pages of the same filter (core/api/count_cache.py;
# 0: never); a write makes it unreachable at once.
API_COUNT_CACHE_SECONDS = env.int("API_COUNT_CACHE_SECONDS", default=3600)
# The release the API caches key on (core/api/cache_version.py); empty: a digest of the source.
API_CACHE_VERSION = env.str("API_CACHE_VERSION", default="")

SPECTACULAR_SETTINGS = {
    "TITLE": "Strategic aviation reference API",
    "DESCRIPTION": (
        "Military aircraft types, their capabilities and operators, and the patrols they fly "
        "(above all the China–Russia joint strategic air patrols since July 2019), with the "
        "interceptions and statements that follow. Every record cites its sources; where sources "
        "disagree, the other values are kept as claims. Reads are open; writes need a token or "
        "session of a user with the model's permission."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1/",  # operations are grouped by resource
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ConfidenceEnum": "reference.models.Confidence",
        "OrganizationKindEnum": "reference.models.OrganizationKind",
        "RegionKindEnum": "reference.models.RegionKind",
        "SourceKindEnum": "reference.models.SourceKind",
        "BoundaryStatusEnum": "reference.models.BoundaryStatus",
        "AircraftRoleEnum": "aircraft.models.AircraftRole",
        "WeaponKindEnum": "aircraft.models.WeaponKind",
        "PatrolKindEnum": "patrols.models.PatrolKind",
        "ParticipationRoleEnum": "patrols.models.ParticipationRole",
        "StatementKindEnum": "patrols.models.StatementKind",
        "QualifierEnum": "patrols.figures.Qualifier",
    },
    # One hook per concern, in this order (see core/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.document_errors",
        "core.api.schema.document_change_reason",
        "core.api.schema_conditional.document_conditional_requests",
        "core.api.schema.describe_path_parameters",
        "core.api.schema.document_public_reads",
        "core.api.schema.document_formats",
        "core.api.schema.document_empty_filters",
        "core.api.schema.document_dataset_version",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- History (django-simple-history) and admin import/export (django-import-export) ---------
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = False
IMPORT_EXPORT_USE_TRANSACTIONS = True  # an import with any bad row writes nothing
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Importing and exporting are curators' work: both need the model's change permission.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "change"
# What one import may cost, and where its upload waits for confirmation (core/imports.py): in
# the cache, expiring, so a preview never confirmed leaves no file behind.
SPREADSHEET_IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
SPREADSHEET_IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=2000)  # ~10 s of work
SPREADSHEET_PREVIEW_TIMEOUT = env.int("IMPORT_PREVIEW_TIMEOUT", default=3600)  # seconds
IMPORT_EXPORT_TMP_STORAGE_CLASS = "core.imports.PreviewStorage"

# --- Doors: sign-in attempts (django-axes) and the Content-Security-Policy (django-csp) -------
# A user name that fails DJANGO_LOGIN_FAILURE_LIMIT times from one address is locked out there
# for DJANGO_LOGIN_COOLOFF_MINUTES; a success resets the count. See config/doors.py.
AUTHENTICATION_BACKENDS = [
    "config.doors.LoginAttemptsBackend",  # axes' AxesStandaloneBackend: refuses a locked-out pair
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.doors.client_address"  # the API throttle's reading of proxies
AXES_LOCKOUT_CALLABLE = "config.doors.lockout_response"
# Sign-ins and lockouts are logged (axes.handlers); its start-up banner on every command is not.
LOGGING["loggers"]["axes.apps"] = {"level": "WARNING"}

# Everything comes from this site. Inline <script> and <style> elements run only with the
# request's nonce (the templates in config/templates/ give it). The one compromise: inline style
# *attributes* (style="…" in the browsable API's and some admin add-ons' templates, and set by
# Swagger UI and ReDoc) cannot carry a nonce, so style-src-attr allows them; they cannot run
# script, and script-src has no 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
