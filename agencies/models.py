"""The agency tree (province > commune): the bottom of the house, it imports nothing of ours."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyQuerySet(models.QuerySet["Agency"]):
    def subtree(self, agency: "Agency") -> "AgencyQuerySet":
        """The agency and every agency under it."""
        return self.filter(path__startswith=agency.path)


class Agency(models.Model):
    """A province or a commune (the district level was abolished in 2025)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Tỉnh, thành phố")
        COMMUNE = "commune", _("Xã, phường, đặc khu")

    name = models.CharField(_("tên"), max_length=200)
    identifier = models.CharField(
        _("mã định danh điện tử"),
        max_length=13,
        unique=True,
        help_text=_("Theo QCVN 102:2016, ví dụ 000.00.12.H33; dùng trong mã hồ sơ."),
    )
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    # Who signs what only the head of the agency signs (the apology slip).
    head_name = models.CharField(_("họ tên thủ trưởng"), max_length=150, blank=True)
    head_title = models.CharField(
        _("chức danh thủ trưởng"),
        max_length=150,
        blank=True,
        help_text=_("Ví dụ: Chủ tịch UBND xã; Giám đốc Trung tâm Phục vụ hành chính công."),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["path"]
        db_table = "procedures_agency"  # the table predates this app (moved from procedures)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.pk and self.parent.path.startswith(self.path):
            raise ValidationError(
                {"parent": _("Cơ quan cấp trên không thể là chính nó hay cấp dưới của nó.")}
            )

    def save(self, *args: object, **kwargs: object) -> None:
        old_path = self.path
        if not self.pk:
            super().save(*args, **kwargs)
            kwargs = {}
        self.path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()
