"""The rules of storing a rating: the service's checks, the database's, and races."""

import threading

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from dossiers.models import Dossier
from satisfaction import rating
from satisfaction.models import Evaluation, EvaluationChannel, Satisfaction

from .helpers import evaluations


def test_the_service_checks_choice_and_scores(returned):
    with pytest.raises(ValidationError):
        rating.rate(returned.pk, choice="so-so", channel=EvaluationChannel.ONLINE_LINK)
    with pytest.raises(ValidationError):
        rating.rate(
            returned.pk,
            choice="satisfied",
            scores={"score_time": 3},
            channel=EvaluationChannel.ONLINE_LINK,
        )
    with pytest.raises(ValidationError):
        rating.rate(
            returned.pk,
            choice="satisfied",
            scores={"score_price": 1},
            channel=EvaluationChannel.ONLINE_LINK,
        )
    assert evaluations(returned) == []


# --- The database itself -------------------------------------------------------------------------


def test_the_database_refuses_a_second_evaluation(returned):
    Evaluation.objects.create(dossier=returned, choice="satisfied", channel="desk")

    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(dossier=returned, choice="very_satisfied", channel="desk")
    assert len(evaluations(returned)) == 1


@pytest.mark.parametrize("field", ["score_time", "score_visits", "score_attitude"])
def test_the_database_refuses_a_score_outside_0_to_2(returned, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(
            dossier=returned, choice="satisfied", channel="desk", **{field: 3}
        )


def test_a_race_past_the_check_ends_in_already_rated(returned, monkeypatch):
    """Two requests both passed the check: the unique key refuses the second, plainly."""
    rating.rate(returned.pk, choice="satisfied", channel=EvaluationChannel.ONLINE_LINK)
    monkeypatch.setattr(rating, "already_rated", lambda dossier_id: False)

    with pytest.raises(rating.AlreadyRated):
        rating.rate(returned.pk, choice="not_satisfied", channel=EvaluationChannel.ONLINE_LINK)
    assert evaluations(returned)[0].choice == Satisfaction.SATISFIED


# --- Two ratings at the same instant (PostgreSQL: real row locks) --------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_ratings_at_once_store_exactly_one(returned):
    barrier = threading.Barrier(3, timeout=30)
    outcomes: list[object] = []
    pids: list[int] = []

    def rate(choice: str) -> None:
        try:
            connection.ensure_connection()
            pids.append(connection.connection.info.backend_pid)
            barrier.wait()
            outcomes.append(rating.rate(returned.pk, choice=choice, channel="online_link"))
        except Exception as error:
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=rate, args=(c,)) for c in ("satisfied", "not_satisfied")]
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=returned.pk)  # both meet at this lock
        for thread in threads:
            thread.start()
        barrier.wait()
        with connection.cursor() as cursor:
            for _attempt in range(3000):
                cursor.execute(
                    "SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted AND pid = ANY(%s)",
                    [pids],
                )
                if cursor.fetchone()[0] == 2:
                    break
                threading.Event().wait(0.01)
            else:
                pytest.fail("the two ratings never waited for the dossier's lock")
    for thread in threads:
        thread.join(30)

    stored = [o for o in outcomes if isinstance(o, Evaluation)]
    refused = [o for o in outcomes if isinstance(o, rating.AlreadyRated)]
    assert (len(stored), len(refused)) == (1, 1), outcomes
    assert evaluations(returned) == stored
