"""No odd value gives a 500: every URL pattern, odd parameters and fields, as every role.

Each example sends one request to every pattern of the URL resolver (the admin's included):
path parameters, query fields and posted fields (sometimes a file) drawn from odd values
(control characters, huge numbers, impossible months, long text, markup) and from real ids of
a world with a dossier in every state. The test client raises any server error.
"""

import re
from os.path import basename
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django import forms
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver

import accounts.forms
import dossiers.citizen_forms
import dossiers.forms
import reports.forms
import satisfaction.forms
from agencies.models import Agency
from dossiers.actions import ACTIONS
from dossiers.events import SlipKind
from dossiers.models import Attachment, Dossier, State
from tests.factories import PDF_BYTES, AgencyFactory, DossierFactory, ProcedureFactory, UserFactory

pytestmark = pytest.mark.django_db

FORM_MODULES = (accounts.forms, dossiers.citizen_forms, dossiers.forms, reports.forms)
FORM_MODULES += (satisfaction.forms,)
ROLES = ["anonymous", "citizen", "officer", "leader", "helper", "administrator"]
ODD = [
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\x7f",
    "\u0085",
    "",
    " ",
    "-1",
    "0",
    "9" * 40,
    "1e309",
    "NaN",
    "9999-12",
    "0001-01",
    "1999-12",
    "2101-01",
    "2026-13",
    "2026-10",
    "9999-12-31",
    "../../etc/passwd",
    "%00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202etxt.exe",
    "Ø" * 3000,
    "on",
]
ODD_TEXT = st.one_of(st.sampled_from(ODD), st.text(max_size=30))
_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _routes(patterns: list, prefix: str = "") -> list[str]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern).replace("^", "").replace("$", "")
        if isinstance(pattern, URLResolver):
            found += _routes(pattern.url_patterns, route)
        else:
            found.append(route)
    return found


def _field_names() -> list[str]:
    """Every field our forms and templates post, and the parameters views read by hand."""
    names = {"cho", "page", "inline", "next", "language", "q", "version", "confirm"}
    pending = list(forms.BaseForm.__subclasses__())
    while pending:
        form = pending.pop()
        pending += form.__subclasses__()
        if any(form.__module__ == module.__name__ for module in FORM_MODULES):
            names.update(form.base_fields)
    for template in Path(django_settings.BASE_DIR, "templates").rglob("*.html"):
        names.update(re.findall(r'name="([\w-]+)"', template.read_text()))
    return sorted(names)


@pytest.fixture
def world(db):
    province = AgencyFactory(identifier="000.00.00.H33", level=Agency.Level.PROVINCE)
    agency = AgencyFactory(identifier="000.00.12.H33", parent=province)
    procedure = ProcedureFactory(with_documents=True)
    citizen = UserFactory(citizen=True)
    officer = UserFactory(officer=True, agency=agency)
    users = {
        "citizen": citizen,
        "officer": officer,
        "leader": UserFactory(leader=True, agency=province),
        "helper": UserFactory(helper=True),
        "administrator": UserFactory(is_staff=True, is_superuser=True),
    }
    for state in State.values:
        DossierFactory(
            target=state, agency=agency, procedure=procedure, applicant=citizen, officer=officer
        )
    documents = list(procedure.required_documents.values_list("pk", flat=True))
    ids = {
        "agency_pk": [agency.pk, province.pk],
        "procedure_pk": [procedure.pk],
        "attachment_pk": list(Attachment.objects.values_list("pk", flat=True)),
        "version": [0, 1, 2, 3],
        "pk": [*Dossier.objects.values_list("pk", flat=True), procedure.pk, *documents],
    }
    return {
        "users": users,
        "ids": ids,
        "routes": _routes(get_resolver().url_patterns),
        "fields": _field_names() + [f"document_{pk}" for pk in [0, *documents]],
    }


def _path(route: str, ids: dict[str, list[int]], draw) -> str:
    def value(match: re.Match) -> str:
        converter = match.group(1) or ("path" if match.group(3) else "str")
        if converter == "int":
            known = ids.get(match.group(2), ids["pk"])
            return str(draw(st.one_of(st.sampled_from(known), st.integers(0, 10**30))))
        known = [*ACTIONS, *SlipKind.values] if converter == "slug" else []
        text = draw(st.one_of(st.sampled_from(known or ODD), ODD_TEXT))
        return quote(text, safe="/" if converter == "path" else "")

    return "/" + _PARAMETER.sub(value, route)


def _fields(names: list[str], draw) -> dict[str, str]:
    chosen = draw(st.lists(st.one_of(st.sampled_from(names), ODD_TEXT), max_size=4))
    return {name: draw(ODD_TEXT) for name in chosen}


# Each example draws a few values per route: the routes go in chunks, so that one example's
# draws stay within Hypothesis's buffer, and every route is still visited by every role.
CHUNK = 25
CHUNKS = range((len(_routes(get_resolver().url_patterns)) + CHUNK - 1) // CHUNK)


@pytest.mark.parametrize("chunk", CHUNKS)
@pytest.mark.parametrize("role", ROLES)
@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_odd_value_gives_a_server_error(client, world, media_root, role, chunk, data):
    user = world["users"].get(role)
    signed_out = True
    for route in world["routes"][chunk * CHUNK : (chunk + 1) * CHUNK]:
        path = _path(route, world["ids"], data.draw)
        query = _fields(world["fields"], data.draw)
        if user is not None and signed_out:
            client.force_login(user)
        signed_out = data.draw(st.booleans(), label="post")  # a post may sign out
        if signed_out:
            posted: dict[str, object] = _fields(world["fields"], data.draw)
            if data.draw(st.booleans(), label="with a file"):
                name = data.draw(st.sampled_from(world["fields"]))
                content = data.draw(st.sampled_from([PDF_BYTES, b"", b"\x00" * 64]))
                filename = data.draw(ODD_TEXT.filter(lambda n: basename(n) not in ("", ".", "..")))
                posted[name] = SimpleUploadedFile(filename, content)
            response = client.post(f"{path}?{urlencode(query)}", posted)
        else:
            response = client.get(path, query)
        assert response.status_code < 500, (role, path, query)
