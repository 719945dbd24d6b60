"""A real HTTP server on 127.0.0.1 that plays VNPay 2.1.0's side: it checks the signed redirect
like the gateway does, "charges the card", calls the merchant's IPN URL server to server and
sends the browser back to the return URL. Its signing is written here from VNPay's
documentation, not taken from payments.gateways.vnpay."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit


def vnpay_hash(params: dict[str, str], secret: str) -> str:
    query = "&".join(f"{quote_plus(k)}={quote_plus(params[k])}" for k in sorted(params))
    return hmac.new(secret.encode(), query.encode(), hashlib.sha512).hexdigest()


def signed(params: dict[str, str], secret: str) -> str:
    return urlencode({**params, "vnp_SecureHash": vnpay_hash(params, secret)})


class FakeVNPay:
    def __init__(self, *, terminal: str, secret: str) -> None:
        self.terminal, self.secret = terminal, secret
        self.ipn_url = ""
        self.ipn_answers: list[dict] = []
        self.ipn_queries: list[str] = []
        self.refused: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/paymentv2/vpcpay.html"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeVNPay:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def call_ipn(self, query: str) -> dict:
        with urllib.request.urlopen(f"{self.ipn_url}?{query}", timeout=10) as response:
            return json.loads(response.read())

    def _pay(self, params: dict[str, str]) -> str:
        """The card was charged: the result's signed query."""
        result = {
            "vnp_Amount": params["vnp_Amount"],
            "vnp_BankCode": "NCB",
            "vnp_CardType": "ATM",
            "vnp_OrderInfo": params["vnp_OrderInfo"],
            "vnp_PayDate": params["vnp_CreateDate"],
            "vnp_ResponseCode": "00",
            "vnp_TmnCode": self.terminal,
            "vnp_TransactionNo": "14422574",
            "vnp_TransactionStatus": "00",
            "vnp_TxnRef": params["vnp_TxnRef"],
        }
        return signed(result, self.secret)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                params = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
                given = params.pop("vnp_SecureHash", "")
                ok = (
                    params.get("vnp_Version") == "2.1.0"
                    and params.get("vnp_TmnCode") == gateway.terminal
                    and hmac.compare_digest(given, vnpay_hash(params, gateway.secret))
                )
                if not ok:
                    gateway.refused.append(self.path)
                    self.send_response(400)
                    self.end_headers()
                    self.wfile.write(b"Sai chu ky")
                    return
                query = gateway._pay(params)
                gateway.ipn_queries.append(query)
                gateway.ipn_answers.append(gateway.call_ipn(query))
                self.send_response(302)
                self.send_header("Location", f"{params['vnp_ReturnUrl']}?{query}")
                self.end_headers()

        return Handler
