"""Celery's settings that are code, not environment: where tasks run, when beat starts them
(crontab times are in CELERY_TIMEZONE) and how long publishing waits for the broker."""

from celery.schedules import crontab

# Workers consume the three queues: `celery -A motcua worker -Q
# celery,notifications,notifications_sweep`. The sweep has a queue of its own so that it never
# waits behind a backlog of sends; it has no expiry, and a lease (notifications.lease) keeps
# two sweeps from running together.
TASK_ROUTES = {
    "notifications.tasks.requeue_pending": {"queue": "notifications_sweep"},
    "notifications.tasks.*": {"queue": "notifications"},
}


def beat_schedule(*, officer_digest_hour: int) -> dict[str, dict]:
    """The periodic tasks."""
    return {
        "notifications-requeue-pending": {
            "task": "notifications.tasks.requeue_pending",
            "schedule": 60.0,
        },
        "dossiers-officer-digest": {
            "task": "dossiers.tasks.send_officer_digests",
            "schedule": crontab(hour=officer_digest_hour, minute=0),
        },
        # One working day before a supplement deadline; idempotent, so hourly catches a miss.
        "dossiers-supplement-reminders": {
            "task": "dossiers.tasks.send_supplement_reminders",
            "schedule": crontab(hour="7-16", minute=30),
        },
        # Keep the holiday table three years ahead (procedures.tasks); before the year ends.
        "holiday-table": {
            "task": "procedures.tasks.sync_holiday_table",
            "schedule": crontab(minute=0, hour=5, day_of_month=1, month_of_year=12),
        },
        # Freeze last month's report of every agency and email it to its leaders (reports.tasks).
        "monthly-reports": {
            "task": "reports.tasks.monthly_reports",
            "schedule": crontab(minute=0, hour=6, day_of_month=1),
        },
    }


# A broker that is down at commit costs the first request of the outage 0.05 s (refused) to
# 4 s (hangs), then nothing for REDIS_RETRY_AFTER seconds (notifications.tasks.queue; ADR 0006):
# the rows stay pending and the sweep queues them.
PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}


def broker_timeouts(options: dict, redis_timeout: float) -> dict:
    """The broker's transport options with its socket timeouts. The socket timeout bounds a
    broker that hangs; it is above BRPOP's 1 s wait on the server, which a synchronous drain
    (`celery inspect ping`) uses."""
    return {
        **options,
        "socket_connect_timeout": redis_timeout,
        "socket_timeout": redis_timeout + 1,
    }
