"""The officers' morning digest: their agency's dossiers overdue and due within 2 working days.

One message per officer per day (email when they have an address, and their in-app list);
the outbox's unique key (officer_digest:<date>, officer, channel) makes a second run that day
send nothing. Officers of an agency with nothing urgent get nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from agencies.models import Agency
from notifications.models import Channel
from notifications.outbox import Message, enqueue

from .models import Dossier, State
from .notify import absolute
from .queue import due_soon_limit


@dataclass
class AgencyDigest:
    agency: Agency
    overdue: list[dict[str, object]] = field(default_factory=list)
    due_soon: list[dict[str, object]] = field(default_factory=list)


def _line(dossier: Dossier) -> dict[str, object]:
    """What an officer needs to find the dossier; no applicant's personal data."""
    return {
        "code": dossier.code,
        "procedure": dossier.procedure.name,
        "due_at": dossier.due_at,
        "url": absolute(reverse("dossiers:officer_detail", args=[dossier.pk])),
    }


def collect(now: datetime.datetime) -> dict[int, AgencyDigest]:
    """Per agency, the overdue and due-soon dossiers, most urgent first (two queries)."""
    digests: dict[int, AgencyDigest] = {}
    overdue = Dossier.objects.overdue(now)
    due_soon = Dossier.objects.filter(
        state=State.PROCESSING, due_at__gte=now, due_at__lte=due_soon_limit(now)
    )
    for queryset, attribute in ((overdue, "overdue"), (due_soon, "due_soon")):
        for dossier in queryset.select_related("procedure", "agency").order_by("due_at", "pk"):
            digest = digests.setdefault(dossier.agency_id, AgencyDigest(dossier.agency))
            getattr(digest, attribute).append(_line(dossier))
    return digests


def send_officer_digests(now: datetime.datetime | None = None) -> int:
    """Write one digest per officer of each agency with urgent dossiers; the number written."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    digests = collect(now)
    if not digests:
        return 0
    officers: dict[int, list[User]] = defaultdict(list)
    for officer in User.objects.filter(
        groups__name=Role.OFFICER, agency_id__in=list(digests), is_active=True
    ).distinct():
        officers[officer.agency_id].append(officer)
    written = 0
    for agency_id, digest in digests.items():
        message = Message(
            template="officer_digest",
            context={
                "agency": digest.agency.name,
                "today": today,
                "overdue": digest.overdue,
                "due_soon": digest.due_soon,
                "queue_url": absolute(reverse("dossiers:queue")),
            },
            reference=f"{digest.agency.identifier} {today:%d/%m/%Y}",
            link=reverse("dossiers:queue"),
            scope=f"agency:{agency_id}",
        )
        for officer in officers[agency_id]:
            with transaction.atomic():
                rows = enqueue(
                    source=f"officer_digest:{today.isoformat()}",
                    recipient=officer,
                    message=message,
                    channels=[Channel.EMAIL, Channel.IN_APP],
                )
            written += bool(rows)
    return written
