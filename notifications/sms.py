"""SMS backends, chosen by `settings.SMS_BACKEND` (a dotted path), like Django's email backends.

Every backend takes the phone number, the (already folded) text and a `key` unique to the
notification. Errors worth retrying raise `TransportError`; errors retrying cannot fix raise
`PermanentError`.
"""

from __future__ import annotations

import fcntl
import json
import logging
import sqlite3
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from .errors import PermanentError, TransportError
from .smsindex import SentKeys

logger = logging.getLogger(__name__)


class BaseSmsBackend:
    def send(self, *, to: str, text: str, key: str) -> None:
        raise NotImplementedError


class GatewayBackend(BaseSmsBackend):
    """POSTs JSON to the provider's HTTP API (SMS_GATEWAY_URL) with a bearer token.

    Body: {"to", "text", "brand", "request_id"}. `request_id` is the notification's key: a
    gateway that refuses a request id it has already seen makes a resend after a crash harmless.
    2xx is accepted; 408, 429 and 5xx, timeouts and network errors are retried; any other
    answer (bad number, bad token) fails the notification at once.
    """

    def __init__(self) -> None:
        self.url = settings.SMS_GATEWAY_URL
        self.token = settings.SMS_GATEWAY_TOKEN
        self.brand = settings.SMS_BRAND_NAME
        self.timeout = settings.SMS_TIMEOUT

    def send(self, *, to: str, text: str, key: str) -> None:
        if not self.url:
            raise PermanentError("SMS_GATEWAY_URL is not set")
        payload = json.dumps(
            {"to": to, "text": text, "brand": self.brand, "request_id": key}
        ).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=payload, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read(4096)
        except urllib.error.HTTPError as error:
            detail = f"HTTP {error.code} from SMS gateway"
            if error.code >= 500 or error.code in (408, 429):
                raise TransportError(detail) from error
            raise PermanentError(detail) from error
        except TimeoutError as error:
            raise TransportError(f"SMS gateway timed out after {self.timeout}s") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise TransportError(f"SMS gateway timed out after {self.timeout}s") from error
            raise TransportError(f"SMS gateway unreachable: {error.reason}") from error
        except OSError as error:  # connection reset while reading, ...
            raise TransportError(f"SMS gateway connection error: {error}") from error


class FileBackend(BaseSmsBackend):
    """Development: one JSON line per message in SMS_FILE_PATH/sms-YYYY-MM-DD.jsonl.

    Idempotent by `key`, like a gateway that knows its request ids: under an exclusive lock on
    the day's file, a key already written is not written again, so a worker killed between
    writing and marking the row sent does not produce a second line when the row is sent
    again. The keys written are kept in an index beside the file (smsindex.SentKeys), so the
    check costs the same at the first message of the day and at the millionth.
    """

    def __init__(self) -> None:
        self.folder = Path(settings.SMS_FILE_PATH)

    def send(self, *, to: str, text: str, key: str) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"sms-{timezone.localdate():%Y-%m-%d}.jsonl"
            line = json.dumps(
                {"at": timezone.now().isoformat(), "key": key, "to": to, "text": text},
                ensure_ascii=False,
            )
            with open(path, "ab") as sink:
                fcntl.flock(sink, fcntl.LOCK_EX)  # one writer at a time, across processes
                with SentKeys(path) as sent:
                    if key in sent:
                        logger.info("sms.file.duplicate_suppressed key=%s", key)
                        return
                    sink.write(line.encode() + b"\n")
                    sink.flush()
                    sent.add(key, size=sink.tell())
        except (OSError, sqlite3.Error) as error:
            raise TransportError(f"cannot write SMS file: {error}") from error


class ConsoleBackend(BaseSmsBackend):
    """Development: print each message."""

    def send(self, *, to: str, text: str, key: str) -> None:
        sys.stdout.write(f"SMS to {to} [{key}]: {text}\n")
        sys.stdout.flush()


class LocmemBackend(BaseSmsBackend):
    """Tests: messages collect in `LocmemBackend.outbox` (a list of dicts)."""

    outbox: ClassVar[list[dict[str, str]]] = []

    def send(self, *, to: str, text: str, key: str) -> None:
        LocmemBackend.outbox.append({"to": to, "text": text, "key": key})


def get_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()
