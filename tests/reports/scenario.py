"""October 2026 at UBND xã Thạnh Xuân, dossier by dossier, with the table worked out by hand.

Period: 01/10/2026-31/10/2026 (S = 01/10 00:00, E = 01/11 00:00, Vietnam time); the report is
made on 29/11/2026, so "at the end" means at E. Every line says where the dossier lands.
"""

import datetime

from dossiers.models import Channel, State
from procedures.models import OnlineLevel
from satisfaction.models import Evaluation, EvaluationChannel, Satisfaction

from .helpers import VN, at, create_rows, dossier_row

NOW = datetime.datetime(2026, 11, 29, 10, 0, tzinfo=VN)

ONLINE, DIRECT, POSTAL = Channel.ONLINE, Channel.DIRECT, Channel.POSTAL
P, R, RR, MD, W = (
    State.PROCESSING,
    State.RESULT_READY,
    State.RETURNED,
    State.MISSING_DOCUMENTS,
    State.WITHDRAWN,
)

# name: (procedure, channel, state, moments), and where it lands.
CIVIL_STATUS = {
    # received online, finished the day before the due date: 4, 8
    "H1": (
        "birth",
        ONLINE,
        RR,
        dict(
            accepted="2026-10-05 09:00",
            due="2026-10-08 09:00",
            finished="2026-10-07 15:00",
            returned="2026-10-07 16:00",
        ),
    ),
    # online level 3, finished on the due date after the due hour: same date, 4, 9
    "H2": (
        "marriage",
        ONLINE,
        RR,
        dict(
            accepted="2026-10-06 10:00",
            due="2026-10-09 10:00",
            finished="2026-10-09 16:30",
            returned="2026-10-09 16:45",
        ),
    ),
    # at the desk, a day late: 5, 10
    "H3": (
        "birth",
        DIRECT,
        R,
        dict(accepted="2026-10-12 08:00", due="2026-10-15 08:00", finished="2026-10-16 09:00"),
    ),
    # by post, withdrawn after acceptance: 5, 9 (withdrawn counts on time)
    "H4": (
        "birth",
        POSTAL,
        W,
        dict(accepted="2026-10-20 09:00", due="2026-10-23 09:00", withdrawn="2026-10-21 10:00"),
    ),
    # carried over, finished 01/10 00:30 Vietnam time (30/09 17:30 UTC) on its due date: 6, 9
    "H5": (
        "birth",
        ONLINE,
        RR,
        dict(
            accepted="2026-09-28 09:00",
            due="2026-10-01 09:00",
            finished="2026-10-01 00:30",
            returned="2026-10-02 08:00",
        ),
    ),
    # finished 30/09 23:30 Vietnam time (30/09 16:30 UTC): before the period, not in the table
    "H5b": (
        "birth",
        ONLINE,
        RR,
        dict(
            accepted="2026-09-25 09:00",
            due="2026-09-30 09:00",
            finished="2026-09-30 23:30",
            returned="2026-10-01 08:00",
        ),
    ),
    # early by date, but asked to supplement twice: 4, 10
    "H6": (
        "birth",
        ONLINE,
        RR,
        dict(
            accepted="2026-10-25 09:00",
            due="2026-10-30 09:00",
            supplements=2,
            requested="2026-10-26 09:00",
            received="2026-10-27 09:00",
            finished="2026-10-29 10:00",
            returned="2026-10-29 11:00",
        ),
    ),
    # still processing, due 30/10: overdue at the end: 4, 13
    "H7": ("birth", ONLINE, P, dict(accepted="2026-10-27 09:00", due="2026-10-30 09:00")),
    # still processing, due in November: 4, 12
    "H8": ("marriage", ONLINE, P, dict(accepted="2026-10-29 09:00", due="2026-11-03 09:00")),
    # waiting for the citizen since 15/10, due date passed: waiting counts within: 4, 12
    "H9": (
        "birth",
        ONLINE,
        MD,
        dict(
            accepted="2026-10-14 09:00",
            due="2026-10-17 09:00",
            supplements=1,
            requested="2026-10-15 09:00",
        ),
    ),
    # waiting at the end, documents came on 03/11 (now processing, new due date): 4, 12
    "H10": (
        "birth",
        ONLINE,
        P,
        dict(
            accepted="2026-10-14 10:00",
            due="2026-11-06 10:00",
            supplements=1,
            requested="2026-10-15 10:00",
            received="2026-11-03 10:00",
        ),
    ),
    # accepted 31/10 23:30 Vietnam time (16:30 UTC): received in October: 4, 12
    "H15": ("birth", ONLINE, P, dict(accepted="2026-10-31 23:30", due="2026-11-05 17:00")),
    # carried over since September and still overdue: 6, 13
    "H16": ("birth", ONLINE, P, dict(accepted="2026-09-10 09:00", due="2026-09-15 09:00")),
    # carried over, finished in November, overdue at the end of October: 6, 13
    "H17": (
        "birth",
        ONLINE,
        RR,
        dict(
            accepted="2026-09-20 09:00",
            due="2026-09-25 09:00",
            finished="2026-11-05 09:00",
            returned="2026-11-05 10:00",
        ),
    ),
    # waiting for a second supplement: counts late, so overdue: 4, 13
    "H18": (
        "birth",
        ONLINE,
        MD,
        dict(
            accepted="2026-10-02 09:00",
            due="2026-10-05 09:00",
            supplements=2,
            requested="2026-10-20 09:00",
        ),
    ),
    # accepted in November: not in the table
    "H14": ("birth", ONLINE, P, dict(accepted="2026-11-02 09:00", due="2026-11-05 09:00")),
}
CERTIFICATION = {
    # at the desk, done the same day: 5, 9
    "C1": (
        "copy_cert",
        DIRECT,
        RR,
        dict(
            accepted="2026-10-05 08:00",
            due="2026-10-05 17:00",
            finished="2026-10-05 11:00",
            returned="2026-10-05 11:10",
        ),
    ),
    # online, a day late: 4, 10
    "C2": (
        "copy_cert",
        ONLINE,
        RR,
        dict(
            accepted="2026-10-06 09:00",
            due="2026-10-07 09:00",
            finished="2026-10-08 10:00",
            returned="2026-10-08 10:30",
        ),
    ),
    # online, due 31/10 17:00, still open at the end: 4, 13
    "C3": ("copy_cert", ONLINE, P, dict(accepted="2026-10-30 14:00", due="2026-10-31 17:00")),
    # at the desk, done early in the morning of the due date: 5, 9
    "C4": (
        "copy_cert",
        DIRECT,
        R,
        dict(accepted="2026-10-07 14:00", due="2026-10-08 17:00", finished="2026-10-08 08:00"),
    ),
    # online, withdrawn in September: not in the table (but counts for the year's plan)
    "C5": (
        "copy_cert",
        ONLINE,
        W,
        dict(accepted="2026-09-29 09:00", due="2026-10-02 09:00", withdrawn="2026-09-30 10:00"),
    ),
}

