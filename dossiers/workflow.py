"""The whole dossier workflow on one screen: states, portal codes, transitions.

Transitions change fields only; they never save, send or render. The service functions in
`dossiers.services` lock the row, call one transition, save, and record the event.
Rules: ../shared/domain.md, "States of a dossier".
"""

from __future__ import annotations

import datetime
import operator
from typing import Any

from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from procedures import calendar
from procedures.models import TimeUnit

from .fee_status import FeeStatus


class State(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Mới nộp, chờ tiếp nhận")
    MISSING_DOCUMENTS = "missing_documents", _("Cần bổ sung giấy tờ")
    PROCESSING = "processing", _("Đang xử lý")
    RESULT_READY = "result_ready", _("Đã có kết quả")
    RETURNED = "returned", _("Đã trả kết quả")
    REJECTED = "rejected", _("Không được tiếp nhận")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")


# The national public-service portal's status code for each state (draft is never sent).
# Processing is always 4 (Đang xử lý), never 2 (Được tiếp nhận): accepting a dossier starts
# its legal clock and hands it to the officer who accepted it; the workflow has no later step
# (assignment, transfer to a specialist) that would mark "work began". Sending 2 until some
# other event would report a distinction the commune desk does not make, and the portal
# counts 2 and 4 alike as accepted and being processed (shared/domain.md lists them together).
PORTAL_CODE: dict[str, int | None] = {
    State.DRAFT: None,
    State.SUBMITTED: 1,
    State.PROCESSING: 4,
    State.REJECTED: 3,
    State.MISSING_DOCUMENTS: 5,
    State.RESULT_READY: 9,
    State.RETURNED: 10,
    State.WITHDRAWN: 7,
    State.STOPPED: 8,
}

OPEN_STATES = (State.SUBMITTED, State.MISSING_DOCUMENTS, State.PROCESSING)
FINISHED_STATES = (State.RESULT_READY, State.RETURNED, State.WITHDRAWN, State.STOPPED)


# --- Conditions: small named predicates ---------------------------------------------------------


def has_mandatory_documents(dossier: DossierWorkflow) -> bool:
    """Every mandatory required document has at least one file."""
    return not dossier.missing_mandatory_documents()


def was_accepted(dossier: DossierWorkflow) -> bool:
    """The officer took it in once already (the legal clock has started)."""
    return dossier.accepted_at is not None


def apology_not_issued(dossier: DossierWorkflow) -> bool:
    """An apology with a new due date may be issued once per dossier."""
    return dossier.apology_issued_at is None


def overdue_or_due_within_a_day(dossier: DossierWorkflow) -> bool:
    """An apology is for a dossier that is late or will be: due within 1 working day from now."""
    if dossier.due_at is None:
        return False
    return dossier.due_at <= calendar.due_at(timezone.now(), 1, TimeUnit.WORKING_DAYS)


def is_draft(dossier: DossierWorkflow) -> bool:
    """Not submitted yet: its owner may still change it."""
    return dossier.state == State.DRAFT


def supplement_deadline_passed(deadline: datetime.date, today: datetime.date) -> bool:
    """Quá hạn bổ sung: the last day to supplement (inclusive) is over, nothing received.

    For a request still open (not fulfilled); the queue flags such dossiers."""
    return deadline < today


# --- Permissions: who may fire a transition -----------------------------------------------------


def is_applicant_side(dossier: DossierWorkflow, user: User) -> bool:
    """The citizen themself, or the digital-team helper who submits for them."""
    return user.is_authenticated and user.pk in (dossier.applicant_id, dossier.submitted_by_id)


def is_draft_owner(dossier: DossierWorkflow, user: User) -> bool:
    """The applicant side of a draft: the only one who may edit it, add or remove its files."""
    return is_draft(dossier) and is_applicant_side(dossier, user)


def is_agency_officer(dossier: DossierWorkflow, user: User) -> bool:
    """An officer of the receiving agency."""
    return (
        user.is_authenticated
        and user.is_officer
        and user.agency_id is not None
        and user.agency_id == dossier.agency_id
    )


class DossierWorkflow(FSMModelMixin, models.Model):
    """The state field and the transitions of a Dossier (abstract; Dossier inherits it)."""

    state = FSMField(
        _("trạng thái"), default=State.DRAFT, choices=State.choices, protected=True, db_index=True
    )

    class Meta:
        abstract = True

    @property
    def portal_code(self) -> int | None:
        return PORTAL_CODE[self.state]

    # draft -> submitted: the citizen (or a helper for them) submits online.
    @transition(
        field=state,
        source=State.DRAFT,
        target=State.SUBMITTED,
        conditions=[has_mandatory_documents],
        permission=is_applicant_side,
    )
    def submit(self, *, by: User, at: datetime.datetime, code: str) -> None:
        self.submitted_at = at
        self.code = code

    # draft -> processing: a walk-in or postal dossier, received at the desk, clock starts.
    @transition(
        field=state,
        source=State.DRAFT,
        target=State.PROCESSING,
        permission=is_agency_officer,
    )
    def receive_at_desk(self, *, by: User, at: datetime.datetime, code: str) -> None:
        self.submitted_at = at
        self.code = code
        self._start_clock(by=by, at=at)

    # submitted -> processing: the officer accepts; receipt and appointment slip.
    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.PROCESSING,
        permission=is_agency_officer,
    )
    def accept(self, *, by: User, at: datetime.datetime) -> None:
        self._start_clock(by=by, at=at)

    # submitted | processing -> missing_documents: one request lists everything; clock stops.
    @transition(
        field=state,
        source=[State.SUBMITTED, State.PROCESSING],
        target=State.MISSING_DOCUMENTS,
        permission=is_agency_officer,
    )
    def request_documents(self, *, by: User, at: datetime.datetime) -> None:
        self.supplement_requested_at = at
        self.supplement_received_at = None
        self.due_at_request = self.original_due_at
        self.supplement_count += 1
        if self.handled_by_id is None:
            self.handled_by = by

    # missing_documents -> submitted (never accepted) | processing (accepted before).
    @transition(
        field=state,
        source=State.MISSING_DOCUMENTS,
        target=RETURN_VALUE(State.SUBMITTED, State.PROCESSING),
        permission=is_applicant_side,
    )
    def supplement(self, *, by: User, at: datetime.datetime) -> str:
        self.supplement_received_at = at
        if not was_accepted(self):
            return State.SUBMITTED
        self.original_due_at = self._due_after_supplement(self.original_due_at, at)
        self.due_at = self._due_after_supplement(self.due_at, at)
        return State.PROCESSING

    # submitted -> rejected: refusal slip with reasons.
    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.REJECTED,
        permission=is_agency_officer,
    )
    def reject(self, *, by: User, at: datetime.datetime) -> None:
        self.rejected_at = at
        self.handled_by = by

    # processing -> result_ready: the result (a file, or "collect at the desk") is recorded.
    @transition(
        field=state,
        source=State.PROCESSING,
        target=State.RESULT_READY,
        permission=is_agency_officer,
    )
    def record_result(
        self,
        *,
        by: User,
        at: datetime.datetime,
        result_file: UploadedFile | None,
        result_note: str,
    ) -> None:
        self.finished_at = at
        if result_file is not None:
            self.result_file = result_file
        self.result_note = result_note

    # result_ready -> returned: handed over (terminal).
    @transition(
        field=state,
        source=State.RESULT_READY,
        target=State.RETURNED,
        permission=is_agency_officer,
    )
    def return_result(self, *, by: User, at: datetime.datetime) -> None:
        self.returned_at = at

    # submitted | missing_documents | processing -> withdrawn: not once the result is ready.
    @transition(
        field=state,
        source=list(OPEN_STATES),
        target=State.WITHDRAWN,
        permission=is_applicant_side,
    )
    def withdraw(self, *, by: User, at: datetime.datetime) -> None:
        self.withdrawn_at = at

    # processing | missing_documents -> stopped: the agency stops, with reasons (terminal).
    @transition(
        field=state,
        source=[State.PROCESSING, State.MISSING_DOCUMENTS],
        target=State.STOPPED,
        permission=is_agency_officer,
    )
    def stop(self, *, by: User, at: datetime.datetime) -> None:
        self.stopped_at = at
        self.handled_by = by

    # missing_documents -> missing_documents: the officer gives more time to supplement (an event).
    @transition(
        field=state,
        source=State.MISSING_DOCUMENTS,
        target=State.MISSING_DOCUMENTS,
        permission=is_agency_officer,
    )
    def extend_supplement(self, *, by: User, at: datetime.datetime) -> None:
        """The new deadline is the open SupplementRequest's (services write it)."""

    # processing -> processing: an apology with a new due date, once per dossier (an event).
    @transition(
        field=state,
        source=State.PROCESSING,
        target=State.PROCESSING,
        conditions=[apology_not_issued, overdue_or_due_within_a_day],
        permission=is_agency_officer,
    )
    def apologise(self, *, by: User, at: datetime.datetime, new_due_at: datetime.datetime) -> None:
        # original_due_at stays: the dossier counts late however soon it ends (Biểu 06).
        self.due_at = new_due_at
        self.apology_issued_at = at

    def _start_clock(self, *, by: User, at: datetime.datetime) -> None:
        procedure = self.procedure
        self.accepted_at = at
        self.handled_by = by
        self.processing_amount = procedure.processing_amount
        self.processing_unit = procedure.processing_unit
        self.same_day_cutoff = procedure.cutoff
        self.online_level = procedure.online_level
        self.due_at = self.original_due_at = calendar.due_at(
            at, self.processing_amount, self.processing_unit, cutoff=self.same_day_cutoff
        )
        self._assess_fee(at)

    def _assess_fee(self, at: datetime.datetime) -> None:
        """At acceptance: the fee in force, due by the appointment date (then: dossiers.fees)."""
        if self.fee_status != FeeStatus.NOT_REQUIRED:
            return  # assessed once; a later acceptance (after a supplement) keeps it
        procedure = self.procedure
        self.fee_amount = 0 if procedure.fee_exempt else procedure.fee_vnd
        if self.fee_amount:
            self.fee_status = FeeStatus.DUE
            self.fee_due_on = timezone.localdate(self.due_at or at)

    def _due_after_supplement(
        self, due: datetime.datetime | None, at: datetime.datetime
    ) -> datetime.datetime:
        """`due` once an accepted dossier is complete again (DOSSIER_SUPPLEMENT_CLOCK): counted
        anew from `at`, or moved by the office time spent waiting ("pause"; a dossier that was
        already late when documents were requested stays late)."""
        if settings.DOSSIER_SUPPLEMENT_CLOCK == "pause" and due is not None:
            waited = calendar.working_hours_between(self.supplement_requested_at, at)
            return calendar.add_office_time(due, waited)
        return calendar.due_at(
            at, self.processing_amount, self.processing_unit, cutoff=self.same_day_cutoff
        )

    @property
    def is_overdue(self) -> bool:
        """Computed, never stored: see `overdue`."""
        return holds(overdue(timezone.now()), self)


# --- Computed, never stored ---------------------------------------------------------------------


def overdue(now: datetime.datetime) -> Q:
    """Overdue, defined once: the legal clock runs (processing) and the due moment has passed.

    The queryset, the queue and the model property all use this expression.
    """
    return Q(state=State.PROCESSING, due_at__lt=now)


_LOOKUPS = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
    "in": lambda value, options: value in options,
}


def holds(condition: Q, instance: Any) -> bool:
    """`condition`, an AND of plain field lookups, evaluated on an instance in memory.

    Like SQL, a NULL (None) field satisfies no comparison.
    """
    if condition.connector != Q.AND or condition.negated:
        raise ValueError("Only a plain AND of field lookups can be evaluated in memory.")
    for name, expected in condition.children:
        field, _sep, lookup = name.partition("__")
        value = getattr(instance, field)
        if value is None or not _LOOKUPS[lookup or "exact"](value, expected):
            return False
    return True
