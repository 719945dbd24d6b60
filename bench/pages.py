"""`make bench`, pages: the app served as in production, each page against a bare Django view.

gunicorn with 2 sync workers (`-w 2`), DEBUG off, the shipped settings (bench.pages_settings
adds the bare view's URL, nothing else), the bench database, Redis if BENCH_REDIS_URL is set;
then `wrk -t2 -c16` for 8 s on each page in turn, the bare view first, and each page's
requests per second and its share of the bare view's. A page answering anything but 200 fails
the run. The officer pages are read with a session of an officer of the commune with the most
dossiers; the lookup is a real code and phone (LOOKUP_RATE_LIMIT is raised for the run: wrk
comes from one address, and refusals would be counted as answers).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count

from accounts.models import User
from accounts.roles import Role
from dossiers.models import Dossier, State

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench-pages"
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


@dataclass
class Page:
    name: str
    path: str
    cookie: str = ""


def _officer_session() -> tuple[str, int, int]:
    """A session cookie of an officer of the busiest commune, and a dossier it is working on."""
    busiest = (Dossier.objects.values("agency_id").annotate(n=Count("pk")).order_by("-n").first())[
        "agency_id"
    ]
    officer = User.objects.filter(agency_id=busiest, groups__name=Role.OFFICER).order_by("pk")[0]
    dossier = (
        Dossier.objects.filter(agency_id=busiest, state=State.PROCESSING)
        .order_by("-accepted_at")
        .first()
    )
    session = SessionStore()
    session[SESSION_KEY] = str(officer.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = officer.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}", dossier.pk, busiest


def pages() -> list[Page]:
    cookie, dossier_pk, _agency = _officer_session()
    found = Dossier.objects.exclude(code=None).filter(state=State.PROCESSING).order_by("pk")[0]
    lookup = urlencode({"ma": found.code.lower(), "so": found.applicant_phone[-4:]})
    return [
        Page("bare Django (one HttpResponse)", "/bench/bare/"),
        Page("home /", "/"),
        Page("catalog /thu-tuc/", "/thu-tuc/"),
        Page("catalog search /thu-tuc/?q=khai+sinh", "/thu-tuc/?q=khai+sinh"),
        Page("public lookup /tra-cuu/?ma=...&so=...", f"/tra-cuu/?{lookup}"),
        Page("officer queue /can-bo/ho-so/", "/can-bo/ho-so/", cookie),
        Page("officer dossier page", f"/can-bo/ho-so/{dossier_pk}/", cookie),
    ]


def _environment(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.pages_settings",
        DEBUG="0",
        SECRET_KEY=settings.SECRET_KEY,  # the officer's session is signed here
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        LOOKUP_RATE_LIMIT="100000000",
        MEDIA_ROOT=str(OUT / "media"),
        STATIC_ROOT=str(OUT / "static"),
        SITE_URL=f"http://127.0.0.1:{port}",
    )
    env.pop("REDIS_URL", None)
    if os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    return env


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect (to the sign-in page) is an answer of its own, not followed


_opener = urllib.request.build_opener(_NoRedirect)


def _get(url: str, cookie: str) -> int:
    """The status of a GET, redirects not followed (an HTTPError's status is returned)."""
    headers = {**HEADERS, **({"Cookie": cookie} if cookie else {})}
    try:
        with _opener.open(urllib.request.Request(url, headers=headers), timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wrk(url: str, cookie: str, seconds: int) -> float:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency"]
    for name, value in {**HEADERS, **({"Cookie": cookie} if cookie else {})}.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:  # wrk counts 3xx as answers: _get checked for 200 first
        raise SystemExit(f"wrk: answers other than 200 from {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def measure(port: int, seconds: int = 8) -> list[str]:
    """Serve, measure each page, stop serving; the lines to print."""
    OUT.mkdir(parents=True, exist_ok=True)
    env = _environment(port)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    gunicorn = Path(python).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "motcua.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--error-logfile",
            str(OUT / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base)
        measured = []
        for page in pages():
            status = _get(base + page.path, page.cookie)  # warm-up; fills the caches
            if status != 200:
                raise SystemExit(f"{page.path} answered {status}")
            measured.append((page, _wrk(base + page.path, page.cookie, seconds)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    bare = measured[0][1]
    lines = [f"Pages: gunicorn -w 2, DEBUG=0, wrk -t2 -c16 {seconds} s each, load {_load()}"]
    for page, rate in measured:
        lines.append(f"  {page.name:<52}{rate:8.0f} req/s {rate / bare * 100:6.1f}%")
    return lines


def _wait(base: str) -> None:
    for _ in range(60):
        try:
            _get(base + "/bench/bare/", "")
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer (var/bench-pages/gunicorn.log)")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
