import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .online_forms import spec_errors
from .text import fold


class Field(models.Model):
    """A sector of procedures (lĩnh vực): Hộ tịch, Chứng thực, ..."""

    name = models.CharField(_("tên lĩnh vực"), max_length=200, unique=True)
    code = models.CharField(_("mã lĩnh vực"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class OnlineLevel(models.TextChoices):
    PARTIAL = "partial", _("Một phần (mức độ 3)")
    FULL = "full", _("Toàn trình (mức độ 4)")


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("ngày làm việc")
    WORKING_HOURS = "working_hours", _("giờ làm việc")
    SAME_DAY = "same_day", _("trong ngày")


class ProcedureQuerySet(models.QuerySet["Procedure"]):
    def active(self) -> "ProcedureQuerySet":
        return self.filter(is_active=True)

    def search(self, query: str) -> "ProcedureQuerySet":
        """Every word of `query` must appear, ignoring case and diacritics."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
        return qs


class Procedure(models.Model):
    """An administrative procedure (thủ tục hành chính) as the catalog states it."""

    national_code = models.CharField(
        _("mã thủ tục"),
        max_length=20,
        blank=True,
        help_text=_("Mã trên Cơ sở dữ liệu quốc gia về TTHC; để trống nếu chưa xác minh."),
    )
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="procedures"
    )
    online_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"), max_length=10, choices=OnlineLevel.choices
    )
    processing_amount = models.PositiveSmallIntegerField(
        _("thời hạn giải quyết"), default=1, validators=[MinValueValidator(1)]
    )
    processing_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=20, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS
    )
    same_day_cutoff = models.TimeField(
        _("giờ tiếp nhận muộn nhất để trả trong ngày"),
        null=True,
        blank=True,
        help_text=_("Chỉ với thủ tục giải quyết trong ngày; để trống dùng mặc định (15:00)."),
    )
    fee_vnd = models.PositiveIntegerField(_("phí, lệ phí (đồng)"), default=0)
    fee_exempt = models.BooleanField(
        _("được miễn phí, lệ phí"),
        default=False,
        help_text=_("Miễn theo quy định (khác với thủ tục không thu phí)."),
    )
    fee_note = models.CharField(_("ghi chú về phí"), max_length=300, blank=True)
    result_form = models.CharField(_("kết quả thực hiện"), max_length=300)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    search_text = models.TextField(editable=False, default="")

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["field__order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.same_day_cutoff and self.processing_unit != TimeUnit.SAME_DAY:
            raise ValidationError(
                {"same_day_cutoff": _("Chỉ đặt giờ này cho thủ tục giải quyết trong ngày.")}
            )

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(f"{self.name} {self.national_code}")
        super().save(*args, **kwargs)

    @property
    def cutoff(self) -> datetime.time:
        if self.same_day_cutoff:
            return self.same_day_cutoff
        return datetime.time.fromisoformat(settings.SAME_DAY_DEFAULT_CUTOFF)


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    HEIC = "heic", _("HEIC/HEIF (ảnh điện thoại)")


def default_file_kinds() -> list[str]:
    return [kind.value for kind in FileKind]


class RequiredDocument(models.Model):
    """One document (thành phần hồ sơ) a procedure asks for."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="required_documents"
    )
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    quantity = models.CharField(
        _("số lượng"), max_length=100, blank=True, help_text=_("Ví dụ: 01 bản chính.")
    )
    is_mandatory = models.BooleanField(_("bắt buộc"), default=True)
    blank_form = models.FileField(_("mẫu đơn, tờ khai"), upload_to="forms/", blank=True)
    accepted_kinds = models.JSONField(
        _("loại tệp chấp nhận"), default=default_file_kinds, blank=True
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # The official form's fields, when the citizen may fill this declaration online
    # (procedures.online_forms describes the format); empty: upload a file as usual.
    online_form = models.JSONField(_("tờ khai điền trực tuyến"), default=dict, blank=True)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["procedure", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = set(self.accepted_kinds or []) - set(FileKind.values)
        if unknown:
            raise ValidationError({"accepted_kinds": _("Loại tệp không hợp lệ.")})
        if self.online_form and spec_errors(self.online_form):
            raise ValidationError({"online_form": _("Mô tả tờ khai không hợp lệ.")})

    @property
    def fillable_online(self) -> bool:
        return bool(self.online_form)


class Holiday(models.Model):
    """A day that breaks the Monday-Friday rule: a day off, or a Saturday worked in swap."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc bù")

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.DAY_OFF)
    is_manual = models.BooleanField(
        _("do quản trị nhập"),
        default=False,
        help_text=_("Ngày do quản trị viên thêm hoặc sửa không bị ghi đè khi nạp lại lịch."),
    )

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"
