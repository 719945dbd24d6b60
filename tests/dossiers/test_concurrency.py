"""Several people at the same instant: codes never repeat, one officer's action wins.

PostgreSQL only (row locks and the upsert under real concurrency). Each thread has its own
database connection and closes it when it ends.
"""

import threading
import time
from collections.abc import Callable

import pytest

from django.db import connection, transaction

from dossiers import services
from dossiers.errors import ActionNotAllowed, DossierChanged
from dossiers.models import Dossier, DossierEvent, State
from tests.factories import DossierFactory, UserFactory

from .helpers import at

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

Kind = DossierEvent.Kind
STALE_MESSAGE = "Hồ sơ đã được cập nhật bởi người khác, vui lòng tải lại trang."
# Safety nets so that a broken test fails instead of hanging; never a measure of speed.
HANG_SECONDS = 60


def _wait_until_blocked(pids: list[int]) -> None:
    """Return once every backend in `pids` waits for a lock (the row the test holds)."""
    deadline = time.monotonic() + HANG_SECONDS
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted AND pid = ANY(%s)",
                [pids],
            )
            if cursor.fetchone()[0] == len(pids):
                return
            if time.monotonic() > deadline:
                pytest.fail(f"the threads never all waited for the dossier's lock: {pids}")
            time.sleep(0.01)


def run_together(
    calls: list[Callable[[], object]], *, holding: Dossier | None = None
) -> list[tuple[str, object]]:
    """Run every call in its own thread, all released at once by a barrier; with `holding`,
    the test keeps that dossier's row locked until every thread waits for it, so that they
    really meet at the lock. Returns ("ok", result) or ("error", exception) per call."""
    barrier = threading.Barrier(len(calls) + 1, timeout=HANG_SECONDS)
    outcomes: list[tuple[str, object] | None] = [None] * len(calls)
    pids: list[int | None] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            connection.ensure_connection()
            pids[index] = connection.connection.info.backend_pid
            barrier.wait()
            outcomes[index] = ("ok", call())
        except Exception as error:
            outcomes[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    if holding is None:
        for thread in threads:
            thread.start()
        barrier.wait()
    else:
        with transaction.atomic():
            Dossier.objects.select_for_update().get(pk=holding.pk)
            for thread in threads:
                thread.start()
            barrier.wait()
            _wait_until_blocked(pids)
    for thread in threads:
        thread.join(HANG_SECONDS)
    assert all(outcome is not None for outcome in outcomes), outcomes
    return outcomes


def split(outcomes: list[tuple[str, object]]) -> tuple[list[int], list[Exception]]:
    """The indexes of the calls that succeeded, and the errors of the others."""
    return (
        [index for index, (status, _) in enumerate(outcomes) if status == "ok"],
        [result for status, result in outcomes if status == "error"],
    )


def test_simultaneous_submissions_get_consecutive_unique_codes(time_machine, agency, procedure):
    time_machine.move_to(at("2026-03-03 09:00"), tick=False)
    drafts = [DossierFactory(agency=agency, procedure=procedure) for _ in range(20)]

    outcomes = run_together(
        [lambda d=draft: services.submit(d.pk, user=d.applicant).code for draft in drafts]
    )

    succeeded, errors = split(outcomes)
    assert errors == []
    assert len(succeeded) == 20
    codes = [code for _, code in outcomes]
    assert len(set(codes)) == 20
    assert sorted(codes) == [f"000.00.12.H33-260303-{n:04d}" for n in range(1, 21)]
    stored = Dossier.objects.filter(pk__in=[d.pk for d in drafts])
    assert sorted(stored.values_list("code", flat=True)) == sorted(codes)
    assert set(stored.values_list("state", flat=True)) == {State.SUBMITTED}
    assert DossierEvent.objects.filter(kind=Kind.SUBMITTED).count() == 20


OUTCOME = {
    "accept": (State.PROCESSING, Kind.ACCEPTED),
    "reject": (State.REJECTED, Kind.REJECTED),
    "request_documents": (State.MISSING_DOCUMENTS, Kind.DOCUMENTS_REQUESTED),
}


# Two actions on one submitted dossier that cannot both happen: without a version, the second
# is no longer open in the new state; with the version both pages showed, the second is stale.
# (Accept then request documents is a legal sequence: it conflicts only through the version.)
CONFLICTS = [
    ("accept", "reject", False),
    ("accept", "accept", False),
    ("reject", "request_documents", False),
    ("accept", "reject", True),
    ("accept", "accept", True),
    ("reject", "request_documents", True),
    ("accept", "request_documents", True),
]


@pytest.mark.parametrize(
    ("first", "second", "with_version"),
    CONFLICTS,
    ids=[f"{a}-{b}-{'same-page' if v else 'no-version'}" for a, b, v in CONFLICTS],
)
def test_two_officers_act_on_the_same_dossier_at_once(
    time_machine, agency, officer, first, second, with_version
):
    time_machine.move_to(at("2026-03-03 09:00"), tick=False)
    colleague = UserFactory(officer=True, agency=agency, full_name="Đỗ Văn Giang")
    dossier = DossierFactory(submitted=True, agency=agency, officer=officer)
    version = {"expected_version": dossier.version} if with_version else {}
    actions = {
        "accept": lambda who: services.accept(dossier.pk, officer=who, **version),
        "reject": lambda who: services.reject(
            dossier.pk, officer=who, reasons="Sai thẩm quyền.", **version
        ),
        "request_documents": lambda who: services.request_documents(
            dossier.pk,
            officer=who,
            missing=list(dossier.procedure.required_documents.all()),
            note="Bổ sung.",
            deadline=at("2026-03-10 00:00").date(),
            **version,
        ),
    }
    events = dossier.events.count()

    outcomes = run_together(
        [lambda: actions[first](officer), lambda: actions[second](colleague)], holding=dossier
    )

    succeeded, errors = split(outcomes)
    assert len(succeeded) == 1, outcomes
    (error,) = errors
    if with_version:
        assert isinstance(error, DossierChanged)
        assert str(error) == STALE_MESSAGE
    else:
        assert isinstance(error, ActionNotAllowed)
    won = (first, second)[succeeded[0]]
    state, kind = OUTCOME[won]
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.state == state
    assert stored.handled_by == (officer, colleague)[succeeded[0]]
    assert stored.version == dossier.version + 1
    assert list(stored.events.values_list("kind", flat=True)[events:]) == [kind]
