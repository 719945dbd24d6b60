"""The register of the electronic results we issued: one row per signed document."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignedDocument(models.Model):
    """A PDF the agency signed: its hash, who signed and when, and the QR code's token.

    The public verification page compares an uploaded PDF with this register. It shows only
    what the document itself shows (its title and reference, the signer, the time).
    """

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, unique=True)
    title = models.CharField(_("tên văn bản"), max_length=300)
    reference = models.CharField(_("số hiệu, mã hồ sơ"), max_length=64, blank=True)
    signer = models.CharField(_("người ký"), max_length=300)
    signed_at = models.DateTimeField(_("ký lúc"))

    class Meta:
        verbose_name = _("kết quả điện tử đã ký")
        verbose_name_plural = _("kết quả điện tử đã ký")
        ordering = ["-signed_at"]

    def __str__(self) -> str:
        return f"{self.reference} {self.signed_at:%d/%m/%Y %H:%M}"
