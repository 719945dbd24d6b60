"""A phone as its owner sees it: the SMS the outbox sent to it (the test SMS backend)."""

import re

from dossiers import consent
from notifications.models import Channel, Notification, Status
from notifications.sms import LocmemBackend
from notifications.tasks import send_notification

_CODE = re.compile(r"\b(\d{6})\b")


def messages_to(phone: str) -> list[str]:
    """Send what the outbox holds for `phone` (as a worker would), then every text it got."""
    pending = Notification.objects.filter(
        address=phone, channel=Channel.SMS, status=Status.PENDING
    ).order_by("pk")
    for pk in pending.values_list("pk", flat=True):
        send_notification.run(pk)
    return [sms["text"] for sms in LocmemBackend.outbox if sms["to"] == phone]


def code_sent_to(phone: str) -> str:
    """The newest 6-digit code `phone` received."""
    for text in reversed(messages_to(phone)):
        found = _CODE.search(text)
        if found:
            return found.group(1)
    raise AssertionError(f"no code was sent to {phone}")


def give_consent(helper, citizen):
    """The citizen reads the consent code out to the helper (dossiers.consent)."""
    asked = consent.ask_consent(helper=helper, citizen=citizen)
    return consent.confirm_consent(asked, code_sent_to(citizen.phone))
