"""One function per write on accounts: records for a phone, sign-up, claiming, verifying.

The rule behind them: a phone number is a person's identity only once they typed the code sent
to it. Until then an account's record of a phone is a claim, and dossiers others create for that
phone stay out of its sight (dossiers.access). An *unclaimed record* is a citizen registered at
the desk or by a helper (no password); its owner claims it later by code.
"""

from __future__ import annotations

import enum

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from . import verification
from .models import CodePurpose, PhoneCode, User
from .roles import Role
from .throttling import forget_failures
from .validators import normalize_phone


class SignUpOutcome(enum.StrEnum):
    CREATED = "created"  # the account is theirs now, signed in
    ID_TAKEN = "id_taken"  # created, but the CCCD belongs to another account: left off
    ALREADY_CLAIMED = "already_claimed"  # the phone's owner had an account: nothing changed


def _id_free(citizen_id: str, user: User | None = None) -> bool:
    taken = User.objects.filter(citizen_id=citizen_id)
    if user is not None:
        taken = taken.exclude(pk=user.pk)
    return bool(citizen_id) and not taken.exists()


def _new_record(phone: str, full_name: str, *, citizen_id: str = "", address: str = "") -> User:
    user = User.objects.create_user(
        phone=phone,
        password=None,
        full_name=full_name,
        citizen_id=citizen_id if _id_free(citizen_id) else None,
        address=address,
    )
    user.groups.add(Group.objects.get(name=Role.CITIZEN))
    return user


def find_or_register_citizen(
    *, phone: str, full_name: str, citizen_id: str = "", address: str = ""
) -> User:
    """The record a dossier made for someone (at the desk, or by a helper) belongs to.

    Always the record of the phone, the one thing its owner can prove later: a verified account,
    or else an unclaimed record (made now, without a password, if the phone has none). A CCCD
    never decides it: anyone may have typed someone else's CCCD into their own account. The
    CCCD is kept on a new record when no account holds it. Details the officer took from the
    papers refresh an unclaimed record that nobody has set a password on.
    """
    phone = normalize_phone(phone)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(phone=phone).first()
        if user is None:
            return _new_record(phone, full_name, citizen_id=citizen_id, address=address)
        if not user.phone_verified and not user.has_usable_password():
            user.full_name = full_name or user.full_name
            user.address = address or user.address
            if not user.citizen_id and _id_free(citizen_id, user):
                user.citizen_id = citizen_id
            user.save(update_fields=["full_name", "address", "citizen_id"])
    return user


def phone_holder(phone: str, full_name: str) -> User:
    """The record of `phone`, or a new unclaimed one to send the sign-up code to; an existing
    record is left exactly as it is (what a sign-up form says is unproven)."""
    phone = normalize_phone(phone)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(phone=phone).first()
        return user or _new_record(phone, full_name)


def ask_sign_up_code(phone: str, full_name: str) -> PhoneCode:
    """Sign-up, step one: a code to `phone`, whoever holds it. The answer never says whether
    the phone (or anything else on the form) already has an account."""
    with transaction.atomic():
        holder = phone_holder(phone, full_name)
        return verification.issue(target=holder.phone, purpose=CodePurpose.SIGN_UP, user=holder)


def ask_code(identifier: str, purpose: str) -> PhoneCode:
    """Reset or claim, step one: a code to the phone of the account that `identifier` (a
    phone or a CCCD) names. No such active account: recorded and counted, nothing sent."""
    try:
        user: User | None = User.objects.get_by_identifier(identifier)
    except User.DoesNotExist:
        user = None
    if user is not None and not user.is_active:
        user = None
    target = user.phone if user is not None else identifier
    return verification.issue(target=target, purpose=purpose, user=user)


def _take_over(user: User) -> None:
    """The phone's owner takes the record: what an earlier holder who never proved the phone
    typed (CCCD, email) goes; details an officer took from papers (no password) stay."""
    if not user.phone_verified and user.has_usable_password():
        user.citizen_id = None
        user.email, user.email_verified_at, user.notify_email = "", None, False
    user.phone_verified_at = timezone.now()
    if not user.roles:
        user.groups.add(Group.objects.get(name=Role.CITIZEN))


def complete_sign_up(
    holder: User, *, full_name: str, citizen_id: str, email: str, password_hash: str
) -> SignUpOutcome:
    """After the code: the sign-up's details and password on the phone's record.

    A record already claimed (proven phone, password) is left alone: its owner signs in or
    resets the password. The CCCD is set only when no other account holds it.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=holder.pk)
        if user.is_claimed or not user.is_active:
            return SignUpOutcome.ALREADY_CLAIMED
        _take_over(user)
        user.full_name = full_name
        user.password = password_hash
        outcome = SignUpOutcome.CREATED
        if citizen_id and user.citizen_id != citizen_id:
            if user.citizen_id is None and _id_free(citizen_id, user):
                user.citizen_id = citizen_id
            else:
                outcome = SignUpOutcome.ID_TAKEN
        if email and email != user.email:
            user.email, user.email_verified_at = email, None
        user.save()
    forget_failures(user)
    return outcome


def set_password_by_code(holder: User, password: str) -> User:
    """Reset or claim: whoever proved the phone sets the password; the phone is now verified
    and the account's sign-in lock is lifted."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=holder.pk)
        _take_over(user)
        user.set_password(password)
        user.save()
    forget_failures(user)
    return user


def mark_phone_verified(holder: User) -> User:
    """A signed-in account proved its phone: others' dossiers for that phone now reach it."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=holder.pk)
        user.phone_verified_at = user.phone_verified_at or timezone.now()
        user.save(update_fields=["phone_verified_at"])
    return user


def mark_email_verified(holder: User) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=holder.pk)
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user
