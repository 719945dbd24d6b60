"""The citizen's side of a race: two tabs, a double tap. One click wins; the others are told
"the dossier changed, reload" on the dossier's page, never a 404."""

import pytest

from django.test import Client
from django.urls import reverse

from dossiers import services
from dossiers.models import Dossier, DossierEvent, State
from tests.factories import DossierFactory, png_upload

from .test_concurrency import run_together, split

CHANGED = "Hồ sơ vừa thay đổi, vui lòng tải lại trang."


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _told_it_changed(client: Client, response, dossier: Dossier) -> bool:
    """Sent to the dossier's page (a draft's is its documents step), which says it changed."""
    page = reverse("dossiers:my_dossier", args=[dossier.pk])
    return (
        response.status_code == 302
        and response["Location"] == page
        and (CHANGED in client.get(page, follow=True).content.decode())
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("tabs", [2, 5])
def test_submits_at_once_one_wins_the_others_are_told_it_changed(agency, procedure, citizen, tabs):
    draft = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    clients = [_signed_in(citizen) for _ in range(tabs)]
    url = reverse("dossiers:review", args=[draft.pk])

    outcomes = run_together([lambda c=client: c.post(url) for client in clients], holding=draft)

    _succeeded, errors = split(outcomes)
    assert errors == []
    responses = [response for _status, response in outcomes]
    submitted = reverse("dossiers:submitted", args=[draft.pk])
    winners = [r for r in responses if r.status_code == 302 and r["Location"] == submitted]
    assert len(winners) == 1
    losers = [(c, r) for c, r in zip(clients, responses, strict=True) if r not in winners]
    assert all(_told_it_changed(client, response, draft) for client, response in losers)
    assert Dossier.objects.get(pk=draft.pk).state == State.SUBMITTED
    assert DossierEvent.objects.filter(dossier=draft, kind="submitted").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_withdrawals_at_once_one_wins_the_other_is_told_it_changed(agency, procedure, citizen):
    dossier = DossierFactory(submitted=True, agency=agency, procedure=procedure, applicant=citizen)
    clients = [_signed_in(citizen) for _ in range(2)]
    url = reverse("dossiers:withdraw", args=[dossier.pk])
    form = {"confirm": "on", "reason": "Nộp nhầm."}

    outcomes = run_together(
        [lambda c=client: c.post(url, form) for client in clients], holding=dossier
    )

    _succeeded, errors = split(outcomes)
    assert errors == []
    told = [
        _told_it_changed(client, response, dossier)
        for client, (_status, response) in zip(clients, outcomes, strict=True)
    ]
    assert sorted(told) == [False, True]
    assert Dossier.objects.get(pk=dossier.pk).state == State.WITHDRAWN
    assert DossierEvent.objects.filter(dossier=dossier, kind="withdrawn").count() == 1


@pytest.mark.django_db
def test_submitting_from_a_page_left_open_after_submitting_elsewhere(
    client, agency, procedure, citizen
):
    draft = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    services.submit(draft.pk, user=citizen)  # in another tab
    client.force_login(citizen)
    response = client.post(reverse("dossiers:review", args=[draft.pk]))
    assert _told_it_changed(client, response, draft)


@pytest.mark.django_db
def test_withdrawing_twice(client, agency, procedure, citizen):
    dossier = DossierFactory(submitted=True, agency=agency, procedure=procedure, applicant=citizen)
    client.force_login(citizen)
    url = reverse("dossiers:withdraw", args=[dossier.pk])
    form = {"confirm": "on", "reason": "Nộp nhầm."}
    assert client.post(url, form).status_code == 302
    assert _told_it_changed(client, client.post(url, form), dossier)
    assert DossierEvent.objects.filter(dossier=dossier, kind="withdrawn").count() == 1


@pytest.mark.django_db
def test_adding_a_file_to_a_draft_submitted_meanwhile(
    client, agency, procedure, citizen, optional_document
):
    draft = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    services.submit(draft.pk, user=citizen)
    client.force_login(citizen)
    response = client.post(
        reverse("dossiers:documents", args=[draft.pk]),
        {f"document_{optional_document.pk}": png_upload()},
    )
    assert _told_it_changed(client, response, draft)
    assert draft.attachments.count() == 1


@pytest.mark.django_db
def test_removing_a_file_removed_meanwhile(client, agency, procedure, citizen, optional_document):
    draft = DossierFactory(agency=agency, procedure=procedure, applicant=citizen)
    client.force_login(citizen)
    client.post(
        reverse("dossiers:documents", args=[draft.pk]),
        {f"document_{optional_document.pk}": png_upload()},
    )
    added = draft.attachments.get(required_document=optional_document)
    url = reverse("dossiers:remove_file", args=[draft.pk, added.pk])
    assert client.post(url).status_code == 302
    assert _told_it_changed(client, client.post(url), draft)


@pytest.mark.django_db
def test_another_persons_dossier_is_still_not_found(client, agency, procedure, citizen):
    draft = DossierFactory(agency=agency, procedure=procedure)
    client.force_login(citizen)
    assert client.post(reverse("dossiers:review", args=[draft.pk])).status_code == 404
