"""Which slips a dossier has (dossiers.slips.available_slips), and which it does not."""

import pytest
import time_machine

from dossiers import drafts, services
from dossiers.slips import SlipKind, available_slips, render_slip_html, render_slip_pdf

from .builders import (
    LOOKUP_URL,
    accepted,
    apologised,
    at,
    rejected,
    submitted,
    supplement_asked_before_acceptance,
    supplement_asked_twice,
)

pytestmark = pytest.mark.django_db


def test_draft_and_submitted_dossiers_have_no_slip(world):
    with time_machine.travel(at(3, 8), tick=False):
        draft = drafts.create_draft(
            procedure=world.procedure,
            agency=world.commune,
            applicant=world.citizen,
            details=services.ApplicantDetails.of(world.citizen),
        )
    assert available_slips(draft) == []
    assert available_slips(submitted(world)) == []


def test_accepted_dossier_has_the_receipt_found_in_one_query(world, django_assert_num_queries):
    dossier = accepted(world)
    with django_assert_num_queries(1):
        assert available_slips(dossier) == [SlipKind.RECEIPT]


def test_dossier_received_at_desk_has_the_receipt(world):
    with time_machine.travel(at(3, 9), tick=False):
        dossier = services.create_at_desk(
            officer=world.officer,
            procedure=world.procedure,
            details=services.ApplicantDetails.of(world.citizen),
        )
    assert available_slips(dossier) == [SlipKind.RECEIPT]


def test_supplement_request_before_acceptance_is_the_only_slip(world):
    assert available_slips(supplement_asked_before_acceptance(world)) == [
        SlipKind.SUPPLEMENT_REQUEST
    ]


def test_supplement_request_after_acceptance_comes_with_the_receipt(world):
    assert available_slips(supplement_asked_twice(world)) == [
        SlipKind.RECEIPT,
        SlipKind.SUPPLEMENT_REQUEST,
    ]


def test_rejected_dossier_has_the_refusal_only(world):
    assert available_slips(rejected(world)) == [SlipKind.REFUSAL]


def test_apology_comes_with_the_receipt(world):
    assert available_slips(apologised(world)) == [SlipKind.RECEIPT, SlipKind.APOLOGY]


def test_a_slip_the_dossier_does_not_have_is_a_lookup_error(world):
    dossier = submitted(world)
    with pytest.raises(LookupError):
        render_slip_html(dossier, SlipKind.RECEIPT, lookup_url=LOOKUP_URL)
    with pytest.raises(LookupError):
        render_slip_pdf(dossier, SlipKind.RECEIPT, lookup_url=LOOKUP_URL)
    accepted_dossier = services.accept(dossier.pk, officer=world.officer)
    for kind in (SlipKind.REFUSAL, SlipKind.APOLOGY, SlipKind.SUPPLEMENT_REQUEST):
        with pytest.raises(LookupError):
            render_slip_html(accepted_dossier, kind, lookup_url=LOOKUP_URL)


def test_an_unknown_slip_kind_is_refused(world):
    with pytest.raises(ValueError):
        render_slip_html(accepted(world), "certificate", lookup_url=LOOKUP_URL)
