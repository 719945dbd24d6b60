"""Dossier histories drawn one at a time, realistic for the reports (bench/README.md says in
what proportions): every state, the three channels, both online levels, supplements (some
twice), apologies, early / on-time / late results by the working-day calendar, withdrawals,
refusals, returns and ratings.

Reduced audit trail: a dossier gets ONE event, its latest transition (the one that put it in
its current state); a dossier waiting for documents also gets its SupplementRequest (drawn
here, written by the caller). The state is a column of the row, never assigned on a model,
which is what a protected FSM field allows.
"""

from __future__ import annotations

import datetime
import itertools
import math
import operator
import random

from django.utils import timezone

from agencies.models import Agency
from dossiers.models import Channel, DossierEvent, State
from procedures import calendar
from procedures.models import OnlineLevel, Procedure, TimeUnit
from procedures.text import fold
from satisfaction.models import EvaluationChannel, Satisfaction

from .bulk import DOSSIER_COLUMNS
from .people import Citizen

Kind = DossierEvent.Kind
Row = dict[str, object]  # a dossier's columns, by name
Event = tuple  # (kind, from_state, to_state, actor_id, created_at); the dossier's id is added
Waiting = tuple[int, int, datetime.datetime]  # an open supplement: (dossier id, officer, asked)
Drawn = tuple[tuple, tuple | None, tuple | None, Waiting | None]

_HOUR = datetime.timedelta(hours=1)
_MINUTE = datetime.timedelta(minutes=1)
_ROW = operator.itemgetter(*DOSSIER_COLUMNS)
_BLANK: Row = dict.fromkeys(DOSSIER_COLUMNS)
_BLANK.update(
    applicant_citizen_id="",
    applicant_address="",
    applicant_email="",
    request_details="",
    result_file="",
    result_note="",
    version=1,
    supplement_count=0,
    processing_unit="",
    online_level="",
    state=State.DRAFT,
)
_OFFICE_SLOTS = [
    datetime.time(h, m)
    for h in range(7, 17)
    for m in range(0, 60, 5)
    if not (datetime.time(11, 30) <= datetime.time(h, m) < datetime.time(13, 30))
]


def _office_moment(
    rng: random.Random, day: datetime.date, tz: datetime.tzinfo
) -> datetime.datetime:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, rng.choice(_OFFICE_SLOTS), tzinfo=tz)


def _any_moment(rng: random.Random, day: datetime.date, tz: datetime.tzinfo) -> datetime.datetime:
    """Online submissions come at any hour, more in the evening."""
    hour = rng.choice((6, 8, 9, 10, 11, 13, 14, 15, 16, 19, 20, 21, 22, 23))
    return datetime.datetime.combine(
        day, datetime.time(hour, rng.randrange(60), rng.randrange(60)), tzinfo=tz
    )


