"""Settings for the test suite: the real settings, with a few test-only choices.

DATABASE_URL still chooses the database (SQLite by default, PostgreSQL in CI).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("TESTING", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from .settings import *  # noqa: F403
from .settings import BASE_DIR, env

DEBUG = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = env.path("TEST_MEDIA_ROOT", default=BASE_DIR / "var" / "test-media")

# Unit tests run tasks directly. A test that really enqueues meets an unreachable broker and
# fails loudly; the integration suite points Celery at the real Redis itself.
CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY = False
CELERY_BROKER_CONNECTION_MAX_RETRIES = 0
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 0}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# SMS collect in notifications.sms.LocmemBackend.outbox; no message leaves a unit test.
SMS_BACKEND = "notifications.sms.LocmemBackend"
# The development signing certificate of the test suite (tests/conftest.py makes it once).
SIGNING_PKCS12_PATH = BASE_DIR / "var" / "test-signing" / "agency.p12"
SIGNING_PKCS12_PASSWORD = "test-signing-password"
SIGNING_TRUST_ROOTS = [str(BASE_DIR / "var" / "test-signing" / "ca.pem")]
