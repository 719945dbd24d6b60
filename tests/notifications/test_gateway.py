"""The HTTP SMS gateway backend against a small HTTP server on the loopback interface.

The server answers from a script, one answer per request: a status code, or "hang" (no
answer before the client's timeout). A 500 is retried, a timeout is retried, a 200 marks the
row sent.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from notifications import sms
from notifications.errors import PermanentError, TransportError
from notifications.models import Status
from notifications.sending import Outcome, deliver

from .helpers import fresh, write

pytestmark = pytest.mark.django_db


class Gateway:
    """A fake SMS provider: records every request, answers from `script`."""

    def __init__(self) -> None:
        self.script: list[int | str] = []
        self.requests: list[dict] = []
        self.release = threading.Event()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                gateway.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "json": json.loads(self.rfile.read(length)),
                    }
                )
                answer = gateway.script.pop(0) if gateway.script else 200
                if answer == "hang":
                    gateway.release.wait(5)
                    answer = 200
                body = b'{"status": "ok"}' if answer == 200 else b'{"error": "x"}'
                try:
                    self.send_response(answer)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/sms"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> "Gateway":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings, monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with Gateway() as fake:
        settings.SMS_BACKEND = "notifications.sms.GatewayBackend"
        settings.SMS_GATEWAY_URL = fake.url
        settings.SMS_GATEWAY_TOKEN = "token-for-tests"
        settings.SMS_BRAND_NAME = "UBND TXUAN"
        settings.SMS_TIMEOUT = 0.5
        yield fake


def test_a_200_marks_it_sent_with_the_settings_in_the_request(citizen, gateway):
    (row,) = write(citizen)
    assert deliver(row.pk).outcome == Outcome.SENT
    assert fresh(row).status == Status.SENT
    (request,) = gateway.requests
    assert request["path"] == "/api/sms"
    assert request["headers"]["Authorization"] == "Bearer token-for-tests"
    assert request["json"] == {
        "to": "0912345678",
        "text": row.body,
        "brand": "UBND TXUAN",
        "request_id": f"motcua-{row.pk}",
    }
    assert request["json"]["text"].isascii()


def test_a_500_is_retried(citizen, gateway):
    (row,) = write(citizen)
    gateway.script = [500]
    result = deliver(row.pk)
    assert result.outcome == Outcome.RETRY
    assert result.retry_in == 30
    stored = fresh(row)
    assert (stored.status, stored.attempts) == (Status.PENDING, 1)
    assert stored.last_error == "HTTP 500 from SMS gateway"
    assert deliver(row.pk).outcome == Outcome.SENT  # the next answer is a 200
    assert len(gateway.requests) == 2
    assert fresh(row).attempts == 2


def test_a_timeout_is_retried(citizen, gateway):
    (row,) = write(citizen)
    gateway.script = ["hang"]
    started = time.monotonic()
    result = deliver(row.pk)
    assert time.monotonic() - started < 3
    assert result.outcome == Outcome.RETRY
    assert "timed out after 0.5s" in fresh(row).last_error
    gateway.release.set()
    assert deliver(row.pk).outcome == Outcome.SENT


@pytest.mark.parametrize("status", [400, 401, 403])
def test_a_refusal_is_not_retried(citizen, gateway, status):
    (row,) = write(citizen)
    gateway.script = [status]
    assert deliver(row.pk).outcome == Outcome.FAILED
    assert fresh(row).last_error == f"HTTP {status} from SMS gateway"


@pytest.mark.parametrize("status", [429, 502, 503])
def test_throttling_and_gateway_errors_are_retried(gateway, status):
    gateway.script = [status]
    with pytest.raises(TransportError):
        sms.GatewayBackend().send(to="0912345678", text="x", key="k")


def test_nobody_listening_is_retried(settings, gateway):
    gateway.server.server_close()
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:1/api/sms"
    with pytest.raises(TransportError, match="unreachable"):
        sms.GatewayBackend().send(to="0912345678", text="x", key="k")


def test_no_url_configured_fails(settings):
    settings.SMS_GATEWAY_URL = ""
    with pytest.raises(PermanentError):
        sms.GatewayBackend().send(to="0912345678", text="x", key="k")
