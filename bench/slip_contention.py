"""Issue 12, item 4: does an officer downloading slips slow the public pages down?

    DATABASE_URL=... SECRET_KEY=... python bench/slip_contention.py --url http://127.0.0.1:8302

Against a served instance (gunicorn) of the database DATABASE_URL names, with the same
SECRET_KEY, after bench/loadtest_setup.py: takes an officer of UBND xã Thạnh Xuân and accepts
one submitted dossier if none has a receipt yet, then times the public catalog (`/thu-tuc/`,
signed out) 40 times alone, and 40 times while 20 threads download that receipt as the officer
without pause. Prints the medians (and the slip downloads done meanwhile) as JSON.
"""

import argparse
import json
import statistics
import sys
import threading
import time
import urllib.request
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from bench import configure_django

configure_django()  # before the project's modules below are imported (E402 allowed here)

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from accounts.models import User
from accounts.roles import Role
from agencies.seed import THANH_XUAN_IDENTIFIER
from dossiers import services
from dossiers.models import Dossier, DossierEvent, State

HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.9.9.9"}


def _officer_session(officer: User) -> str:
    """A signed-in session for the officer, as Django's test client makes one."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = officer._meta.pk.value_to_string(officer)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = officer.get_session_auth_hash()
    session.save()
    return session.session_key


def _accepted(officer: User) -> Dossier:
    event = DossierEvent.objects.filter(kind="accepted", dossier__agency=officer.agency).first()
    if event is not None:
        return event.dossier
    waiting = Dossier.objects.filter(agency=officer.agency, state=State.SUBMITTED).first()
    return services.accept(waiting.pk, officer=officer)


def _get(url: str, headers: dict[str, str]) -> float:
    started = time.perf_counter()
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")
    return time.perf_counter() - started


def _public(base: str, count: int) -> list[float]:
    return [_get(f"{base}/thu-tuc/", HEADERS) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--parallel", type=int, default=20)
    parser.add_argument("--samples", type=int, default=40)
    args = parser.parse_args()
    base = args.url.rstrip("/")
    officer = User.objects.filter(
        agency__identifier=THANH_XUAN_IDENTIFIER, groups__name=Role.OFFICER
    ).first()
    dossier = _accepted(officer)
    slip = f"{base}/ho-so/{dossier.pk}/phieu/receipt/"
    signed_in = {**HEADERS, "Cookie": f"{settings.SESSION_COOKIE_NAME}={_officer_session(officer)}"}
    first = _get(slip, signed_in)
    _public(base, 5)  # warm every worker up
    alone = _public(base, args.samples)

    stop = threading.Event()
    downloads: list[float] = []

    def download() -> None:
        while not stop.is_set():
            downloads.append(_get(slip, signed_in))

    threads = [threading.Thread(target=download) for _ in range(args.parallel)]
    for thread in threads:
        thread.start()
    time.sleep(2)  # the downloads are under way
    loaded = _public(base, args.samples)
    stop.set()
    for thread in threads:
        thread.join()
    print(
        json.dumps(
            {
                "first_slip_download_s": round(first, 3),
                "public_median_ms_alone": round(statistics.median(alone) * 1000, 1),
                "public_median_ms_during_downloads": round(statistics.median(loaded) * 1000, 1),
                "public_max_ms_during_downloads": round(max(loaded) * 1000, 1),
                "slip_downloads_done": len(downloads),
                "slip_download_median_ms": round(statistics.median(downloads) * 1000, 1),
                "parallel_downloads": args.parallel,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
