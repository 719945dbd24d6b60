"""A digital-team helper acts for a citizen only with the citizen's consent, one dossier each.

The helper finds the citizen by phone or CCCD and sees only a masked card (initials and given
name, the last three digits of the phone and of the CCCD); every search is logged
(`HelperLookup`: who, when, what). To prepare a dossier the helper asks for the citizen's
consent: a code goes by SMS to the citizen's phone, and the citizen, sitting with the helper,
tells it. The confirmed consent (`HelperConsent`) is valid for one dossier, started within
HELPER_CONSENT_TTL seconds; `drafts.create_draft` binds it to the dossier it starts, where it
stays as the record of the citizen's agreement.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import verification
from accounts.models import CodePurpose, PhoneCode, User

__all__ = [
    "HelperConsent",
    "HelperLookup",
    "ask_consent",
    "bind_consent",
    "confirm_consent",
    "log_lookup",
    "resend_consent_code",
    "usable_consent",
]


class HelperLookup(models.Model):
    """One search a helper made for a citizen: who, when, what was typed, who was found."""

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người hỗ trợ"),
        on_delete=models.PROTECT,
        related_name="helper_lookups",
    )
    searched_at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    query = models.CharField(_("nội dung tìm"), max_length=20)
    found = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tìm thấy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lượt tra cứu công dân")
        verbose_name_plural = _("lượt tra cứu công dân")
        ordering = ["-searched_at"]

    def __str__(self) -> str:
        return f"{self.helper_id} {self.searched_at:%Y-%m-%d %H:%M} {self.query}"


class HelperConsent(models.Model):
    """The citizen agreed, by the code sent to their phone, that this helper prepares one
    dossier for them; `dossier` is the one it was used for."""

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người hỗ trợ"),
        on_delete=models.PROTECT,
        related_name="consents_received",
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("công dân"),
        on_delete=models.PROTECT,
        related_name="consents_given",
    )
    code = models.ForeignKey(
        "accounts.PhoneCode", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asked_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("đồng ý lúc"), null=True, blank=True)
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="helper_consent",
    )

    class Meta:
        verbose_name = _("sự đồng ý cho nộp hộ")
        verbose_name_plural = _("sự đồng ý cho nộp hộ")
        indexes = [models.Index(fields=["helper", "citizen"], name="consent_helper_citizen")]

    def __str__(self) -> str:
        return f"{self.citizen_id} → {self.helper_id} ({self.confirmed_at or '-'})"

    @property
    def is_usable(self) -> bool:
        return self.confirmed_at is not None and self.dossier_id is None and not self._stale()

    def _stale(self) -> bool:
        ttl = datetime.timedelta(seconds=settings.HELPER_CONSENT_TTL)
        return self.confirmed_at is None or self.confirmed_at < timezone.now() - ttl


def may_be_helped(user: User) -> bool:
    """Only citizens: never an officer, a leader, an administrator or another helper."""
    return user.is_active and not user.is_staff_member


def log_lookup(*, helper: User, query: str, found: User | None) -> HelperLookup:
    return HelperLookup.objects.create(helper=helper, query=query[:20], found=found)


def _send_code(helper: User, citizen: User) -> PhoneCode:
    return verification.issue(
        target=citizen.phone,
        purpose=CodePurpose.CONSENT,
        user=citizen,
        template="helper_consent_code",
        context={"helper": helper.full_name},
    )


def ask_consent(*, helper: User, citizen: User) -> HelperConsent:
    """Send the citizen a code to approve this helper; raises TooManyCodes past the limits."""
    if not helper.has_perm("dossiers.submit_on_behalf") or not may_be_helped(citizen):
        raise PermissionDenied
    with transaction.atomic():
        code = _send_code(helper, citizen)
        return HelperConsent.objects.create(helper=helper, citizen=citizen, code=code)


def resend_consent_code(consent: HelperConsent) -> HelperConsent:
    with transaction.atomic():
        consent.code = _send_code(consent.helper, consent.citizen)
        consent.save(update_fields=["code"])
    return consent


def confirm_consent(consent: HelperConsent, entered: str) -> HelperConsent:
    """The code the citizen told the helper; raises WrongCode. Checked outside any outer
    transaction, so a wrong try is counted even though this raises."""
    if consent.code_id is None:
        raise verification.WrongCode(_("Mã này không còn dùng được. Vui lòng yêu cầu mã mới."))
    verification.check(consent.code_id, entered)
    consent.confirmed_at = timezone.now()
    consent.save(update_fields=["confirmed_at"])
    return consent


def usable_consent(*, helper: User, citizen: User) -> HelperConsent | None:
    """The helper's confirmed, unused, fresh consent from this citizen, if any."""
    since = timezone.now() - datetime.timedelta(seconds=settings.HELPER_CONSENT_TTL)
    return (
        HelperConsent.objects.filter(
            helper=helper, citizen=citizen, dossier=None, confirmed_at__gte=since
        )
        .order_by("-confirmed_at")
        .first()
    )


def bind_consent(*, helper: User, citizen: User, dossier: object) -> HelperConsent:
    """Inside the transaction that creates the helper's draft: use the consent up on it."""
    consent = usable_consent(helper=helper, citizen=citizen)
    if consent is None:
        raise PermissionDenied
    locked = HelperConsent.objects.select_for_update().get(pk=consent.pk)
    if locked.dossier_id is not None:
        raise PermissionDenied
    locked.dossier = dossier
    locked.save(update_fields=["dossier"])
    return locked
