"""Fees and the money received for them.

The fee schedule of a procedure is its amount (procedures.Procedure.fee_vnd) and its free cases
(FreeCase, each with the reason). A dossier's fee status lives on the dossier (dossiers.fees);
this app writes it only through dossiers.services.settle_fee. Here: what was received
(Payment, one e-receipt each), what the bank told us (BankTransaction: webhook or statement
line, idempotent by the bank's transaction id) and the card or e-wallet orders (GatewayOrder).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dossiers.models import Dossier
from procedures.models import Procedure


class FreeCase(models.Model):
    """A case of a procedure's fee schedule in which no fee is charged, with its reason."""

    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục"),
        on_delete=models.CASCADE,
        related_name="free_cases",
    )
    reason = models.CharField(
        _("trường hợp miễn phí"),
        max_length=300,
        help_text=_("Ví dụ: Đăng ký khai sinh đúng hạn."),
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("trường hợp miễn phí, lệ phí")
        verbose_name_plural = _("trường hợp miễn phí, lệ phí")
        ordering = ["procedure", "order", "pk"]

    def __str__(self) -> str:
        return self.reason


class Method(models.TextChoices):
    VIETQR = "vietqr", _("Chuyển khoản (VietQR)")
    GATEWAY = "gateway", _("Thẻ, ví điện tử (VNPay)")
    CASH = "cash", _("Tiền mặt tại bộ phận một cửa")


ONLINE_METHODS = (Method.VIETQR, Method.GATEWAY)


class Payment(models.Model):
    """Money received for a dossier's fee; each has its e-receipt (biên lai điện tử)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="payments")
    amount = models.PositiveIntegerField(_("số tiền (đồng)"))
    method = models.CharField(_("hình thức"), max_length=10, choices=Method.choices)
    reference = models.CharField(_("mã giao dịch"), max_length=100, blank=True)
    payer_name = models.CharField(_("người nộp"), max_length=150)
    received_at = models.DateTimeField(_("thời gian nộp"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ thu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    refunded_at = models.DateTimeField(_("hoàn trả lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khoản đã nộp")
        verbose_name_plural = _("khoản đã nộp")
        ordering = ["received_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "reference"],
                condition=~models.Q(reference=""),
                name="one_payment_per_reference",
            )
        ]

    def __str__(self) -> str:
        return self.receipt_number

    @property
    def receipt_number(self) -> str:
        """The e-receipt's number: BL-<year>-<8 digits>."""
        return f"BL-{self.received_at:%Y}-{self.pk:08d}"


class BankTransaction(models.Model):
    """A credit to the agency's account, told by the bank's webhook or a statement line."""

    class Source(models.TextChoices):
        WEBHOOK = "webhook", _("Thông báo của ngân hàng")
        STATEMENT = "statement", _("Sao kê")

    class Outcome(models.TextChoices):
        MATCHED = "matched", _("Đã khớp với hồ sơ")
        FLAGGED = "flagged", _("Cần cán bộ kiểm tra")
        RESOLVED = "resolved", _("Cán bộ đã xử lý")

    class Problem(models.TextChoices):
        NONE = "", _("Không")
        NO_REFERENCE = "no_reference", _("Nội dung chuyển khoản không có mã hồ sơ")
        WRONG_AMOUNT = "wrong_amount", _("Số tiền khác số phí phải nộp")
        NOT_DUE = "not_due", _("Hồ sơ không có khoản phí đang chờ nộp")
        WRONG_ACCOUNT = "wrong_account", _("Không phải tài khoản của cơ quan")

    transaction_id = models.CharField(_("mã giao dịch ngân hàng"), max_length=64, unique=True)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    description = models.CharField(_("nội dung chuyển khoản"), max_length=500)
    account_number = models.CharField(_("tài khoản nhận"), max_length=40, blank=True)
    booked_at = models.DateTimeField(_("thời gian giao dịch"), null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices)
    received_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices)
    problem = models.CharField(
        _("vấn đề"), max_length=20, choices=Problem.choices, blank=True, default=""
    )
    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="bank_transaction"
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution_note = models.CharField(_("ghi chú xử lý"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("giao dịch ngân hàng")
        verbose_name_plural = _("giao dịch ngân hàng")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["outcome", "-received_at"], name="bank_txn_outcome")]

    def __str__(self) -> str:
        return self.transaction_id


class GatewayOrder(models.Model):
    """One card or e-wallet payment started on the gateway (VNPay's vnp_TxnRef)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ thanh toán")
        PAID = "paid", _("Đã thanh toán")
        FAILED = "failed", _("Không thành công")

    txn_ref = models.CharField(max_length=40, unique=True)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    amount = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    response_code = models.CharField(max_length=4, blank=True)
    transaction_no = models.CharField(max_length=40, blank=True)
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="gateway_order"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.txn_ref
