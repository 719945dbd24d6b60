"""The public face of `notifications`: write outbox rows, queue them on commit, sweep, resend.

Callers (dossiers) decide who is told what; this module decides how: channels from the
person's preferences, text from the templates, one row per channel, sent after commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import unread
from .channels import can_reach, get_channel
from .models import Channel, Notification, Status
from .preferences import channels_for
from .rendering import Rendered, render_message
from .tasks import queue

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    """What to say: a template under templates/notifications/<lang>/ and its context."""

    template: str
    context: Mapping[str, object] = field(default_factory=dict)
    # Kept in every SMS even when the text is cut (the dossier code); shown to officers.
    reference: str = ""
    # Where the in-app line leads (a path on this site).
    link: str = ""
    # Who sees the row if it fails, e.g. "agency:12" (the officers of that agency).
    scope: str = ""


def _row(
    source: str,
    recipient: User,
    name: str,
    message: Message,
    rendered: Rendered,
    language: str,
) -> Notification:
    """One unsaved row; channels that need no sending (in-app) are sent on creation."""
    channel = get_channel(name)
    now = timezone.now()
    row = Notification(
        source=source,
        recipient=recipient,
        channel=name,
        template=message.template,
        language=language,
        scope=message.scope,
        reference=message.reference,
        address=channel.address_for(recipient),
        link=message.link,
        created_at=now,
        next_attempt_at=now,
        **channel.compose(rendered, reference=message.reference),
    )
    if not channel.needs_sending:
        row.status = Status.SENT
        row.sent_at = now
    return row


def enqueue(
    *,
    source: str,
    recipient: User,
    message: Message,
    channels: Iterable[str] | None = None,
) -> list[Notification]:
    """Write the rows for one event and one person; queue their sending when the caller commits.

    Call it inside the transaction that records the event: the rows exist exactly when the event
    does. `source` names the event ("dossier_event:42"); with the recipient and the channel it
    is a unique key, so calling this twice for the same event writes nothing the second time.
    `channels` defaults to the recipient's preferences.
    """
    from_preferences = channels is None
    wanted = channels_for(recipient) if channels is None else list(channels)
    reachable = [name for name in wanted if can_reach(get_channel(name), recipient)]
    if from_preferences and not reachable:
        reachable = [Channel.IN_APP]
    existing = set(
        Notification.objects.filter(source=source, recipient=recipient).values_list(
            "channel", flat=True
        )
    )
    todo = [name for name in dict.fromkeys(reachable) if name not in existing]
    if not todo:
        return []
    language = getattr(recipient, "preferred_language", "") or "vi"
    rendered = render_message(message.template, message.context, language)
    created: list[Notification] = []
    for name in todo:
        row = _row(source, recipient, name, message, rendered, language)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:  # the same event notified by a concurrent transaction
            logger.info("notification.duplicate source=%s channel=%s", source, name)
            continue
        created.append(row)
    if any(row.channel == Channel.IN_APP for row in created):
        unread.changed(recipient.pk)
    pending = [row.pk for row in created if row.status == Status.PENDING]
    if pending:
        transaction.on_commit(partial(queue, pending), robust=True)
    return created


def resend(notification_id: int) -> Notification:
    """A failed row gets a fresh round of attempts ("send again" on the officers' page)."""
    with transaction.atomic():
        row = Notification.objects.select_for_update().get(pk=notification_id)
        if row.status != Status.FAILED:
            return row
        row.status = Status.PENDING
        row.attempts = 0
        row.next_attempt_at = timezone.now()
        row.save(update_fields=["status", "attempts", "next_attempt_at"])
        transaction.on_commit(partial(queue, [row.pk]), robust=True)
    logger.info("notification.resend id=%s", notification_id)
    return row


def mark_read(user: User, notification_ids: Iterable[int]) -> int:
    """The in-app rows the person has now seen."""
    marked = (
        Notification.objects.unread(user)
        .filter(pk__in=list(notification_ids))
        .update(read_at=timezone.now())
    )
    if marked:
        unread.changed(user.pk)
    return marked
