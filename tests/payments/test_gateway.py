"""The VNPay round trip against a real gateway on 127.0.0.1 (fake_vnpay): signed redirect, IPN
answered with VNPay's RspCode values, return URL; replayed, tampered and wrong-amount IPNs."""

import urllib.error
import urllib.request
from urllib.parse import parse_qsl, urlsplit

import pytest

from django.urls import reverse

from dossiers.models import FeeStatus
from payments.models import GatewayOrder, Method, Payment

from .fake_vnpay import FakeVNPay, signed

TERMINAL, SECRET = "MOTCUA01", "VNPAYSECRETFORTESTS0123456789"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.fixture
def gateway(settings, live_server):
    with FakeVNPay(terminal=TERMINAL, secret=SECRET) as fake:
        settings.VNPAY_TMN_CODE = TERMINAL
        settings.VNPAY_HASH_SECRET = SECRET
        settings.VNPAY_PAYMENT_URL = fake.url
        settings.PAYMENT_GATEWAY = "payments.gateways.vnpay.VNPayGateway"
        fake.ipn_url = live_server.url + reverse("payments:gateway_ipn")
        yield fake


def go_to_gateway(url: str) -> str:
    """The browser follows our redirect to the gateway; returns where the gateway sends it."""
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(url, timeout=20)
    assert answer.value.code == 302
    return answer.value.headers["Location"]


def test_card_payment_round_trip(client, gateway, due, citizen):
    client.force_login(citizen)
    start = client.post(reverse("payments:pay_by_card", args=[due.pk]))
    assert start.status_code == 302 and start["Location"].startswith(gateway.url)
    sent = dict(parse_qsl(urlsplit(start["Location"]).query))
    assert (sent["vnp_Amount"], sent["vnp_Command"], sent["vnp_CurrCode"]) == (
        "5000000",
        "pay",
        "VND",
    )

    back = go_to_gateway(start["Location"])
    assert gateway.ipn_answers == [{"RspCode": "00", "Message": "Confirm Success"}]
    due.refresh_from_db()
    assert due.fee_status == FeeStatus.PAID
    assert (due.fee_method, due.fee_paid_online, due.fee_reference) == (
        Method.GATEWAY,
        True,
        "14422574",
    )

    returned = client.get(urlsplit(back).path + "?" + urlsplit(back).query, follow=True)
    assert "Thanh toán thành công" in returned.content.decode()
    assert Payment.objects.filter(dossier=due).count() == 1

    # The gateway tells us again (it retries until it hears 00 or 02): already confirmed.
    assert gateway.call_ipn(gateway.ipn_queries[0]) == {
        "RspCode": "02",
        "Message": "Order already confirmed",
    }
    assert Payment.objects.filter(dossier=due).count() == 1


def test_ipn_with_a_bad_signature_or_wrong_amount_or_unknown_order(client, gateway, due):
    order = GatewayOrder.objects.create(txn_ref="T1", dossier=due, amount=50_000)
    result = {
        "vnp_Amount": "5000000",
        "vnp_ResponseCode": "00",
        "vnp_TmnCode": TERMINAL,
        "vnp_TransactionNo": "1",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": order.txn_ref,
    }
    tampered = signed(result, SECRET).replace("vnp_Amount=5000000", "vnp_Amount=100")
    assert gateway.call_ipn(tampered)["RspCode"] == "97"
    assert gateway.call_ipn(signed({**result, "vnp_Amount": "100"}, SECRET))["RspCode"] == "04"
    assert gateway.call_ipn(signed({**result, "vnp_TxnRef": "NOPE"}, SECRET))["RspCode"] == "01"
    due.refresh_from_db()
    assert due.fee_status == FeeStatus.DUE
    order.refresh_from_db()
    assert order.status == GatewayOrder.Status.PENDING


def test_a_failed_card_payment_leaves_the_fee_due(client, gateway, due):
    order = GatewayOrder.objects.create(txn_ref="T2", dossier=due, amount=50_000)
    failed = {
        "vnp_Amount": "5000000",
        "vnp_ResponseCode": "24",  # the customer cancelled
        "vnp_TmnCode": TERMINAL,
        "vnp_TransactionNo": "0",
        "vnp_TransactionStatus": "02",
        "vnp_TxnRef": order.txn_ref,
    }
    assert gateway.call_ipn(signed(failed, SECRET))["RspCode"] == "00"
    order.refresh_from_db()
    due.refresh_from_db()
    assert (order.status, due.fee_status) == (GatewayOrder.Status.FAILED, FeeStatus.DUE)


def test_no_gateway_configured_no_card_button(client, due, citizen, settings):
    settings.PAYMENT_GATEWAY = ""
    client.force_login(citizen)
    page = client.get(reverse("dossiers:my_dossier", args=[due.pk])).content.decode()
    assert "Thanh toán bằng thẻ, ví điện tử" not in page
    assert client.post(reverse("payments:pay_by_card", args=[due.pk])).status_code == 404
