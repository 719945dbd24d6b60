"""Celery beat's scheduler with a heartbeat file, so a healthcheck can tell that beat runs.

`celery -A motcua beat --scheduler motcua.beat:HeartbeatScheduler` touches BEAT_HEARTBEAT_FILE
at every tick of its loop, which comes at least every CELERY_BEAT_MAX_LOOP_INTERVAL seconds
(60). docker-compose's beat healthcheck (deploy/probe.py --fresh) fails when the file is older
than three minutes: beat is stuck or gone. A broker that is down does not stop the ticks (beat
logs the tasks it could not send); Redis has its own healthcheck.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from celery.beat import PersistentScheduler

from django.conf import settings

__all__ = ["HeartbeatScheduler"]


class HeartbeatScheduler(PersistentScheduler):
    """The default persistent scheduler, plus a touch of the heartbeat file per tick."""

    def tick(self, *args: Any, **kwargs: Any) -> float:
        interval = super().tick(*args, **kwargs)
        heartbeat = Path(str(settings.BEAT_HEARTBEAT_FILE))
        heartbeat.parent.mkdir(parents=True, exist_ok=True)
        heartbeat.touch()
        return interval
