"""Outbox rows made directly, without a dossier: notifications knows no Dossier."""

from notifications.models import Channel, Notification
from notifications.outbox import Message, enqueue

_counter = iter(range(1, 1_000_000))


def write(recipient, *, channels=(Channel.SMS,), source=None, **context):
    """Rows for a test message (templates/notifications/vi/dossier_accepted.html)."""
    import datetime

    from django.utils import timezone

    context = {
        "code": "000.00.12.H33-260303-0001",
        "procedure": "Đăng ký khai sinh",
        "agency": "UBND phường Thạnh Xuân",
        "due_at": timezone.now() + datetime.timedelta(days=3),
        "dossier_url": "https://motcua.example.vn/ho-so/1/",
        **context,
    }
    return enqueue(
        source=source or f"test:{next(_counter)}",
        recipient=recipient,
        message=Message(
            "dossier_accepted",
            context,
            reference=context["code"],
            link="/ho-so/1/",
            scope="agency:1",
        ),
        channels=list(channels),
    )


def fresh(row: Notification) -> Notification:
    return Notification.objects.get(pk=row.pk)
