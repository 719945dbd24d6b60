"""A dossier's fee status and result delivery: the choices its columns hold (the rules that
change them are in dossiers.fees)."""

from django.db import models
from django.utils.translation import gettext_lazy

# The portal's code while a fee is due and unpaid (not a state of the dossier).
FEE_DUE_PORTAL_CODE = 6


class FeeStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", gettext_lazy("Không thu phí, lệ phí")
    DUE = "due", gettext_lazy("Chờ nộp phí, lệ phí")
    PAID = "paid", gettext_lazy("Đã nộp phí, lệ phí")
    EXEMPT = "exempt", gettext_lazy("Được miễn phí, lệ phí")
    REFUNDED = "refunded", gettext_lazy("Đã hoàn trả phí, lệ phí")


class ResultDelivery(models.TextChoices):
    """How the citizen asked to receive the result."""

    DESK = "desk", gettext_lazy("Nhận tại bộ phận một cửa")
    ELECTRONIC = "electronic", gettext_lazy("Nhận kết quả điện tử (có chữ ký số)")
    POSTAL = "postal", gettext_lazy("Nhận qua dịch vụ bưu chính")
