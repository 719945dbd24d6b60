"""Every write of the payments app, one function each. A dossier's fee status is changed only
through `dossiers.services.settle_fee` (payments -> dossiers, never the reverse).

A bank credit (webhook or statement line) is kept once per bank transaction id: told again, the
first outcome is returned and nothing is paid twice. A credit is applied to a dossier only when
the note names a dossier whose fee is due, the amount is exactly that fee and the account is
ours; anything else is kept as "flagged" for an officer, never silently accepted.
"""

from __future__ import annotations

import datetime
import logging
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from dossiers import services as dossier_services
from dossiers.access import can_work_on
from dossiers.errors import ActionNotAllowed
from dossiers.links import absolute
from dossiers.models import Dossier, FeeStatus

from .gateways import GatewayResult, IpnOutcome
from .matching import find_dossier
from .models import ONLINE_METHODS, BankTransaction, GatewayOrder, Method, Payment
from .vietqr import agency_account

log = logging.getLogger("motcua.payments")
Problem = BankTransaction.Problem


def receipt_url(payment: Payment) -> str:
    return absolute(reverse("payments:receipt", args=[payment.pk]))


def _pay(
    dossier: Dossier,
    *,
    method: str,
    reference: str,
    at: datetime.datetime,
    actor: User | None = None,
    payer_name: str = "",
    method_words: str = "",
) -> Payment:
    """A payment of the dossier's due fee and its e-receipt; ActionNotAllowed if not due."""
    payment = Payment.objects.create(
        dossier=dossier,
        amount=dossier.fee_amount,
        method=method,
        reference=reference,
        payer_name=payer_name or dossier.applicant_name,
        received_at=at,
        recorded_by=actor,
    )
    with translation.override("vi"):
        words = method_words or str(Method(method).label)
    dossier_services.settle_fee(
        dossier.pk,
        status=FeeStatus.PAID,
        actor=actor,
        method=method,
        online=method in ONLINE_METHODS,
        reference=reference,
        details={"method": words, "reference": reference, "receipt_url": receipt_url(payment)},
    )
    return payment


# --- bank transfers (VietQR): the webhook and the statement -------------------------------------


def _problem(credit: BankTransaction, dossier: Dossier | None) -> str:
    account = agency_account()
    if credit.account_number and account and credit.account_number != account.number:
        return Problem.WRONG_ACCOUNT
    if dossier is None:
        return Problem.NO_REFERENCE
    if dossier.fee_status != FeeStatus.DUE:
        return Problem.NOT_DUE
    if credit.amount != dossier.fee_amount:
        return Problem.WRONG_AMOUNT
    return Problem.NONE


def _apply_credit(credit: BankTransaction) -> None:
    dossier = find_dossier(credit.description)
    credit.dossier = dossier
    credit.problem = _problem(credit, dossier)
    if not credit.problem:
        try:
            with transaction.atomic():
                at = credit.booked_at or timezone.now()
                credit.payment = _pay(
                    dossier, method=Method.VIETQR, reference=credit.transaction_id, at=at
                )
        except ActionNotAllowed:  # paid another way in the meantime
            credit.problem = Problem.NOT_DUE
    credit.outcome = (
        BankTransaction.Outcome.FLAGGED if credit.problem else BankTransaction.Outcome.MATCHED
    )
    credit.save()
    if credit.problem:
        log.warning(
            "bank_credit_flagged txn=%s problem=%s dossier=%s",
            credit.transaction_id,
            credit.problem,
            dossier and dossier.pk,
        )


def record_bank_credit(
    *,
    transaction_id: str,
    amount: int,
    description: str,
    source: str,
    account_number: str = "",
    booked_at: datetime.datetime | None = None,
) -> tuple[BankTransaction, bool]:
    """(the credit, True if new): matched and paid, or flagged; once per transaction id."""
    transaction_id = transaction_id.strip()
    if not transaction_id:
        raise ValidationError(_("Thiếu mã giao dịch của ngân hàng."))
    existing = BankTransaction.objects.filter(transaction_id=transaction_id).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            credit = BankTransaction.objects.create(
                transaction_id=transaction_id,
                amount=amount,
                description=description[:500],
                account_number=account_number.strip(),
                booked_at=booked_at,
                source=source,
                outcome=BankTransaction.Outcome.FLAGGED,
            )
            _apply_credit(credit)
    except IntegrityError:  # the same transaction told twice at the same moment
        return BankTransaction.objects.get(transaction_id=transaction_id), False
    return credit, True


