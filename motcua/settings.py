"""MotCua settings, read from the environment (django-environ).

Every value a deployment changes comes from an environment variable; the defaults give the
embedded set-up: SQLite, Celery tasks run in-process after commit, mail to the console.
"""

import urllib.parse
from pathlib import Path

import environ

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from motcua.celery_settings import (
    PUBLISH_RETRY_POLICY,
    TASK_ROUTES,
    beat_schedule,
    broker_timeouts,
)
from motcua.secret import development_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (export SECRET_KEY=... or DEBUG=1)."
        )
    # Random, made once into a git-ignored file and reused (motcua.secret); never a constant.
    SECRET_KEY = development_secret_key(
        env.path("SECRET_KEY_FILE", default=BASE_DIR / "var" / "secret_key")
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "motcua.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "health_check",
    "agencies",
    "accounts",
    "procedures",
    "signing",
    "dossiers",
    "satisfaction",
    "payments",
    "notifications",
    "reports",
    "motcua",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "motcua.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session reads its cookie; its field check runs as the view is called.
    "motcua.middleware.InputCheckMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accounts.sessions.StaffIdleTimeoutMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "motcua.context_processors.site",
                "notifications.context_processors.unread",
            ],
        },
    },
]

WSGI_APPLICATION = "motcua.wsgi.application"
ASGI_APPLICATION = "motcua.asgi.application"
FORM_RENDERER = "motcua.form_renderer.PlainRenderer"  # Django's widgets, in Python (same HTML)

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
# Persistent connections: on PostgreSQL a web or worker process keeps its connection this many
# seconds (a new one costs more than most pages), checked before reuse (CONN_HEALTH_CHECKS: a
# restarted PostgreSQL costs one reconnect, not one failed request). SQLite opens in
# microseconds: one connection per request, as before. CONN_MAX_AGE=0 turns it off.
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0 if _SQLITE else 60)
)
DATABASES["default"].setdefault(
    "CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS", default=not _SQLITE)
)
if _SQLITE:
    # Wait for a writer instead of failing at once; WAL lets readers go on meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out account or client before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PhoneOrCitizenIdBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env.bool("TESTING", default=False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded dossier documents: private, never under STATIC_ROOT, served by a checked view.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media-not-served/"

