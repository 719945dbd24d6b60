"""The load test: a commune's day, as locust users (`make loadtest`, bench/README.md).

    locust -f bench/locustfile.py --host http://127.0.0.1:8300 --headless -u 50 -r 10 -t 60s

Three kinds of people, weighted like a commune's traffic:
    - visitors (6 in 10): the home page, the catalog, a search, a procedure, a public lookup;
    - citizens (3 in 10): sign in, their dossiers, and a submission with a 200 KB PDF per
      mandatory document (details, files, review, submit), then the dossier page;
    - officers (1 in 10): sign in, the queue of submitted dossiers, one dossier, accept it, and
      download its receipt slip.
Every user speaks as if Caddy were in front (one proxy, RATELIMIT_TRUSTED_PROXIES=1): its own
client address in X-Forwarded-For (rate limits count per person, as in production) and
X-Forwarded-Proto https (DEBUG off: secure cookies, CSRF's referer check). The accounts and
dossiers come from bench/loadtest_setup.py (LOADTEST_WORLD, default var/loadtest/world.json).
A page that does not answer what a person would see (a wrong status, a missing form) counts as
a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from collections.abc import Iterator
from pathlib import Path

from locust import HttpUser, between, task

WORLD = json.loads(
    Path(os.environ.get("LOADTEST_WORLD", "var/loadtest/world.json")).read_text(encoding="utf-8")
)
PDF = b"%PDF-1.4\n" + b"0" * 200_000 + b"\n%%EOF\n"
_addresses = (f"10.{a}.{b}.{c}" for a in range(1, 250) for b in range(256) for c in range(1, 255))
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_VERSION = re.compile(r'name="version" value="(\d+)"')
_DOCUMENT = re.compile(r'name="(document_\d+)"')
_OFFICER_DOSSIER = re.compile(r'href="/can-bo/ho-so/(\d+)/"')
_MY_DOSSIER = re.compile(r'href="/ho-so/(\d+)/"')


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 4)

    def on_start(self) -> None:
        self.client.headers.update(
            {
                "X-Forwarded-For": next(_addresses),
                "X-Forwarded-Proto": "https",
                "Referer": self.host.replace("http://", "https://") + "/",
                "User-Agent": "MotCua load test (locust)",
            }
        )

    def _cookies_over_plain_http(self) -> None:
        """TLS ends at the proxy: the app's Secure cookies travel to it over plain HTTP here."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def page(self, path: str, name: str, expect: str = "", **kwargs: object) -> str:
        """GET a page that must answer 200 (and show `expect`); its HTML."""
        self._cookies_over_plain_http()
        with self.client.get(path, name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200 or expect not in response.text:
                response.failure(f"{path}: HTTP {response.status_code}, {expect!r} wanted")
                return ""
            return response.text

    def post(
        self, path: str, name: str, html: str, data: dict, **kwargs: object
    ) -> tuple[str, str]:
        """POST a form (with the CSRF token of the page it is on); the page it leads to (its
        HTML and its address): a form done well redirects."""
        token = _CSRF.search(html)
        if token is None:
            return "", ""
        self._cookies_over_plain_http()
        with self.client.post(
            path,
            name=name,
            data={"csrfmiddlewaretoken": token.group(1), **data},
            catch_response=True,
            **kwargs,
        ) as response:
            if response.status_code != 200 or not response.history:
                response.failure(f"{path}: HTTP {response.status_code}, not redirected")
                return "", ""
            return response.text, response.url

    def sign_in(self, phone: str, password: str) -> None:
        html = self.page("/tai-khoan/dang-nhap/", "sign in: form")
        self.post(
            "/tai-khoan/dang-nhap/",
            "sign in",
            html,
            {"username": phone, "password": password},
        )


class Visitor(Person):
    weight = 6

    @task(2)
    def home(self) -> None:
        self.page("/", "home")

    @task(3)
    def catalog(self) -> None:
        self.page("/thu-tuc/", "catalog")
        self.page("/thu-tuc/", "catalog: search", params={"q": "khai sinh"})

    @task(3)
    def procedure(self) -> None:
        self.page(f"/thu-tuc/{random.choice(WORLD['procedures'])}/", "procedure")

    @task(3)
    def lookup(self) -> None:
        code, last_digits = random.choice(WORLD["lookups"])
        self.page("/tra-cuu/", "lookup", expect=code, params={"ma": code, "so": last_digits})


class SignedIn(Person):
    """Signs in once, with the next account of its kind."""

    abstract = True
    kind = ""
    accounts: Iterator[str]

    def on_start(self) -> None:
        super().on_start()
        self.sign_in(next(self.accounts), WORLD["password"][self.kind])


class Citizen(SignedIn):
    weight = 3
    kind = "citizen"
    accounts = itertools.cycle(WORLD["citizens"])

    @task(2)
    def my_dossiers(self) -> None:
        html = self.page("/ho-so/", "my dossiers")
        mine = _MY_DOSSIER.findall(html)
        if mine:
            self.page(f"/ho-so/{random.choice(mine)}/", "my dossier")

    @task(1)
    def submit(self) -> None:
        procedure = random.choice(WORLD["procedures"])
        form = self.page(f"/thu-tuc/{procedure}/nop/", "submit 1: form")
        agency = re.search(r'<option value="(\d+)"[^>]*>UBND xã Thạnh Xuân', form)
        details = {"full_name": "Công dân thử tải", "phone": "0920000001"}
        documents, address = self.post(
            f"/thu-tuc/{procedure}/nop/",
            "submit 1: details",
            form,
            {**details, "agency": agency.group(1) if agency else "", "request_details": "Thử tải"},
        )
        found = re.search(r"/ho-so/(\d+)/giay-to/$", address)
        if found is None:
            return
        names = set(_DOCUMENT.findall(documents))
        files = {name: ("trang-1.pdf", PDF, "application/pdf") for name in names}
        review, _ = self.post(address, "submit 2: files", documents, {"next": "1"}, files=files)
        # Submitted: redirected to the page with the code (a refusal stays on the review page).
        self.post(f"/ho-so/{found.group(1)}/xem-lai/", "submit 3: review and submit", review, {})


class Officer(SignedIn):
    weight = 1
    kind = "officer"
    accounts = itertools.cycle(WORLD["officers"])

    @task(3)
    def queue(self) -> None:
        self.page("/can-bo/ho-so/", "queue")

    @task(2)
    def accept_one(self) -> None:
        waiting = self.page("/can-bo/ho-so/", "queue: submitted", params={"state": "submitted"})
        found = _OFFICER_DOSSIER.findall(waiting)
        if not found:
            return
        pk = random.choice(found[:10])
        detail = self.page(f"/can-bo/ho-so/{pk}/", "officer: dossier")
        version = _VERSION.search(detail)
        if version is None or f"/can-bo/ho-so/{pk}/accept/" not in detail:
            return  # accepted by a colleague meanwhile
        accepted, _ = self.post(
            f"/can-bo/ho-so/{pk}/accept/", "officer: accept", detail, {"version": version.group(1)}
        )
        if "/phieu/receipt/" in accepted:
            self.page(f"/ho-so/{pk}/phieu/receipt/", "officer: receipt slip")
