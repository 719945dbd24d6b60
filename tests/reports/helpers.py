"""Dossier rows with the moments a test chooses, written directly (no services).

The figures only read a dossier's state and moments, so a figures test may set them at will;
`State` is protected against assignment, but the constructor may set it once.
"""

import datetime
import itertools
import zoneinfo

from agencies.models import Agency
from dossiers.models import Channel, Dossier, State
from procedures.models import Procedure

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
_codes = itertools.count(1)


def at(text: str | None) -> datetime.datetime | None:
    """'2026-10-05 09:00' (Vietnam time) as an aware datetime; None stays None."""
    if text is None:
        return None
    return datetime.datetime.fromisoformat(text).replace(tzinfo=VN)


def dossier_row(
    *,
    agency: Agency,
    procedure: Procedure,
    applicant: object,
    state: str,
    channel: str = Channel.ONLINE,
    accepted: str | None = None,
    due: str | None = None,
    original_due: str | None = None,
    finished: str | None = None,
    returned: str | None = None,
    withdrawn: str | None = None,
    stopped: str | None = None,
    rejected: str | None = None,
    supplements: int = 0,
    requested: str | None = None,
    received: str | None = None,
    apology: str | None = None,
    online_level: str | None = None,
    handled_by: object = None,
    **fee_and_result: object,
) -> Dossier:
    """An unsaved Dossier with these moments (strings in Vietnam time). The original due date
    is `due` unless `original_due` is given (an apology moved `due`)."""
    accepted_at = at(accepted)
    number = next(_codes)
    return Dossier(
        state=state,
        procedure=procedure,
        agency=agency,
        applicant=applicant,
        channel=channel,
        code=f"{agency.identifier}-T{number:06d}" if state != State.DRAFT else None,
        applicant_name="Nguyễn Văn An",
        applicant_name_folded="nguyen van an",
        applicant_phone="0912345678",
        handled_by=handled_by,
        processing_amount=procedure.processing_amount if accepted_at else None,
        processing_unit=procedure.processing_unit if accepted_at else "",
        online_level=(online_level or procedure.online_level) if accepted_at else "",
        submitted_at=accepted_at,
        accepted_at=accepted_at,
        due_at=at(due),
        original_due_at=at(original_due or due),
        finished_at=at(finished),
        returned_at=at(returned),
        withdrawn_at=at(withdrawn),
        stopped_at=at(stopped),
        rejected_at=at(rejected),
        supplement_count=supplements,
        supplement_requested_at=at(requested),
        supplement_received_at=at(received),
        apology_issued_at=at(apology),
        **fee_and_result,  # fee_* fields, signed_result, result_delivery (reports.levels),
        # and due_at_request (the due date in force at the latest documents request)
    )


def create_rows(rows: list[Dossier]) -> list[Dossier]:
    return Dossier.objects.bulk_create(rows)
