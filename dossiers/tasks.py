"""Celery tasks that read dossiers (the default `celery` queue)."""

from celery import shared_task

from .digest import send_officer_digests as _send_officer_digests


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300, ignore_result=True)
def send_officer_digests() -> int:
    """Beat, every morning: each officer's digest of overdue and due-soon dossiers."""
    return _send_officer_digests()