# --- Cache (rate limits, holiday table) -------------------------------------------------------
# An accelerator, never a dependency: with Redis unreachable every page still works (motcua.cache).
REDIS_URL = env.str("REDIS_URL", default="")
# Seconds to wait for Redis (cache and broker) before going on without it.
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=1.0)
# After Redis failed to answer, a process asks it again at most once per this many seconds.
REDIS_RETRY_AFTER = env.float("REDIS_RETRY_AFTER", default=30.0)
if REDIS_URL and env.bool("CACHE_IN_REDIS", default=True):
    CACHES = {
        "default": {
            "BACKEND": "motcua.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "motcua",
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The public catalog (its pages and the site's name) is cached until an administrator edits it
# (motcua.cache.Generation). A cache in local memory is one per process: other processes see an
# edit when their copy expires, so it is kept a few seconds only there.
_SHARED_CACHE = CACHES["default"]["BACKEND"] == "motcua.cache.RedisCache"
CATALOG_CACHE_SECONDS = env.int("CATALOG_CACHE_SECONDS", default=3600 if _SHARED_CACHE else 10)

# --- Celery -----------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
# No broker: tasks run in-process (eagerly). Callers queue them with transaction.on_commit.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# A worker keeps its database connection across tasks (motcua.celery), renewed every 1000.
CELERY_DB_REUSE_MAX = 1000

# --- Email ------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
if EMAIL_CONFIG["EMAIL_BACKEND"].endswith(".filebased.EmailBackend"):
    # django-environ reads filemail:///srv/mail as the relative "srv/mail": the folder is what
    # follows "filemail://", so filemail:///srv/mail is absolute and filemail://var/mail is not.
    _mail_url = urllib.parse.urlsplit(env.str("EMAIL_URL"))
    EMAIL_CONFIG["EMAIL_FILE_PATH"] = urllib.parse.unquote(_mail_url.netloc + _mail_url.path)
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="MotCua <no-reply@motcua.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (all on when DEBUG is off) ------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Docker probes the container over plain HTTP (motcua.health); the proxy never forwards /healthz.
SECURE_REDIRECT_EXEMPT = [r"^healthz/"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)

# --- Domain settings (config: provinces differ) -----------------------------------------------
SITE_NAME = env.str("SITE_NAME", default="Một cửa số")
# Office hours: a working day is the sum of these periods (07:00-11:30 + 13:30-17:00 = 8 h).
OFFICE_HOURS = [("07:00", "11:30"), ("13:30", "17:00")]
SAME_DAY_DEFAULT_CUTOFF = "15:00"
# Years whose Vietnamese public holidays are copied from the `holidays` package into the table.
HOLIDAY_YEARS = (2024, 2030)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # keeps failures and lockouts, not every sign-in
    },
}
# Name in the page header when nobody from an agency is signed in; empty: the top agency's name.
SITE_AGENCY_NAME = env.str("SITE_AGENCY_NAME", default="")
# Largest file a citizen may attach to a dossier.
DOSSIER_MAX_UPLOAD_BYTES = env.int("DOSSIER_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
# Quotas (dossiers/attachments.py): files and bytes per dossier, bytes per person and day.
DOSSIER_MAX_FILES = env.int("DOSSIER_MAX_FILES", default=30)
DOSSIER_MAX_TOTAL_BYTES = env.int("DOSSIER_MAX_TOTAL_BYTES", default=100 * 1024 * 1024)
USER_DAILY_UPLOAD_BYTES = env.int("USER_DAILY_UPLOAD_BYTES", default=300 * 1024 * 1024)
# More files than a dossier holds in one request is refused before they are read.
DATA_UPLOAD_MAX_NUMBER_FILES = DOSSIER_MAX_FILES
# After documents are supplemented to an accepted dossier: "restart" counts the processing time
# anew from that moment; "pause" extends the due date by the office time spent waiting.
DOSSIER_SUPPLEMENT_CLOCK = env.str("DOSSIER_SUPPLEMENT_CLOCK", default="restart")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Live report PDFs printed in the request (no broker, or the broker down): at most this many
# at a time per leader; beyond, a "please wait" page (reports.live).
REPORT_RENDERS_PER_USER = env.int("REPORT_RENDERS_PER_USER", default=2)
# Rate limits (tries per minute per client) and the number of reverse proxies in front of us.
LOOKUP_RATE_LIMIT = env.int("LOOKUP_RATE_LIMIT", default=10)
RATELIMIT_TRUSTED_PROXIES = env.int("RATELIMIT_TRUSTED_PROXIES", default=0)

# --- Signed electronic results (signing) ------------------------------------------------------
# The agency's certificate: a PKCS#12 file and its password. `manage.py
# create_signing_certificate` makes a development CA and certificate at this path.
SIGNING_PKCS12_PATH = env.path(
    "SIGNING_PKCS12_PATH", default=BASE_DIR / "var" / "signing" / "agency.p12"
)
SIGNING_PKCS12_PASSWORD = env.str(
    "SIGNING_PKCS12_PASSWORD", default="motcua-dev-signing" if DEBUG else ""
)
# Root certificates (PEM or DER files) the verification page trusts.
SIGNING_TRUST_ROOTS = env.list(
    "SIGNING_TRUST_ROOTS", default=[str(BASE_DIR / "var" / "signing" / "ca.pem")]
)
SIGNING_VERIFY_RATE_LIMIT = env.int("SIGNING_VERIFY_RATE_LIMIT", default=20)
SIGNING_VERIFY_MAX_BYTES = env.int("SIGNING_VERIFY_MAX_BYTES", default=20 * 1024 * 1024)

# --- Fees paid online (payments) --------------------------------------------------------------
# The agency's bank account for VietQR transfers (NAPAS BIN of the bank, account, name).
VIETQR_BANK_BIN = env.str("VIETQR_BANK_BIN", default="")
VIETQR_ACCOUNT_NUMBER = env.str("VIETQR_ACCOUNT_NUMBER", default="")
VIETQR_ACCOUNT_NAME = env.str("VIETQR_ACCOUNT_NAME", default="")
VIETQR_BANK_NAME = env.str("VIETQR_BANK_NAME", default="")
# The bank's credit notifications are signed with HMAC-SHA256 and this secret; empty: no webhook.
BANK_WEBHOOK_SECRET = env.str("BANK_WEBHOOK_SECRET", default="")
# VNPay (API 2.1.0): terminal code, hash secret, payment page.
VNPAY_TMN_CODE = env.str("VNPAY_TMN_CODE", default="")
VNPAY_HASH_SECRET = env.str("VNPAY_HASH_SECRET", default="")
VNPAY_PAYMENT_URL = env.str(
    "VNPAY_PAYMENT_URL", default="https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
)
# The card or e-wallet gateway class; empty: no card payment offered.
PAYMENT_GATEWAY = env.str(
    "PAYMENT_GATEWAY",
    default="payments.gateways.vnpay.VNPayGateway" if VNPAY_TMN_CODE else "",
)

# --- Notifications: an outbox sent by Celery (SMS, email, in-app) -----------------------------
# README "Notifications: SMS and email settings" explains each value.

# Absolute links in messages (the rating link, the dossier page) start with this.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_TOKEN = env.str("SMS_GATEWAY_TOKEN", default="")
SMS_BRAND_NAME = env.str("SMS_BRAND_NAME", default="MOTCUA")
SMS_TIMEOUT = env.float("SMS_TIMEOUT", default=10.0)
# The development backend writes one JSON line per message in this folder.
SMS_FILE_PATH = env.path("SMS_FILE_PATH", default=BASE_DIR / "var" / "sms")
SMS_BACKEND = env.str(
    "SMS_BACKEND",
    default=f"notifications.sms.{'GatewayBackend' if SMS_GATEWAY_URL else 'FileBackend'}",
)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Retries after the first attempt, with backoff 30 s, 60 s, 120 s, ... (capped); then "failed".
NOTIFICATION_MAX_RETRIES = env.int("NOTIFICATION_MAX_RETRIES", default=5)
NOTIFICATION_RETRY_BACKOFF = env.int("NOTIFICATION_RETRY_BACKOFF", default=30)
NOTIFICATION_RETRY_BACKOFF_MAX = env.int("NOTIFICATION_RETRY_BACKOFF_MAX", default=3600)
# The sweep queues again rows still pending this many seconds after their attempt was due.
NOTIFICATION_SWEEP_AFTER = env.int("NOTIFICATION_SWEEP_AFTER", default=60)
# A sweep drains every row due, in batches, for at most this many seconds (then the next one).
NOTIFICATION_SWEEP_SECONDS = env.int("NOTIFICATION_SWEEP_SECONDS", default=50)
# A send task starts rows of its batch (up to 50) for this many seconds, then queues the rest.
NOTIFICATION_BATCH_SECONDS = env.int("NOTIFICATION_BATCH_SECONDS", default=20)
OFFICER_DIGEST_HOUR = env.int("OFFICER_DIGEST_HOUR", default=7)

# Queues, the beat schedule and the broker's timeouts: motcua/celery_settings.py.
CELERY_TASK_ROUTES = TASK_ROUTES
CELERY_BEAT_SCHEDULE = beat_schedule(officer_digest_hour=OFFICER_DIGEST_HOUR)
# Beat ticks at least once a minute and touches this file each time (motcua.beat); the beat
# container's healthcheck reads its age.
CELERY_BEAT_MAX_LOOP_INTERVAL = 60
BEAT_HEARTBEAT_FILE = env.path("BEAT_HEARTBEAT_FILE", default=BASE_DIR / "var" / "beat-heartbeat")
CELERY_TASK_PUBLISH_RETRY_POLICY = PUBLISH_RETRY_POLICY
CELERY_BROKER_TRANSPORT_OPTIONS = broker_timeouts(CELERY_BROKER_TRANSPORT_OPTIONS, REDIS_TIMEOUT)

# --- Identity: phone codes, sign-in throttling, sessions --------------------------------------
# README "Accounts, codes and sign-in" explains each value.
import datetime  # noqa: E402

# One-time codes sent by SMS (accounts.verification): 6 digits, hashed, a few tries each.
PHONE_CODE_TTL = env.int("PHONE_CODE_TTL", default=300)
PHONE_CODE_MAX_ATTEMPTS = env.int("PHONE_CODE_MAX_ATTEMPTS", default=5)
# Per phone (counted in the database): this many codes per window, and a pause between two.
PHONE_CODE_PER_PHONE = env.int("PHONE_CODE_PER_PHONE", default=5)
PHONE_CODE_WINDOW = env.int("PHONE_CODE_WINDOW", default=3600)
PHONE_CODE_RESEND_AFTER = env.int("PHONE_CODE_RESEND_AFTER", default=60)
# Per client (motcua.ratelimit): codes asked from one address per hour, whatever the phone.
PHONE_CODE_PER_CLIENT = env.int("PHONE_CODE_PER_CLIENT", default=20)
# A digital-team helper's consent, once the citizen gave the code, waits this long for its dossier.
HELPER_CONSENT_TTL = env.int("HELPER_CONSENT_TTL", default=2 * 3600)
# Citizen searches one helper may make per hour.
HELPER_LOOKUP_RATE_LIMIT = env.int("HELPER_LOOKUP_RATE_LIMIT", default=60)

# Sign-in throttling (django-axes, kept in the database: works without Redis). After
# LOGIN_FAILURE_LIMIT failures for one account or from one client, each within
# LOGIN_LOCKOUT_MINUTES of the previous, both are refused for LOGIN_LOCKOUT_MINUTES.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.throttling.account_key"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.locked_out"
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # no row per successful sign-in; failures are what it counts

# Sessions on shared commune computers: a sign-in lasts until the browser closes, unless the
# citizen ticks "Ghi nhớ đăng nhập"; staff are signed out after STAFF_SESSION_IDLE idle seconds.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_REMEMBER_AGE = env.int("SESSION_REMEMBER_AGE", default=14 * 24 * 3600)
STAFF_SESSION_IDLE = env.int("STAFF_SESSION_IDLE", default=8 * 3600)
