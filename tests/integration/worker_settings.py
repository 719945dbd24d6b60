"""Settings of the Celery worker processes the integration tests start.

The unit-test settings, pointed at the test process's database (the `test_…` PostgreSQL
database, or the SQLite file of tests/conftest.py) and at the real Redis, with a key prefix
of the test session so that nothing else on that Redis is touched. The environment variables
are set by tests/integration/conftest.py.
"""

import os

from motcua.settings_test import *  # noqa: F403
from motcua.settings_test import DATABASES

DATABASES["default"]["NAME"] = os.environ["MOTCUA_TEST_DATABASE"]
CELERY_BROKER_URL = os.environ["MOTCUA_TEST_BROKER_URL"]
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = 10
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "global_keyprefix": os.environ["MOTCUA_TEST_KEY_PREFIX"],
    "visibility_timeout": 3600,
}
CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
CELERY_WORKER_HIJACK_ROOT_LOGGER = True

SMS_BACKEND = os.environ.get("MOTCUA_TEST_SMS_BACKEND", "notifications.sms.FileBackend")
SMS_FILE_PATH = os.environ["MOTCUA_TEST_SMS_DIR"]
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["MOTCUA_TEST_EMAIL_DIR"]
