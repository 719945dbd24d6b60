"""Which channels a person gets: their choices (SMS + in-app unless they changed it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Channel

if TYPE_CHECKING:
    from accounts.models import User


def channels_for(user: User) -> list[str]:
    """The channels `user` chose; the in-app list when they turned everything off.

    A channel chosen without an address (email on, no email address) is left out later, when
    the outbox finds no address to write to.
    """
    chosen = [
        channel
        for channel, wanted in (
            (Channel.SMS, user.notify_sms),
            (Channel.EMAIL, user.notify_email),
            (Channel.IN_APP, user.notify_in_app),
        )
        if wanted
    ]
    return chosen or [Channel.IN_APP]
