"""Slips are printed once, when their event happens, and every download streams that file
(dossiers.slipfiles): the same paper each time, whatever changed since."""

import hashlib

import pytest

from django.urls import reverse

from dossiers.models import SlipFile
from dossiers.slips import SlipKind
from dossiers.tasks import print_slip

from .builders import CODE, LOOKUP_URL, accepted, pdf_text, squash, supplement_asked_twice

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://dichvucong.cantho.gov.vn"


def _download(client, user, dossier, kind="receipt"):
    client.force_login(user)
    response = client.get(reverse("dossiers:slip", args=[dossier.pk, kind]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    return b"".join(response.streaming_content)


def _slip_files(media):
    return sorted((media / "private" / "slips").rglob("*.pdf"))


def test_the_slip_is_printed_when_its_event_happens(
    world, media, eager, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = accepted(world)
    stored = SlipFile.objects.get(event__dossier=dossier)
    assert stored.kind == SlipKind.RECEIPT
    data = stored.file.read()
    assert data.startswith(b"%PDF-")
    assert (stored.size, stored.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert len(_slip_files(media)) == 1


def test_every_download_streams_the_stored_file(
    client, world, media, eager, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = accepted(world)
    stored = SlipFile.objects.get(event__dossier=dossier).file.read()
    downloads = [_download(client, user, dossier) for user in (world.officer, world.citizen) * 2]
    assert all(data == stored for data in downloads)
    assert len(_slip_files(media)) == 1
    assert SlipFile.objects.count() == 1


def test_a_stored_slip_stays_the_record_of_its_event(
    client, world, eager, site, django_capture_on_commit_callbacks
):
    """A later change of the fee or of the officer's name does not rewrite a receipt given."""
    with django_capture_on_commit_callbacks(execute=True):
        dossier = accepted(world)
    world.procedure.fee_vnd = 50000
    world.procedure.save()
    world.officer.full_name = "Trần Văn Bình Minh"
    world.officer.save()
    text = squash(pdf_text(_download(client, world.citizen, dossier)))
    assert "8.000" in text and "50.000" not in text
    assert "Bình Minh" not in text


def test_the_lookup_link_on_a_slip_is_the_sites_whoever_downloads_it(client, world, site):
    """The slip is a kept paper: its QR code and link come from SITE_URL, never from the Host
    header of the first request."""
    dossier = accepted(world)
    text = squash(pdf_text(_download(client, world.officer, dossier)))
    assert LOOKUP_URL in text.replace(" ", "")
    assert "testserver" not in text


def test_a_slip_never_printed_is_printed_at_its_first_download_and_kept(
    client, world, media, site, django_capture_on_commit_callbacks, caplog
):
    """The broker is unreachable in tests: the event is kept, the slip waits for a download."""
    with django_capture_on_commit_callbacks(execute=True):
        dossier = accepted(world)
    assert "slip_queue_failed" in caplog.text
    assert not SlipFile.objects.exists()
    first = _download(client, world.officer, dossier)
    assert CODE in squash(pdf_text(first))
    assert _download(client, world.citizen, dossier) == first
    assert len(_slip_files(media)) == 1


def test_printing_an_events_slip_twice_keeps_one_file(world, media, site):
    dossier = accepted(world)
    event = dossier.events.get(kind="accepted")
    assert print_slip.run(event.pk) is True
    assert print_slip.run(event.pk) is True
    assert print_slip.run(dossier.events.get(kind="submitted").pk) is False  # no slip
    assert len(_slip_files(media)) == 1


def test_each_supplement_request_keeps_its_own_slip(
    client, world, media, eager, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = supplement_asked_twice(world)
    requests = list(dossier.events.filter(kind="documents_requested"))
    assert len(requests) == 2
    assert {slip.event_id for slip in SlipFile.objects.all()} >= {e.pk for e in requests}
    latest = SlipFile.objects.get(event=requests[-1]).file.read()
    assert _download(client, world.citizen, dossier, "supplement_request") == latest
    assert "Giấy chứng sinh bị mờ" in squash(pdf_text(latest))