# Never accepted: not in the table.
NOT_ACCEPTED = {
    "X1": ("birth", ONLINE, State.REJECTED, dict(rejected="2026-10-10 09:00")),
    "X2": ("birth", ONLINE, State.SUBMITTED, {}),
    "X3": ("birth", ONLINE, State.DRAFT, {}),
    "X4": ("birth", ONLINE, MD, dict(supplements=1, requested="2026-10-11 09:00")),
    "X5": ("birth", ONLINE, W, dict(withdrawn="2026-10-12 09:00")),
}

# Columns 3-13, by hand.
EXPECTED_CIVIL_STATUS = [14, 9, 2, 3, 6, 1, 3, 2, 8, 4, 4]
EXPECTED_CERTIFICATION = [4, 2, 2, 0, 3, 0, 2, 1, 1, 0, 1]
EXPECTED_TOTAL = [18, 11, 4, 3, 9, 1, 5, 3, 9, 4, 5]
# Online per level in October: H2, H8, C2, C3 are level 3; H1, H6, H7, H9, H10, H15, H18 level 4.
# Decision 766 (reports.levels): none of the 7 online dossiers of the level-4 procedure had its
# fee paid online and its result signed or posted, so all 11 online dossiers count as một phần.
EXPECTED_PARTIAL, EXPECTED_FULL = 11, 0
# Online received from 1 January: October's 11, and H5, H5b, H16, H17, C5 from September.
EXPECTED_ONLINE_YTD = 16
# Overdue at the end, most overdue first.
EXPECTED_OVERDUE = ["H16", "H17", "H18", "H7", "C3"]


def build_october(*, agency, procedures, applicant, officer, other_agency=None) -> dict:
    """Create the dossiers above (and a few in `other_agency`); return them by name."""
    rows = {}
    for name, (procedure, channel, state, moments) in {
        **CIVIL_STATUS,
        **CERTIFICATION,
        **NOT_ACCEPTED,
    }.items():
        rows[name] = dossier_row(
            agency=agency,
            procedure=procedures[procedure],
            applicant=applicant,
            state=state,
            channel=channel,
            handled_by=officer,
            **moments,
        )
    if other_agency is not None:
        # The sibling commune: one online dossier resolved early, one overdue.
        rows["S1"] = dossier_row(
            agency=other_agency,
            procedure=procedures["birth"],
            applicant=applicant,
            state=RR,
            accepted="2026-10-05 09:00",
            due="2026-10-08 09:00",
            finished="2026-10-06 09:00",
            returned="2026-10-06 10:00",
        )
        rows["S2"] = dossier_row(
            agency=other_agency,
            procedure=procedures["copy_cert"],
            applicant=applicant,
            state=P,
            channel=DIRECT,
            accepted="2026-10-20 09:00",
            due="2026-10-20 17:00",
        )
    created = create_rows(list(rows.values()))
    named = dict(zip(rows, created, strict=True))
    # Ratings: two happy in October, one unhappy in October, one in November (not counted).
    for name, choice, moment in (
        ("H1", Satisfaction.VERY_SATISFIED, "2026-10-08 08:00"),
        ("H2", Satisfaction.SATISFIED, "2026-10-10 08:00"),
        ("C1", Satisfaction.NOT_SATISFIED, "2026-10-06 08:00"),
        ("H17", Satisfaction.SATISFIED, "2026-11-06 08:00"),
    ):
        Evaluation.objects.create(
            dossier=named[name],
            choice=choice,
            channel=EvaluationChannel.ACCOUNT,
            created_at=at(moment),
        )
    return named


__all__ = ["NOW", "OnlineLevel", "build_october"]
