"""Pages and endpoints of payments: the citizen's card payment, the gateway's return and IPN,
the bank's webhook, the e-receipt, and the officer's desk (cash, free cases, refunds, flagged
bank credits, statement import)."""

import hashlib
import hmac
import json
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from dossiers.access import own_dossiers, staff_dossiers, visible_dossiers
from dossiers.errors import ActionNotAllowed
from motcua.ratelimit import client_address

from . import services
from .forms import CashForm, ExemptForm, NoteForm, StatementForm
from .gateways import GatewayResult, IpnOutcome, get_gateway
from .models import BankTransaction, GatewayOrder, Payment
from .receipts import render_receipt_pdf
from .statements import import_statement

log = logging.getLogger("motcua.payments")


# --- the citizen ---------------------------------------------------------------------------------


@login_required
@require_POST
def pay_by_card(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a card or e-wallet payment of the dossier's due fee: off to the gateway."""
    gateway = get_gateway()
    dossier = get_object_or_404(own_dossiers(request.user), pk=pk)
    if gateway is None:
        raise Http404
    try:
        order = services.start_gateway_order(dossier)
    except ActionNotAllowed as error:
        messages.error(request, str(error))
        return redirect("dossiers:my_dossier", pk=pk)
    url = gateway.payment_url(
        txn_ref=order.txn_ref,
        amount=order.amount,
        description=f"Thanh toan phi ho so {dossier.code}",
        client_ip=client_address(request),
        return_url=request.build_absolute_uri(reverse("payments:gateway_return")),
    )
    return redirect(url)


def _confirm(request: HttpRequest) -> tuple[GatewayResult, IpnOutcome]:
    gateway = get_gateway()
    if gateway is None:
        raise Http404
    result = gateway.parse(request.GET)
    return result, services.confirm_gateway_payment(result, gateway_name=gateway.name)


@require_GET
def gateway_ipn(request: HttpRequest) -> HttpResponse:
    """The gateway's server-to-server notification, answered as the gateway expects."""
    try:
        result, outcome = _confirm(request)
    except Http404:
        raise
    except Exception:  # the gateway retries on anything but its own answer codes
        log.exception("gateway_ipn_failed")
        outcome = IpnOutcome.UNKNOWN_ERROR
    else:
        log.info("gateway_ipn txn=%s outcome=%s", result.txn_ref, outcome.value)
    return JsonResponse(get_gateway().ipn_answer(outcome))


@login_required
@require_GET
def gateway_return(request: HttpRequest) -> HttpResponse:
    """The citizen's browser back from the gateway: confirmed the same way as the IPN."""
    result, outcome = _confirm(request)
    order = None
    if result.valid_signature:
        order = GatewayOrder.objects.filter(txn_ref=result.txn_ref).first()
    if order is None or not own_dossiers(request.user).filter(pk=order.dossier_id).exists():
        raise Http404
    if result.success and outcome in (IpnOutcome.CONFIRMED, IpnOutcome.ALREADY_CONFIRMED):
        messages.success(request, _("Thanh toán thành công. Biên lai điện tử đã được gửi cho bạn."))
    else:
        messages.error(request, _("Thanh toán không thành công. Bạn có thể thử lại."))
    return redirect("dossiers:my_dossier", pk=order.dossier_id)


@csrf_exempt
@require_POST
def bank_webhook(request: HttpRequest) -> HttpResponse:
    """The bank tells us of a credit: HMAC-SHA256 of the body in X-Signature; JSON body."""
    secret = settings.BANK_WEBHOOK_SECRET
    if not secret:
        raise Http404
    expected = hmac.new(secret.encode(), request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, request.headers.get("X-Signature", "").lower()):
        log.warning("bank_webhook_bad_signature from=%s", client_address(request))
        return JsonResponse({"ok": False, "error": "invalid signature"}, status=401)
    try:
        data = json.loads(request.body)
        credit, new = services.record_bank_credit(
            transaction_id=str(data["transaction_id"]),
            amount=int(data["amount"]),
            description=str(data.get("description", "")),
            account_number=str(data.get("account_number", "")),
            booked_at=parse_datetime(str(data.get("transaction_time", ""))),
            source=BankTransaction.Source.WEBHOOK,
        )
    except (ValueError, KeyError, TypeError, ValidationError):
        return JsonResponse({"ok": False, "error": "invalid body"}, status=400)
    return JsonResponse({"ok": True, "outcome": credit.outcome, "duplicate": not new})


@login_required
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The e-receipt of a payment on a dossier this user may see, as a PDF."""
    payment = get_object_or_404(
        Payment.objects.filter(dossier__in=visible_dossiers(request.user)).select_related(
            "dossier__agency", "dossier__procedure", "recorded_by"
        ),
        pk=pk,
    )
    response = HttpResponse(render_receipt_pdf(payment), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-lai-{payment.receipt_number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- the officer ---------------------------------------------------------------------------------


def _officer_action(request: HttpRequest, pk: int, form: object, perform: object) -> HttpResponse:
    if not form.is_valid():
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
        return redirect("dossiers:officer_detail", pk=pk)
    try:
        perform(form.cleaned_data)
    except (ActionNotAllowed, ValidationError) as error:
        messages.error(request, getattr(error, "message", None) or str(error))
    else:
        messages.success(request, _("Đã cập nhật phí, lệ phí của hồ sơ."))
    return redirect("dossiers:officer_detail", pk=pk)


@role_required(Role.OFFICER)
@require_POST
def record_cash(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_object_or_404(staff_dossiers(request.user), pk=pk)
    return _officer_action(
        request,
        pk,
        CashForm(request.POST),
        lambda data: services.record_cash(
            dossier.pk,
            officer=request.user,
            payer_name=data["payer_name"],
            reference=data["reference"],
        ),
    )


@role_required(Role.OFFICER)
@require_POST
def exempt(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_object_or_404(staff_dossiers(request.user), pk=pk)
    form = ExemptForm(request.POST, procedure_id=dossier.procedure_id)
    return _officer_action(
        request,
        pk,
        form,
        lambda data: services.exempt(dossier.pk, officer=request.user, reason=data["reason"]),
    )


@role_required(Role.OFFICER)
@require_POST
def refund(request: HttpRequest, pk: int) -> HttpResponse:
    payment = get_object_or_404(
        Payment.objects.filter(dossier__in=staff_dossiers(request.user)), pk=pk
    )
    return _officer_action(
        request,
        payment.dossier_id,
        NoteForm(request.POST),
        lambda data: services.refund(payment.pk, officer=request.user, reason=data["note"]),
    )


@role_required(Role.OFFICER, Role.LEADER)
def desk(request: HttpRequest) -> HttpResponse:
    """Bank credits that need an officer, and the statement import."""
    summary = None
    form = StatementForm()
    if request.method == "POST" and request.user.is_officer:
        form = StatementForm(request.POST, request.FILES)
        if form.is_valid():
            summary = import_statement(form.cleaned_data["statement"].read())
    flagged = (
        BankTransaction.objects.filter(outcome=BankTransaction.Outcome.FLAGGED)
        .filter(_in_agency(request))
        .select_related("dossier")[:100]
    )
    return render(
        request,
        "payments/desk.html",
        {"form": form, "summary": summary, "flagged": flagged, "note_form": NoteForm()},
    )


def _in_agency(request: HttpRequest) -> Q:
    """Flagged credits of this officer's dossiers, and those naming no dossier at all."""
    return Q(dossier=None) | Q(dossier__in=staff_dossiers(request.user))


@role_required(Role.OFFICER)
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    credit = get_object_or_404(BankTransaction.objects.filter(_in_agency(request)), pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.resolve_credit(credit.pk, officer=request.user, note=form.cleaned_data["note"])
        except ActionNotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã ghi nhận cách xử lý giao dịch."))
    else:
        messages.error(request, _("Vui lòng ghi cách đã xử lý giao dịch này."))
    return redirect("payments:desk")