class Histories:
    """Draws one dossier's whole history at a time (deterministic for a seed)."""

    def __init__(
        self,
        rng: random.Random,
        procedures: list[Procedure],
        communes: list[Agency],
        officers: dict[int, list[int]],
        citizens: list[Citizen],
        start: datetime.date,
        now: datetime.datetime,
    ) -> None:
        self.rng = rng
        self.calendar = calendar.current()  # the app's calendar, read from the table once
        self.tz = self.calendar.hours.tz
        self.now = now
        self.start = start
        self.days = (timezone.localtime(now, self.tz).date() - start).days + 1
        self.procedures = procedures
        # Civil status and certification are most of a commune's work.
        self.procedure_weights = list(
            itertools.accumulate(6 if p.field.order <= 2 else 1 for p in procedures)
        )
        self.communes = communes
        # Communes differ in size (a long tail), and grow a little over time.
        self.commune_weights = list(
            itertools.accumulate(math.exp(rng.gauss(0, 0.6)) for _ in communes)
        )
        self.officers = officers
        # (id, name, folded name, phone)
        self.citizens = [(pk, name, fold(name), phone) for pk, name, phone in citizens]
        self.codes: dict[tuple[int, datetime.date], int] = {}

    def _code(self, agency: Agency, moment: datetime.datetime) -> str:
        day = moment.astimezone(self.tz).date()
        key = (agency.pk, day)
        number = self.codes.get(key, 0) + 1
        self.codes[key] = number
        return f"{agency.identifier}-{day:%y%m%d}-{number:04d}"

    def one(self, pk: int, share: float) -> Drawn:
        """(dossier row, event row, evaluation row, open supplement (pk, officer, at)).

        `share` (0 to 1) places the dossier in time: ids grow with the creation date, as they
        do when dossiers come in one by one, so a month's rows sit together on disk."""
        rng = self.rng
        procedure = rng.choices(self.procedures, cum_weights=self.procedure_weights)[0]
        agency = rng.choices(self.communes, cum_weights=self.commune_weights)[0]
        officer = rng.choice(self.officers[agency.pk])
        citizen_id, name, folded, phone = rng.choice(self.citizens)
        r = rng.random()
        channel = Channel.ONLINE if r < 0.70 else Channel.DIRECT if r < 0.95 else Channel.POSTAL
        online = channel == Channel.ONLINE
        v = dict(
            _BLANK,
            id=pk,
            procedure_id=procedure.pk,
            agency_id=agency.pk,
            applicant_id=citizen_id,
            channel=channel,
            applicant_name=name,
            applicant_name_folded=folded,
            applicant_phone=phone,
            created_at=self._created(share, online),
        )
        event = evaluation = waiting = None
        fate = rng.random()
        if not (online and fate < 0.02):  # else a draft never sent
            event, evaluation, waiting = self._submitted(v, procedure, agency, officer, fate)
        return _ROW(v), (pk, *event) if event else None, evaluation, waiting

    def _created(self, share: float, online: bool) -> datetime.datetime:
        # Later months have a little more (share**0.85: online grows).
        day = self.start + datetime.timedelta(days=int(self.days * share**0.85))
        rng, tz = self.rng, self.tz
        created = _any_moment(rng, day, tz) if online else _office_moment(rng, day, tz)
        if created > self.now:
            created = self.now - _MINUTE * rng.randrange(1, 600)
        return created

    def _submitted(
        self, v: Row, procedure: Procedure, agency: Agency, officer: int, fate: float
    ) -> tuple[Event, tuple | None, Waiting | None]:
        rng, tz = self.rng, self.tz
        online = v["channel"] == Channel.ONLINE
        submitted = v["created_at"]
        v["submitted_at"] = submitted
        v["code"] = self._code(agency, submitted)
        # Online: taken in within 0-2 working days, in office hours; desk: at once.
        accepted = submitted
        if online:
            day = submitted.astimezone(tz).date() + datetime.timedelta(rng.randrange(3))
            accepted = max(_office_moment(rng, day, tz), submitted)
        if online and fate < 0.05:  # refused at reception
            v.update(state=State.REJECTED, rejected_at=accepted, handled_by_id=officer)
            return (Kind.REJECTED, State.SUBMITTED, State.REJECTED, officer, accepted), None, None
        if online and fate < 0.055:  # withdrawn before anyone looked at it
            moment = submitted + _HOUR * rng.randrange(1, 40)
            v.update(state=State.WITHDRAWN, withdrawn_at=moment)
            return (Kind.WITHDRAWN, State.SUBMITTED, State.WITHDRAWN, None, moment), None, None
        if accepted > self.now:  # still waiting at reception
            v["state"] = State.SUBMITTED
            return (Kind.SUBMITTED, State.DRAFT, State.SUBMITTED, None, submitted), None, None
        return self._accepted(v, procedure, officer, accepted, online)

    def _accepted(
        self,
        v: Row,
        procedure: Procedure,
        officer: int,
        accepted: datetime.datetime,
        online: bool,
    ) -> tuple[Event, tuple | None, Waiting | None]:
        unit = procedure.processing_unit
        amount = procedure.processing_amount
        cutoff = procedure.cutoff if unit == TimeUnit.SAME_DAY else None
        v.update(
            accepted_at=accepted,
            handled_by_id=officer,
            processing_amount=amount,
            processing_unit=unit,
            same_day_cutoff=cutoff,
            online_level=procedure.online_level,
            state=State.PROCESSING,
        )
        event = (
            Kind.ACCEPTED if online else Kind.RECEIVED_AT_DESK,
            State.SUBMITTED if online else State.DRAFT,
            State.PROCESSING,
            officer,
            accepted,
        )
        clock, event, waiting = self._supplements(v, officer, accepted, event)
        # The clock starts anew when the complete dossier comes back.
        due = self.calendar.due_at(clock, amount, unit, cutoff=cutoff)
        v["due_at"] = v["original_due_at"] = due  # an apology moves due_at only
        if waiting or v["state"] == State.STOPPED:
            return event, None, waiting
        # Withdrawn while being processed: one in a hundred.
        if self.rng.random() < 0.01:
            moment = clock + _HOUR * self.rng.randrange(1, 72)
            if moment <= self.now:
                v.update(state=State.WITHDRAWN, withdrawn_at=moment)
                return (Kind.WITHDRAWN, State.PROCESSING, State.WITHDRAWN, None, moment), None, None
        return self._result(v, procedure, officer, clock, due, event, online)

    def _supplements(
        self, v: Row, officer: int, clock: datetime.datetime, event: Event
    ) -> tuple[datetime.datetime, Event, Waiting | None]:
        """Documents asked for: one in ten once, one in fifty twice (the second counts late).
        Returns when the clock last started, the latest event and an open supplement."""
        rng, tz = self.rng, self.tz
        r = rng.random()
        for _ in range(2 if r < 0.02 else 1 if r < 0.12 else 0):
            day = clock.astimezone(tz).date() + datetime.timedelta(rng.randrange(0, 3))
            asked = max(_office_moment(rng, day, tz), clock)
            if asked > self.now:
                break
            v["supplement_count"] += 1
            v["supplement_requested_at"] = asked
            v["due_at_request"] = self.calendar.due_at(  # the original due date in force
                clock, v["processing_amount"], v["processing_unit"], cutoff=v["same_day_cutoff"]
            )
            v["supplement_received_at"] = None
            came = asked + _HOUR * rng.randrange(4, 24 * 12)
            stop = asked + datetime.timedelta(days=12)
            if rng.random() < 0.2 and stop <= self.now:  # never came: the agency stops
                v.update(state=State.STOPPED, stopped_at=stop)
                event = (Kind.STOPPED, State.MISSING_DOCUMENTS, State.STOPPED, officer, stop)
                return clock, event, None
            if came > self.now:  # still waiting for the citizen
                v["state"] = State.MISSING_DOCUMENTS
                event = (Kind.DOCUMENTS_REQUESTED, State.PROCESSING, v["state"], officer, asked)
                return clock, event, (v["id"], officer, asked)
            v["supplement_received_at"] = came
            clock = came
            event = (Kind.SUPPLEMENTED, State.MISSING_DOCUMENTS, State.PROCESSING, None, came)
        return clock, event, None

    def _result(
        self,
        v: Row,
        procedure: Procedure,
        officer: int,
        clock: datetime.datetime,
        due: datetime.datetime,
        event: Event,
        online: bool,
    ) -> tuple[Event, tuple | None, None]:
        """The result: mostly early, some on the due date, some late; then its return."""
        rng = self.rng
        r = rng.random()
        if r < 0.62:
            finished = clock + (due - clock) * rng.uniform(0.15, 0.9)
        elif r < 0.88:
            finished = max(due - _MINUTE * rng.randrange(0, 240), clock + 5 * _MINUTE)
        else:
            finished = self._late(v, clock, due)
        if finished > self.now:  # not done yet
            return event, None, None
        v.update(finished_at=finished, state=State.RESULT_READY, result_note="Nhận tại quầy.")
        event = (Kind.RESULT_RECORDED, State.PROCESSING, State.RESULT_READY, officer, finished)
        returned = finished
        if not (online and procedure.online_level == OnlineLevel.FULL):  # else electronic
            returned += _HOUR * rng.randrange(1, 24 * 4)
        if returned > self.now:
            return event, None, None
        v.update(returned_at=returned, state=State.RETURNED)
        event = (Kind.RETURNED, State.RESULT_READY, State.RETURNED, officer, returned)
        return event, self._rating(v["id"], returned), None

    def _late(self, v: Row, clock: datetime.datetime, due: datetime.datetime) -> datetime.datetime:
        """When a late result comes; a third of them after an apology with a new date."""
        rng = self.rng
        if rng.random() < 0.35 and due - 4 * _HOUR > clock:
            apology = due - 4 * _HOUR
            if apology <= self.now:
                v["apology_issued_at"] = apology
                due = due + datetime.timedelta(days=rng.randrange(2, 6))
                v["due_at"] = due
        return due + _HOUR * rng.randrange(18, 24 * 12)

    def _rating(self, pk: int, returned: datetime.datetime) -> tuple | None:
        """45% of returned dossiers are rated: 68% very satisfied, 27% satisfied."""
        rng = self.rng
        if rng.random() >= 0.45:
            return None
        rated = returned + _MINUTE * rng.randrange(5, 60 * 72)
        if rated > self.now:
            return None
        r = rng.random()
        choice = (
            Satisfaction.VERY_SATISFIED
            if r < 0.68
            else Satisfaction.SATISFIED
            if r < 0.95
            else Satisfaction.NOT_SATISFIED
        )
        return (pk, choice, "", EvaluationChannel.ONLINE_LINK, rated)
