import os

from celery import Celery, Task
from celery.signals import task_prerun, worker_process_init

from django.conf import settings
from django.db import connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

app = Celery("motcua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# A worker process runs task after task. Celery closes its database connection around every
# task unless CELERY_DB_REUSE_MAX is set (settings: then every that many tasks); with it, the
# connection is kept, and checked before each task as Django checks it before each request:
# closed when older than CONN_MAX_AGE (300 s in a worker when the environment leaves it at 0)
# or broken (a restarted PostgreSQL costs one reconnect, not failed tasks).
WORKER_CONN_MAX_AGE = 300


@worker_process_init.connect
def keep_database_connections(**_kwargs: object) -> None:
    database = settings.DATABASES["default"]
    if not database.get("CONN_MAX_AGE"):
        database["CONN_MAX_AGE"] = WORKER_CONN_MAX_AGE
    database["CONN_HEALTH_CHECKS"] = True


@task_prerun.connect
def check_database_connections(sender: Task | None = None, **_kwargs: object) -> None:
    if sender is None or sender.request.is_eager:  # in a request or a command: Django's own
        return
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
