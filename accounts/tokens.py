"""Links sent by email, signed with Django's token machinery: a password reset (Django's own
generator) and the proof of an email address (a generator of its own, bound to the address)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from notifications.models import Channel
from notifications.outbox import Message, enqueue

from .models import User


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """Valid for PASSWORD_RESET_TIMEOUT, for this address only, once (the proof changes it)."""

    key_salt = "accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:  # type: ignore[override]
        return f"{user.pk}{user.email}{user.email_verified_at}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()


def _link(name: str, user: User, token: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return settings.SITE_URL + reverse(name, kwargs={"uidb64": uid, "token": token})


def _days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def send_email_verification(user: User) -> None:
    """Email `user` a link that proves the address (through the outbox, after commit)."""
    if not user.email or user.email_verified:
        return
    token = email_verification_token.make_token(user)
    enqueue(
        source=f"email_verification:{user.pk}:{token}",
        recipient=user,
        message=Message(
            template="email_verification",
            context={"verify_url": _link("accounts:verify_email", user, token), "days": _days()},
        ),
        channels=[Channel.EMAIL],
    )


def send_password_reset_links(email: str) -> int:
    """A reset link to every active account whose *verified* address is `email`; the caller's
    answer is the same whether there was one or none."""
    users = User.objects.filter(
        email__iexact=email.strip(), email_verified_at__isnull=False, is_active=True
    )
    sent = 0
    for user in users:
        if not user.has_usable_password():
            continue
        token = default_token_generator.make_token(user)
        reset_url = _link("accounts:reset_by_email", user, token)
        enqueue(
            source=f"password_reset:{user.pk}:{token}",
            recipient=user,
            message=Message(
                template="password_reset_link",
                context={"reset_url": reset_url, "days": _days()},
            ),
            channels=[Channel.EMAIL],
        )
        sent += 1
    return sent
