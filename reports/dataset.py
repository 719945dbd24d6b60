"""A province-scale dataset: communes, people and dossier histories, written in bulk.

For benchmarks and demonstrations (`manage.py generate_dataset`), never for production data.
On PostgreSQL rows go in with COPY (psycopg's `cursor.copy`), elsewhere with executemany, in
batches. Histories are realistic for the reports: every state, the three channels, both online
levels, supplements (some twice), apologies, early / on-time / late results by the working-day
calendar, withdrawals, refusals, returns and ratings, over `months` months ending today.

Reduced audit trail: a bulk dossier gets ONE DossierEvent, its latest transition (the one that
put it in its current state), instead of the full history the services write; a dossier that
waits for documents gets its SupplementRequest row. Nothing here reads the events to count.
The state field is written as a column (never assigned on a model), which is what a protected
FSM field allows.
"""

from __future__ import annotations

import datetime
import itertools
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, connections, models, transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from agencies.models import Agency
from dossiers.models import (
    Channel,
    DailySequence,
    Dossier,
    DossierEvent,
    State,
    SupplementRequest,
)
from procedures.calendar import is_working_day
from procedures.models import OnlineLevel, Procedure, TimeUnit
from procedures.text import fold
from satisfaction.models import Evaluation, EvaluationChannel, Satisfaction

from .figures import site_tz

Kind = DossierEvent.Kind
IDENTIFIER = "001.{a:02d}.{b:02d}.H33"  # 13 characters, QCVN 102:2016-like, never the catalog's
CITIZEN_PHONE = "0399{:06d}"
STAFF_PHONE = "0388{:06d}"


