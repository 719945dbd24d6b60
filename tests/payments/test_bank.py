"""The bank's notification webhook and the statement import: signature, replay (idempotent by
the bank's transaction id), amount and reference checked, mismatches flagged, never accepted."""

from django.core import mail
from django.urls import reverse

from dossiers.models import DossierEvent, FeeStatus
from notifications.models import Notification
from payments.models import BankTransaction, Method, Payment
from payments.statements import import_statement
from tests.factories import DossierFactory

from .conftest import ACCOUNT, FEE, signed_post

Outcome, Problem = BankTransaction.Outcome, BankTransaction.Problem


def credit(dossier, **changes):
    body = {
        "transaction_id": "FT26333000123",
        "amount": FEE,
        "description": f"MBVCB.8812.{dossier.code}.CT tu 0123 NGUYEN VAN AN",
        "account_number": ACCOUNT,
        "transaction_time": "2026-11-29T10:15:00+07:00",
    }
    return {**body, **changes}


def test_signed_notification_pays_the_fee_and_sends_the_receipt(
    client, due, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = signed_post(client, credit(due))
    assert response.status_code == 200
    assert response.json() == {"ok": True, "outcome": "matched", "duplicate": False}
    due.refresh_from_db()
    assert due.fee_status == FeeStatus.PAID
    assert (due.fee_method, due.fee_paid_online, due.fee_reference) == (
        Method.VIETQR,
        True,
        "FT26333000123",
    )
    payment = Payment.objects.get(dossier=due)
    event = due.events.get(kind=DossierEvent.Kind.FEE_PAID)
    assert event.payment["receipt_url"].endswith(f"/thanh-toan/bien-lai/{payment.pk}/")
    message = Notification.objects.filter(source=f"dossier_event:{event.pk}").first()
    assert message is not None and message.template == "dossier_fee_paid"


def test_the_same_transaction_told_twice_pays_once(client, due):
    first = signed_post(client, credit(due))
    again = signed_post(client, credit(due))
    assert first.json()["duplicate"] is False
    assert again.json() == {"ok": True, "outcome": "matched", "duplicate": True}
    assert Payment.objects.filter(dossier=due).count() == 1
    assert due.events.filter(kind=DossierEvent.Kind.FEE_PAID).count() == 1


def test_bad_signature_is_refused_and_changes_nothing(client, due):
    response = signed_post(client, credit(due), secret="not-the-secret")
    assert response.status_code == 401
    assert not BankTransaction.objects.exists()
    due.refresh_from_db()
    assert due.fee_status == FeeStatus.DUE


def test_wrong_amount_is_flagged_not_accepted(client, due, officer):
    response = signed_post(client, credit(due, amount=5_000))
    assert response.json()["outcome"] == "flagged"
    flagged = BankTransaction.objects.get()
    assert (flagged.outcome, flagged.problem, flagged.dossier) == (
        Outcome.FLAGGED,
        Problem.WRONG_AMOUNT,
        due,
    )
    due.refresh_from_db()
    assert due.fee_status == FeeStatus.DUE
    client.force_login(officer)
    page = client.get(reverse("payments:desk")).content.decode()
    assert "FT26333000123" in page and "Số tiền khác số phí phải nộp" in page
    client.post(reverse("payments:resolve", args=[flagged.pk]), {"note": "Đã hoàn trả cho dân"})
    flagged.refresh_from_db()
    assert (flagged.outcome, flagged.resolved_by) == (Outcome.RESOLVED, officer)


def test_note_without_a_dossier_code_is_flagged(client, due):
    signed_post(client, credit(due, description="chuyen tien le phi"))
    assert BankTransaction.objects.get().problem == Problem.NO_REFERENCE


def test_another_account_is_flagged(client, due):
    signed_post(client, credit(due, account_number="999999"))
    assert BankTransaction.objects.get().problem == Problem.WRONG_ACCOUNT
    assert not Payment.objects.exists()


def test_a_second_payment_of_a_paid_fee_is_flagged(client, due):
    signed_post(client, credit(due))
    signed_post(client, credit(due, transaction_id="FT26333000999"))
    second = BankTransaction.objects.get(transaction_id="FT26333000999")
    assert (second.outcome, second.problem) == (Outcome.FLAGGED, Problem.NOT_DUE)
    assert Payment.objects.count() == 1


def test_code_found_without_its_dots_and_hyphens(client, due):
    bare = due.code.replace(".", "").replace("-", "")
    signed_post(client, credit(due, description=f"IBFT {bare} NOP PHI"))
    assert BankTransaction.objects.get().outcome == Outcome.MATCHED


def test_statement_lines_matched_by_reference_and_webhook_lines_not_twice(
    client, due, procedure, agency, citizen, officer
):
    other = DossierFactory(
        processing=True, procedure=procedure, agency=agency, applicant=citizen, officer=officer
    )
    signed_post(client, credit(due))  # told by the webhook already
    csv = (
        "Ngày giao dịch,Số tham chiếu,Số tiền,Nội dung\n"
        f'29/11/2026 10:15,FT26333000123,"50,000",{due.code}\n'
        f'29/11/2026 11:00,FT26333000200,"50,000",NOP PHI {other.code}\n'
        "29/11/2026 11:05,FT26333000201,20000,chuyen nham\n"
        "29/11/2026 11:06,FT26333000202,abc,loi\n"
    ).encode()
    summary = import_statement(csv)
    assert (summary.matched, summary.flagged, summary.already) == (1, 1, 1)
    assert summary.errors == ["Dòng 5: không đọc được số tiền."]
    other.refresh_from_db()
    assert other.fee_status == FeeStatus.PAID
    assert Payment.objects.count() == 2


def test_statement_without_the_columns_is_refused(db):
    summary = import_statement(b"a,b,c\n1,2,3\n")
    assert summary.errors and summary.matched == 0
    assert not BankTransaction.objects.exists()


def test_no_secret_no_webhook(client, due, settings):
    settings.BANK_WEBHOOK_SECRET = ""
    assert signed_post(client, credit(due)).status_code == 404
    assert not mail.outbox
