"""A commune with a bank account, a procedure with a fee, and a dossier whose fee is due."""

import hashlib
import hmac
import json

import pytest

from tests.factories import DossierFactory, ProcedureFactory

ACCOUNT = "0011001234567"
SECRET = "webhook-secret-for-tests"
FEE = 50_000


@pytest.fixture(autouse=True)
def _bank(settings, media_root):
    settings.VIETQR_BANK_BIN = "970436"
    settings.VIETQR_ACCOUNT_NUMBER = ACCOUNT
    settings.VIETQR_ACCOUNT_NAME = "UBND XA THANH XUAN"
    settings.VIETQR_BANK_NAME = "Vietcombank"
    settings.BANK_WEBHOOK_SECRET = SECRET


@pytest.fixture
def procedure(db):
    return ProcedureFactory(with_documents=True, name="Cấp bản sao trích lục", fee_vnd=FEE)


@pytest.fixture
def due(procedure, agency, citizen, officer):
    """Accepted online: the fee of 50,000 đồng is due."""
    return DossierFactory(
        processing=True, procedure=procedure, agency=agency, applicant=citizen, officer=officer
    )


def signed_post(client, body: dict, *, secret: str = SECRET):
    data = json.dumps(body).encode()
    signature = hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()
    return client.post(
        "/thanh-toan/ngan-hang/thong-bao/",
        data=data,
        content_type="application/json",
        headers={"X-Signature": signature},
    )