def _words(text: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(word.strip() for word in text.split(sep) if word.strip())


_FAMILY = _words("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
_MIDDLE = _words("Văn Thị Hữu Minh Ngọc Thanh Quốc Đức Thu Kim Gia Bảo")
_GIVEN = _words(
    "An Bình Cường Dung Hà Hải Hạnh Hiếu Hoa Hùng Hương Khánh Lan Linh Long Mai Minh Nam Nga "
    "Ngọc Phong Phúc Quang Sơn Tâm Thảo Thắng Trang Tuấn Vy Yến Đạt Duy Giang Hân Khoa Lộc"
)
_PLACES = _words(
    "Tân Phú|Thạnh An|Long Hòa|Phước Thới|Thới Lai|Vĩnh Thạnh|Cờ Đỏ|Trung An|Thạnh Phú|Nhơn Ái|"
    "Mỹ Khánh|Giai Xuân|Tân Thới|Trường Lạc|Đông Thuận|Xuân Thắng|Định Môn|Thạnh Lộc|Hòa Bình|"
    "An Khánh|Phú Hữu|Tân Lộc|Thuận Hưng|Long Tuyền|Bình Thủy|Ô Môn|Trà Nóc|Hưng Phú|Cái Răng|"
    "Ba Láng|Phong Điền|Mỹ Hòa|Trường Xuân|Đông Hiệp|Thới Hưng|Vĩnh Trinh|Trung Hưng|Thạnh Quới",
    "|",
)


@dataclass
class Plan:
    dossiers: int
    communes: int
    months: int
    seed: int = 2026
    batch: int = 50_000
    events: bool = True


@dataclass
class Result:
    dossiers: int
    events: int
    evaluations: int
    seconds: float


# --- writing rows in bulk -------------------------------------------------------------------------


class BulkWriter:
    """Rows for one model, as tuples in the order of its concrete columns.

    Columns the generator does not set take their field default. PostgreSQL: COPY; other
    databases: executemany (values adapted as the ORM would).
    """

    def __init__(self, model: type[models.Model], given: list[str]) -> None:
        self.model = model
        fields = [f for f in model._meta.concrete_fields]
        self.table = model._meta.db_table
        self.given = given
        by_attname = {f.attname: f for f in fields}
        missing = [name for name in given if name not in by_attname]
        if missing:
            raise ValueError(f"{model.__name__} has no column {missing}")
        self.extra = [f for f in fields if f.attname not in given and not f.primary_key]
        self.columns = [by_attname[name].column for name in given] + [f.column for f in self.extra]
        self.defaults = tuple(self._default(f) for f in self.extra)
        self.fields = [by_attname[name] for name in given] + self.extra

    @staticmethod
    def _default(field: models.Field) -> object:
        if field.has_default():
            value = field.get_default()
        elif field.null:
            value = None
        elif isinstance(field, models.CharField | models.TextField):
            value = ""
        else:
            raise ValueError(f"{field} needs a value in generated rows.")
        if isinstance(field, models.JSONField):
            import json

            return json.dumps(value)
        return value

    def write(self, rows: Iterable[tuple]) -> int:
        columns = ", ".join(f'"{c}"' for c in self.columns)
        count = 0
        if connection.vendor == "postgresql":
            sql = f"COPY {self.table} ({columns}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row + self.defaults)
                    count += 1
            return count
        ops = connection.ops
        adapters = []
        for field in self.fields:
            internal = field.get_internal_type()
            if internal == "DateTimeField":
                adapters.append(ops.adapt_datetimefield_value)
            elif internal == "DateField":
                adapters.append(ops.adapt_datefield_value)
            elif internal == "TimeField":
                adapters.append(ops.adapt_timefield_value)
            else:
                adapters.append(None)
        marks = ", ".join(["%s"] * len(self.columns))
        batch = [
            tuple(
                adapt(v) if adapt and v is not None else v
                for adapt, v in zip(adapters, row + self.defaults, strict=True)
            )
            for row in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {self.table} ({columns}) VALUES ({marks})", batch)
        return len(batch)


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1


def _reset_sequence(model: type[models.Model]) -> None:
    if connection.vendor != "postgresql":
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )


# --- the place and the people ---------------------------------------------------------------------


def _province() -> Agency:
    province = Agency.objects.filter(parent=None).order_by("pk").first()
    if province is None:
        province = Agency.objects.create(
            name="UBND tỉnh Mẫu", identifier="001.00.00.H33", level=Agency.Level.PROVINCE
        )
    return province


def _communes(province: Agency, count: int) -> list[Agency]:
    communes = []
    for i in range(1, count + 1):
        identifier = IDENTIFIER.format(a=i // 100, b=i % 100)
        place = _PLACES[(i - 1) % len(_PLACES)]
        suffix = f" {(i - 1) // len(_PLACES) + 1}" if i > len(_PLACES) else ""
        agency, _created = Agency.objects.get_or_create(
            identifier=identifier,
            defaults={
                "name": f"UBND xã {place}{suffix}",
                "level": Agency.Level.COMMUNE,
                "parent": province,
            },
        )
        communes.append(agency)
    return communes


def _name(rng: random.Random) -> str:
    family = rng.choice(_FAMILY)
    middle = rng.choice(_MIDDLE)
    return f"{family} {middle} {rng.choice(_GIVEN)}"


def _people(
    rng: random.Random, province: Agency, communes: list[Agency], citizens: int
) -> tuple[list[tuple[int, str, str]], dict[int, list[int]]]:
    """Citizens (id, name, phone) and the officers of each commune (ids); leaders too."""
    password = make_password(None)
    now = timezone.now()
    groups = {g.name: g.pk for g in Group.objects.filter(name__in=Role.values)}
    first_staff = User.objects.filter(phone__startswith=STAFF_PHONE[:4]).count()
    first_citizen = User.objects.filter(phone__startswith=CITIZEN_PHONE[:4]).count()

    staff: list[User] = []
    roles: list[str] = []
    n = first_staff
    for agency in [province, *communes]:
        people = [(Role.LEADER, True)]
        if agency.level == Agency.Level.COMMUNE:
            people += [(Role.OFFICER, False), (Role.OFFICER, False)]
        for role, with_email in people:
            staff.append(
                User(
                    phone=STAFF_PHONE.format(n),
                    full_name=_name(rng),
                    email=f"lanhdao{n}@example.gov.vn" if with_email else "",
                    agency=agency,
                    password=password,
                    date_joined=now,
                )
            )
            roles.append(role)
            n += 1
    User.objects.bulk_create(staff, batch_size=2000)
    staff = list(
        User.objects.filter(
            phone__gte=STAFF_PHONE.format(first_staff), phone__lt=STAFF_PHONE.format(n)
        ).order_by("phone")
    )
    by_phone = dict(zip([u.phone for u in staff], roles, strict=True))

    people = [
        User(
            phone=CITIZEN_PHONE.format(first_citizen + i),
            full_name=_name(rng),
            password=password,
            date_joined=now,
        )
        for i in range(citizens)
    ]
    User.objects.bulk_create(people, batch_size=5000)
    made = list(
        User.objects.filter(
            phone__gte=CITIZEN_PHONE.format(first_citizen),
            phone__lt=CITIZEN_PHONE.format(first_citizen + citizens),
        ).values_list("pk", "full_name", "phone")
    )
    through = User.groups.through
    links = [through(user_id=u.pk, group_id=groups[by_phone[u.phone]]) for u in staff]
    links += [through(user_id=pk, group_id=groups[Role.CITIZEN]) for pk, _n, _p in made]
    through.objects.bulk_create(links, batch_size=5000)
    officers: dict[int, list[int]] = {}
    for user in staff:
        if by_phone[user.phone] == Role.OFFICER:
            officers.setdefault(user.agency_id, []).append(user.pk)
    return made, officers


# --- dossier histories ----------------------------------------------------------------------------

_OFFICE_SLOTS = [datetime.time(h, m) for h in range(7, 17) for m in range(0, 60, 5)]
_OFFICE_SLOTS = [
    t for t in _OFFICE_SLOTS if not (datetime.time(11, 30) <= t < datetime.time(13, 30))
]


class FastCalendar:
    """procedures.calendar.due_at, precomputed over a span of days: about 50 times faster.

    The same rules (settings.OFFICE_HOURS, the Holiday table through `is_working_day`, the
    earliest-instant boundary, the same-day cut-off); tests/reports/test_dataset.py checks it
    against the real one on random moments.
    """

    def __init__(self, first: datetime.date, last: datetime.date) -> None:
        self.tz = site_tz()
        self.periods = [
            (datetime.time.fromisoformat(a), datetime.time.fromisoformat(b))
            for a, b in settings.OFFICE_HOURS
        ]
        self.lengths = [_seconds(close) - _seconds(opens) for opens, close in self.periods]
        self.day_length = sum(self.lengths)
        self.days: list[datetime.date] = []
        day = first
        while day <= last:
            if is_working_day(day):
                self.days.append(day)
            day += datetime.timedelta(days=1)
        self.index = {day: i for i, day in enumerate(self.days)}
        self.first, self.last = first, last

    def _next_working(self, day: datetime.date) -> int:
        day += datetime.timedelta(days=1)
        while day not in self.index:
            day += datetime.timedelta(days=1)
            if day > self.last:
                raise ValueError("Beyond the precomputed calendar.")
        return self.index[day]

    def _position(self, moment: datetime.datetime) -> int:
        """Office seconds from the first working day's opening to `moment` (or to the next
        office instant after it)."""
        local = moment.astimezone(self.tz)
        day, clock = local.date(), _seconds(local.time())
        i = self.index.get(day)
        if i is None:
            return self._next_working(day) * self.day_length
        done = 0
        for (opens, close), length in zip(self.periods, self.lengths, strict=True):
            if clock < _seconds(opens):
                return i * self.day_length + done
            if clock < _seconds(close):
                return i * self.day_length + done + clock - _seconds(opens)
            done += length
        return self._next_working(day) * self.day_length

    def _moment(self, position: int) -> datetime.datetime:
        i, offset = divmod(position, self.day_length)
        if offset == 0 and position > 0:  # the earliest instant: the closing of the day before
            i, offset = i - 1, self.day_length
        day = self.days[i]
        for (opens, _close), length in zip(self.periods, self.lengths, strict=True):
            if offset <= length:
                start = datetime.datetime.combine(day, opens, tzinfo=self.tz)
                return start + datetime.timedelta(seconds=offset)
            offset -= length
        raise AssertionError("unreachable")

    def due_at(
        self,
        start: datetime.datetime,
        amount: int,
        unit: str,
        *,
        cutoff: datetime.time | None = None,
    ) -> datetime.datetime:
        local = start.astimezone(self.tz)
        if unit == TimeUnit.SAME_DAY:
            day = local.date()
            if not (day in self.index and local.time() < (cutoff or datetime.time(15))):
                day = self.days[self._next_working(day)]
            return datetime.datetime.combine(day, self.periods[-1][1], tzinfo=self.tz)
        if amount <= 0:  # never in the catalog (at least one day or hour): the real thing
            from procedures.calendar import due_at

            return due_at(start, amount, unit, cutoff=cutoff)
        seconds = amount * (self.day_length if unit == TimeUnit.WORKING_DAYS else 3600)
        return self._moment(self._position(local) + seconds)


def _seconds(clock: datetime.time) -> int:
    return clock.hour * 3600 + clock.minute * 60 + clock.second


def _office_moment(rng: random.Random, day: datetime.date, tz: datetime.tzinfo):
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, rng.choice(_OFFICE_SLOTS), tzinfo=tz)


def _any_moment(rng: random.Random, day: datetime.date, tz: datetime.tzinfo):
    """Online submissions come at any hour, more in the evening."""
    hour = rng.choice((6, 8, 9, 10, 11, 13, 14, 15, 16, 19, 20, 21, 22, 23))
    return datetime.datetime.combine(
        day, datetime.time(hour, rng.randrange(60), rng.randrange(60)), tzinfo=tz
    )


DOSSIER_COLUMNS = [
    "id",
    "code",
    "procedure_id",
    "agency_id",
    "applicant_id",
    "submitted_by_id",
    "handled_by_id",
    "channel",
    "applicant_name",
    "applicant_name_folded",
    "applicant_citizen_id",
    "applicant_phone",
    "applicant_address",
    "applicant_email",
    "request_details",
    "processing_amount",
    "processing_unit",
    "same_day_cutoff",
    "online_level",
    "created_at",
    "submitted_at",
    "accepted_at",
    "due_at",
    "supplement_requested_at",
    "supplement_received_at",
    "supplement_count",
    "apology_issued_at",
    "finished_at",
    "returned_at",
    "rejected_at",
    "withdrawn_at",
    "result_file",
    "result_note",
    "version",
    "state",
]
EVENT_COLUMNS = ["dossier_id", "kind", "from_state", "to_state", "actor_id", "created_at"]
EVALUATION_COLUMNS = ["dossier_id", "choice", "comment", "channel", "created_at"]


class Histories:
    """Draws one dossier's whole history at a time (deterministic for a seed)."""

    def __init__(
        self,
        rng: random.Random,
        procedures: list[Procedure],
        communes: list[Agency],
        officers: dict[int, list[int]],
        citizens: list[tuple[int, str, str]],
        start: datetime.date,
        now: datetime.datetime,
    ) -> None:
        self.rng = rng
        self.tz = site_tz()
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
        self.cutoff = datetime.time.fromisoformat(settings.SAME_DAY_DEFAULT_CUTOFF)
        self.calendar = FastCalendar(
            start - datetime.timedelta(days=7),
            timezone.localtime(now, self.tz).date() + datetime.timedelta(days=400),
        )

    def _code(self, agency: Agency, moment: datetime.datetime) -> str:
        day = moment.astimezone(self.tz).date()
        key = (agency.pk, day)
        number = self.codes.get(key, 0) + 1
        self.codes[key] = number
        return f"{agency.identifier}-{day:%y%m%d}-{number:04d}"

    def one(self, pk: int, share: float) -> tuple[tuple, tuple | None, tuple | None, tuple | None]:
        """(dossier row, event row, evaluation row, open supplement (pk, officer, at)).

        `share` (0 to 1) places the dossier in time: ids grow with the creation date, as they
        do when dossiers come in one by one, so a month's rows sit together on disk."""
        rng, tz, now = self.rng, self.tz, self.now
        procedure = rng.choices(self.procedures, cum_weights=self.procedure_weights)[0]
        agency = rng.choices(self.communes, cum_weights=self.commune_weights)[0]
        officer = rng.choice(self.officers[agency.pk])
        citizen_id, name, folded, phone = rng.choice(self.citizens)
        r = rng.random()
        channel = Channel.ONLINE if r < 0.70 else Channel.DIRECT if r < 0.95 else Channel.POSTAL
        # Later months have a little more (share**0.85: online grows).
        day = self.start + datetime.timedelta(days=int(self.days * share**0.85))
        online = channel == Channel.ONLINE
        created = _any_moment(rng, day, tz) if online else _office_moment(rng, day, tz)
        if created > now:
            created = now - datetime.timedelta(minutes=rng.randrange(1, 600))

        v = dict.fromkeys(
            (
                "code",
                "submitted_at",
                "accepted_at",
                "due_at",
                "supplement_requested_at",
                "supplement_received_at",
                "apology_issued_at",
                "finished_at",
                "returned_at",
                "rejected_at",
                "withdrawn_at",
                "handled_by_id",
                "processing_amount",
                "same_day_cutoff",
            )
        )
        v.update(supplement_count=0, processing_unit="", online_level="", state=State.DRAFT)
        event = evaluation = waiting = None
        fate = rng.random()
        if online and fate < 0.02:  # a draft never sent
            pass
        else:
            submitted = created
            v["submitted_at"] = submitted
            v["code"] = self._code(agency, submitted)
            # Online: taken in within 0-2 working days, in office hours; desk: at once.
            if online:
                accepted = _office_moment(
                    rng, submitted.astimezone(tz).date() + datetime.timedelta(rng.randrange(3)), tz
                )
                accepted = max(accepted, submitted)
            else:
                accepted = submitted
            if online and fate < 0.05:  # refused at reception
                v.update(state=State.REJECTED, rejected_at=accepted, handled_by_id=officer)
                event = (Kind.REJECTED, State.SUBMITTED, State.REJECTED, officer, accepted)
            elif online and fate < 0.055:  # withdrawn before anyone looked at it
                moment = submitted + datetime.timedelta(hours=rng.randrange(1, 40))
                v.update(state=State.WITHDRAWN, withdrawn_at=moment)
                event = (Kind.WITHDRAWN, State.SUBMITTED, State.WITHDRAWN, None, moment)
            elif accepted > now:  # still waiting at reception
                v["state"] = State.SUBMITTED
                event = (Kind.SUBMITTED, State.DRAFT, State.SUBMITTED, None, submitted)
            else:
                event, evaluation, waiting = self._accepted(
                    pk, v, procedure, officer, accepted, online
                )
        row = (
            pk,
            v["code"],
            procedure.pk,
            agency.pk,
            citizen_id,
            None,
            v["handled_by_id"],
            channel,
            name,
            folded,
            "",
            phone,
            "",
            "",
            "",
            v["processing_amount"],
            v["processing_unit"],
            v["same_day_cutoff"],
            v["online_level"],
            created,
            v["submitted_at"],
            v["accepted_at"],
            v["due_at"],
            v["supplement_requested_at"],
            v["supplement_received_at"],
            v["supplement_count"],
            v["apology_issued_at"],
            v["finished_at"],
            v["returned_at"],
            v["rejected_at"],
            v["withdrawn_at"],
            "",
            v.get("result_note", ""),
            1,
            v["state"],
        )
        event_row = (pk, *event) if event else None
        return row, event_row, evaluation, waiting

    def _accepted(
        self,
        pk: int,
        v: dict,
        procedure: Procedure,
        officer: int,
        accepted: datetime.datetime,
        online: bool,
    ) -> tuple[tuple, tuple | None, tuple | None]:
        rng, tz, now = self.rng, self.tz, self.now
        unit = procedure.processing_unit
        amount = procedure.processing_amount
        cutoff = procedure.same_day_cutoff or self.cutoff if unit == TimeUnit.SAME_DAY else None
        v.update(
            accepted_at=accepted,
            handled_by_id=officer,
            processing_amount=amount,
            processing_unit=unit,
            same_day_cutoff=cutoff,
            online_level=procedure.online_level,
            state=State.PROCESSING,
        )
        due = self.calendar.due_at(accepted, amount, unit, cutoff=cutoff)
        clock = accepted
        waiting = None
        event = (
            Kind.ACCEPTED if online else Kind.RECEIVED_AT_DESK,
            State.SUBMITTED if online else State.DRAFT,
            State.PROCESSING,
            officer,
            accepted,
        )
        # Supplements: one in ten once, one in fifty twice (the second counts late).
        r = rng.random()
        supplements = 2 if r < 0.02 else 1 if r < 0.12 else 0
        for _ in range(supplements):
            asked = _office_moment(
                rng, clock.astimezone(tz).date() + datetime.timedelta(rng.randrange(0, 3)), tz
            )
            asked = max(asked, clock)
            if asked > now:
                break
            v["supplement_count"] += 1
            v["supplement_requested_at"] = asked
            v["supplement_received_at"] = None
            came = asked + datetime.timedelta(hours=rng.randrange(4, 24 * 12))
            if came > now:  # still waiting for the citizen
                v["state"] = State.MISSING_DOCUMENTS
                waiting = (pk, officer, asked)
                event = (Kind.DOCUMENTS_REQUESTED, State.PROCESSING, v["state"], officer, asked)
                v["due_at"] = due
                return event, None, waiting
            v["supplement_received_at"] = came
            clock = came
            due = self.calendar.due_at(came, amount, unit, cutoff=cutoff)
            event = (Kind.SUPPLEMENTED, State.MISSING_DOCUMENTS, State.PROCESSING, None, came)
        v["due_at"] = due

        # Withdrawn while being processed: one in a hundred.
        if rng.random() < 0.01:
            moment = clock + datetime.timedelta(hours=rng.randrange(1, 72))
            if moment <= now:
                v.update(state=State.WITHDRAWN, withdrawn_at=moment)
                return (Kind.WITHDRAWN, State.PROCESSING, State.WITHDRAWN, None, moment), None, None

        # The result: mostly early, some on the due date, some late (a few with an apology).
        r = rng.random()
        if r < 0.62:
            finished = clock + (due - clock) * rng.uniform(0.15, 0.9)
        elif r < 0.88:
            finished = due - datetime.timedelta(minutes=rng.randrange(0, 240))
            finished = max(finished, clock + datetime.timedelta(minutes=5))
        else:
            if rng.random() < 0.35 and due - datetime.timedelta(hours=4) > clock:
                apology = due - datetime.timedelta(hours=4)
                if apology <= now:
                    v["apology_issued_at"] = apology
                    due = due + datetime.timedelta(days=rng.randrange(2, 6))
                    v["due_at"] = due
            finished = due + datetime.timedelta(hours=rng.randrange(18, 24 * 12))
        if finished > now:  # not done yet
            return event, None, None
        v.update(finished_at=finished, state=State.RESULT_READY, result_note="Nhận tại quầy.")
        event = (Kind.RESULT_RECORDED, State.PROCESSING, State.RESULT_READY, officer, finished)
        electronic = online and procedure.online_level == OnlineLevel.FULL
        returned = (
            finished
            if electronic
            else finished + datetime.timedelta(hours=rng.randrange(1, 24 * 4))
        )
        if returned > now:
            return event, None, None
        v.update(returned_at=returned, state=State.RETURNED)
        event = (Kind.RETURNED, State.RESULT_READY, State.RETURNED, officer, returned)
        evaluation = None
        if rng.random() < 0.45:
            rated = returned + datetime.timedelta(minutes=rng.randrange(5, 60 * 72))
            if rated <= now:
                r = rng.random()
                choice = (
                    Satisfaction.VERY_SATISFIED
                    if r < 0.68
                    else Satisfaction.SATISFIED
                    if r < 0.95
                    else Satisfaction.NOT_SATISFIED
                )
                evaluation = (pk, choice, "", EvaluationChannel.ONLINE_LINK, rated)
        return event, evaluation, None


def _batches(total: int, size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, total, size):
        yield start, min(size, total - start)


def generate(
    plan: Plan,
    *,
    now: datetime.datetime | None = None,
    progress: Callable[[int, int, float], None] | None = None,
) -> Result:
    """Fill the database; refuses communes that already have dossiers (use a fresh database)."""
    began = time.monotonic()
    now = now or timezone.now()
    rng = random.Random(plan.seed)
    procedures = list(Procedure.objects.select_related("field").filter(is_active=True))
    if not procedures:
        raise RuntimeError("No procedure: run `manage.py load_catalog` first.")
    today = timezone.localtime(now, site_tz()).date()
    first = datetime.date(today.year, today.month, 1)
    for _ in range(plan.months - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)

    with transaction.atomic():
        province = _province()
        communes = _communes(province, plan.communes)
        if Dossier.objects.filter(agency__in=communes).exists():
            raise RuntimeError(
                "These communes have dossiers already: generate into a fresh database."
            )
        citizens, officers = _people(
            rng, province, communes, max(100, min(200_000, plan.dossiers // 20))
        )
    histories = Histories(rng, procedures, communes, officers, citizens, first, now)

    dossier_writer = BulkWriter(Dossier, DOSSIER_COLUMNS)
    event_writer = BulkWriter(DossierEvent, EVENT_COLUMNS)
    evaluation_writer = BulkWriter(Evaluation, EVALUATION_COLUMNS)
    first_pk = _next_id(Dossier)
    counts = {"dossiers": 0, "events": 0, "evaluations": 0}
    waiting: list[tuple[int, int, datetime.datetime]] = []

    def store(drawn: list[tuple]) -> None:
        with transaction.atomic():
            counts["dossiers"] += dossier_writer.write(row for row, _e, _v, _w in drawn)
            if plan.events:
                counts["events"] += event_writer.write(e for _r, e, _v, _w in drawn if e)
            counts["evaluations"] += evaluation_writer.write(v for _r, _e, v, _w in drawn if v)
        if progress:
            progress(counts["dossiers"], plan.dossiers, time.monotonic() - began)

    # On PostgreSQL a second thread (its own connection) COPYs one batch while this one draws
    # the next: the database's work (indexes) and Python's overlap on two cores.
    # Not inside a transaction (a test's): the other thread would not see its rows.
    pipelined = connection.vendor == "postgresql" and not connection.in_atomic_block
    pool = ThreadPoolExecutor(max_workers=1) if pipelined else None
    pending: Future | None = None
    try:
        for offset, size in _batches(plan.dossiers, plan.batch):
            drawn = [
                histories.one(first_pk + offset + i, (offset + i + rng.random()) / plan.dossiers)
                for i in range(size)
            ]
            waiting.extend(w for _r, _e, _v, w in drawn if w)
            if pool is None:
                store(drawn)
                continue
            if pending is not None:
                pending.result()
            pending = pool.submit(store, drawn)
        if pending is not None:
            pending.result()
    finally:
        if pool is not None:
            pool.submit(connections.close_all).result()
            pool.shutdown()
    written, events, evaluations = counts["dossiers"], counts["events"], counts["evaluations"]

    with transaction.atomic():
        SupplementRequest.objects.bulk_create(
            [
                SupplementRequest(
                    dossier_id=pk,
                    other_missing="Bản chụp rõ nét giấy tờ tùy thân",
                    note="Vui lòng bổ sung bản chụp rõ nét.",
                    deadline=(asked + datetime.timedelta(days=7)).date(),
                    requested_by_id=officer,
                    requested_at=asked,
                )
                for pk, officer, asked in waiting
            ],
            batch_size=5000,
        )
        sequences = [
            DailySequence(agency_id=agency_id, day=day, last_value=value)
            for (agency_id, day), value in histories.codes.items()
        ]
        DailySequence.objects.bulk_create(
            sequences,
            batch_size=5000,
            update_conflicts=True,
            unique_fields=["agency", "day"],
            update_fields=["last_value"],
        )
        for model in (Dossier, DossierEvent, Evaluation):
            _reset_sequence(model)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, or the planner guesses badly
    return Result(written, events, evaluations, time.monotonic() - began)
