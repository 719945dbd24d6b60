"""The beat sweep, for a cron or a person: send the notifications still pending.

Without Redis (the embedded default) this is how failed attempts are tried again: run it every
minute from cron. With Redis, the Celery beat service runs the same sweep. Either drains every
row due, in batches, until none is left or the run's time is up; two never run together.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from notifications import tasks


class Command(BaseCommand):
    help = "Queue again (or, without a broker, send now) the notifications still pending."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=float,
            default=None,
            help="Seconds a row must have been pending past its due attempt "
            f"(default NOTIFICATION_SWEEP_AFTER = {settings.NOTIFICATION_SWEEP_AFTER}).",
        )
        parser.add_argument(
            "--seconds",
            type=float,
            default=None,
            help="Stop taking new rows after this many seconds "
            f"(default NOTIFICATION_SWEEP_SECONDS = {settings.NOTIFICATION_SWEEP_SECONDS}).",
        )
        parser.add_argument(
            "--limit", type=int, default=None, help="At most this many rows (default: all due)."
        )

    def handle(self, *args: object, **options: object) -> None:
        count = tasks.sweep(
            older_than=options["older_than"], seconds=options["seconds"], limit=options["limit"]
        )
        how = "sent in this process" if settings.CELERY_TASK_ALWAYS_EAGER else "queued"
        self.stdout.write(f"{count} pending notification(s) {how}.")