def resolve_credit(credit_id: int, *, officer: User, note: str) -> BankTransaction:
    """An officer has dealt with a flagged credit (refunded it, paid the dossier at the desk)."""
    note = note.strip()
    if not note:
        raise ValidationError(_("Vui lòng ghi cách đã xử lý giao dịch này."))
    with transaction.atomic():
        credit = BankTransaction.objects.select_for_update().get(pk=credit_id)
        if credit.outcome != BankTransaction.Outcome.FLAGGED:
            raise ActionNotAllowed(_("Giao dịch này không cần xử lý."))
        credit.outcome = BankTransaction.Outcome.RESOLVED
        credit.resolved_by = officer
        credit.resolution_note = note[:500]
        credit.save()
    return credit


# --- at the desk: cash, free cases, refunds -----------------------------------------------------


def _check_officer(officer: User, dossier: Dossier) -> None:
    if not can_work_on(officer, dossier):
        raise PermissionDenied


def record_cash(dossier_id: int, *, officer: User, payer_name: str, reference: str = "") -> Payment:
    """Cash paid at the desk: the same e-receipt as an online payment."""
    dossier = Dossier.objects.get(pk=dossier_id)
    _check_officer(officer, dossier)
    if dossier.fee_status != FeeStatus.DUE:
        raise ActionNotAllowed(_("Hồ sơ này không có khoản phí đang chờ nộp."))
    with transaction.atomic():
        return _pay(
            dossier,
            method=Method.CASH,
            reference=reference.strip(),
            at=timezone.now(),
            actor=officer,
            payer_name=payer_name.strip(),
        )


def exempt(dossier_id: int, *, officer: User, reason: str) -> Dossier:
    """A free case applies: exempt, by this officer, for this reason."""
    dossier = Dossier.objects.get(pk=dossier_id)
    _check_officer(officer, dossier)
    return dossier_services.settle_fee(
        dossier_id, status=FeeStatus.EXEMPT, actor=officer, reason=reason
    )


def refund(payment_id: int, *, officer: User, reason: str) -> Payment:
    """The fee paid goes back to the payer (e.g. paid twice, or the dossier was stopped)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Vui lòng ghi lý do hoàn trả."))
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("dossier").get(pk=payment_id)
        _check_officer(officer, payment.dossier)
        if payment.refunded_at is not None:
            raise ActionNotAllowed(_("Khoản này đã được hoàn trả."))
        payment.refunded_at = timezone.now()
        payment.save(update_fields=["refunded_at"])
        with translation.override("vi"):
            words = str(Method(payment.method).label)
        dossier_services.settle_fee(
            payment.dossier_id,
            status=FeeStatus.REFUNDED,
            actor=officer,
            reason=reason,
            details={"method": words, "reference": payment.reference},
        )
    return payment


# --- a card or e-wallet gateway ----------------------------------------------------------------


def start_gateway_order(dossier: Dossier) -> GatewayOrder:
    """A new order for the dossier's due fee (the gateway's reference is ours, unique)."""
    if dossier.fee_status != FeeStatus.DUE:
        raise ActionNotAllowed(_("Hồ sơ này không có khoản phí đang chờ nộp."))
    return GatewayOrder.objects.create(
        txn_ref=f"{dossier.pk}x{uuid.uuid4().hex[:12]}", dossier=dossier, amount=dossier.fee_amount
    )


def confirm_gateway_payment(result: GatewayResult, *, gateway_name: str) -> IpnOutcome:
    """The gateway's word on an order (IPN or return): idempotent, amount checked."""
    if not result.valid_signature:
        return IpnOutcome.INVALID_SIGNATURE
    with transaction.atomic():
        order = GatewayOrder.objects.select_for_update().filter(txn_ref=result.txn_ref).first()
        if order is None:
            return IpnOutcome.ORDER_NOT_FOUND
        if result.amount != order.amount:
            return IpnOutcome.INVALID_AMOUNT
        if order.status != GatewayOrder.Status.PENDING:
            return IpnOutcome.ALREADY_CONFIRMED
        order.response_code = result.response_code
        order.transaction_no = result.transaction_no
        order.status = GatewayOrder.Status.FAILED
        if result.success:
            order.status = GatewayOrder.Status.PAID
            order.payment = _gateway_payment(order, result, gateway_name)
        order.save()
    return IpnOutcome.CONFIRMED


def _gateway_payment(
    order: GatewayOrder, result: GatewayResult, gateway_name: str
) -> Payment | None:
    dossier = Dossier.objects.get(pk=order.dossier_id)
    with translation.override("vi"):
        words = _("Thẻ, ví điện tử (%(gateway)s)") % {"gateway": gateway_name}
    try:
        with transaction.atomic():
            reference = result.transaction_no or order.txn_ref
            return _pay(
                dossier,
                method=Method.GATEWAY,
                reference=reference,
                at=timezone.now(),
                method_words=words,
            )
    except ActionNotAllowed:  # paid another way meanwhile: the officer refunds this one
        log.warning("gateway_paid_not_due order=%s dossier=%s", order.txn_ref, dossier.pk)
        return None
