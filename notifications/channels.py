"""The channels behind one small interface.

A channel says which address of a person it needs, turns a rendered message into the row's
subject and bodies, and sends a row. Adding one (Zalo, a province's own app) is a class here
and a value in `models.Channel`.
"""

from __future__ import annotations

import smtplib
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from . import sms
from .errors import PermanentError, TransportError
from .models import Channel
from .rendering import Rendered
from .text import fit_sms

if TYPE_CHECKING:
    from accounts.models import User

    from .models import Notification


class BaseChannel:
    name: ClassVar[str]
    # False: the row itself is the delivery (in-app); it is written as sent, no task runs.
    needs_sending: ClassVar[bool] = True

    def address_for(self, user: User) -> str:
        """Where this person gets messages on this channel; empty: the channel cannot reach them."""
        raise NotImplementedError

    def compose(self, rendered: Rendered, *, reference: str) -> dict[str, str]:
        """The row's `subject`, `body` and `html_body`."""
        raise NotImplementedError

    def send(self, notification: Notification) -> None:
        """Deliver one row; raise TransportError (retry) or PermanentError (give up)."""
        raise NotImplementedError


class SmsChannel(BaseChannel):
    name = Channel.SMS

    def address_for(self, user: User) -> str:
        return user.phone or ""

    def compose(self, rendered: Rendered, *, reference: str) -> dict[str, str]:
        return {"subject": "", "body": fit_sms(rendered.short, keep=reference), "html_body": ""}

    def send(self, notification: Notification) -> None:
        sms.get_backend().send(
            to=notification.address, text=notification.body, key=f"motcua-{notification.pk}"
        )


class EmailChannel(BaseChannel):
    name = Channel.EMAIL

    def address_for(self, user: User) -> str:
        return user.email or ""

    def compose(self, rendered: Rendered, *, reference: str) -> dict[str, str]:
        return {
            "subject": rendered.subject or rendered.short[:200],
            "body": rendered.text,
            "html_body": rendered.html,
        }

    def send(self, notification: Notification) -> None:
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "motcua.local"
        message = EmailMultiAlternatives(
            subject=notification.subject,
            body=notification.body,
            to=[notification.address],
            # The same Message-ID on a resend lets mail systems drop the duplicate.
            headers={"Message-ID": f"<notification-{notification.pk}@{domain}>"},
        )
        if notification.html_body:
            message.attach_alternative(notification.html_body, "text/html")
        try:
            message.send()
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as error:
            raise PermanentError(f"address refused: {error}") from error
        except (smtplib.SMTPException, OSError) as error:
            raise TransportError(f"mail server: {error}") from error


class InAppChannel(BaseChannel):
    name = Channel.IN_APP
    needs_sending = False

    def address_for(self, user: User) -> str:
        return ""

    def compose(self, rendered: Rendered, *, reference: str) -> dict[str, str]:
        return {"subject": rendered.subject, "body": rendered.short, "html_body": ""}

    def send(self, notification: Notification) -> None:
        """Nothing to carry: the person's list shows the row."""


CHANNELS: dict[str, BaseChannel] = {
    channel.name: channel for channel in (SmsChannel(), EmailChannel(), InAppChannel())
}


def get_channel(name: str) -> BaseChannel:
    return CHANNELS[name]


def can_reach(channel: BaseChannel, user: User) -> bool:
    return not channel.needs_sending or bool(channel.address_for(user))


__all__ = ["CHANNELS", "PermanentError", "TransportError", "can_reach", "get_channel"]
