"""The declaration a citizen filled online (dossiers.declarations fills and prints it)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from procedures.models import RequiredDocument


class Declaration(models.Model):
    """A declaration (tờ khai) the citizen filled online: the values as data, and the printed
    form kept as the attachment that satisfies its required document."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="declarations"
    )
    required_document = models.ForeignKey(
        RequiredDocument, on_delete=models.PROTECT, related_name="+"
    )
    data = models.JSONField(_("nội dung tờ khai"), default=dict)
    attachment = models.OneToOneField(
        "dossiers.Attachment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="declaration",
    )
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filled_at = models.DateTimeField()

    class Meta:
        ordering = ["required_document__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "required_document"], name="one_declaration_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier} {self.required_document}"
