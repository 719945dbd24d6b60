"""English pages: the en catalog is compiled and used, Vietnamese stays the default.

The test settings compile nothing, so the catalogs are compiled here when a .mo is missing
(msgfmt comes with gettext). Without msgfmt these tests skip, except in CI, where a missing
gettext must fail rather than hide an untranslated site.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOG = "/thu-tuc/"
SIGN_IN = "/tai-khoan/dang-nhap/"


@pytest.fixture(scope="module", autouse=True)
def _compiled_catalogs():
    po = LOCALE / "en" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        if shutil.which("msgfmt") is None:
            if os.environ.get("CI") == "true":
                pytest.fail("msgfmt not found (apt-get install gettext): cannot compile en")
            pytest.skip("msgfmt not found (apt-get install gettext): English catalog not compiled")
        call_command("compilemessages", ignore_patterns=[".venv"], verbosity=0)
        # Catalogs loaded before the .mo existed stay cached for the whole process.
        translation.trans_real._translations.clear()
        translation.trans_real._default = None
    yield


@pytest.fixture
def procedure():
    return ProcedureFactory()


def test_catalog_page_in_english(client, procedure):
    response = client.get(CATALOG, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Administrative procedures" in html
    assert "Find a procedure" in html
    assert "1 procedure" in html  # plural form 0 of the en catalog
    assert "Sign in" in html
    assert "Thủ tục hành chính" not in html
    assert procedure.name in html  # data stays as entered


def test_catalog_plural_in_english(client):
    ProcedureFactory.create_batch(2)
    html = client.get(CATALOG, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 procedures" in html


def test_sign_in_page_in_english(client):
    response = client.get(SIGN_IN, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Sign in" in html
    assert "Password" in html
    assert "Phone number or citizen ID number" in html
    assert "Đăng nhập" not in html
    assert "Mật khẩu" not in html


@pytest.mark.parametrize("path", [CATALOG, SIGN_IN])
def test_pages_stay_vietnamese_for_vietnamese_browsers(client, procedure, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="vi")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html
    assert "Sign in" not in html


def test_vietnamese_is_the_default_without_accept_language(client):
    html = client.get(SIGN_IN).content.decode()
    assert '<html lang="vi">' in html
    assert "Mật khẩu" in html


def test_language_switch_persists(client, procedure):
    response = client.post("/i18n/setlang/", {"language": "en", "next": CATALOG})
    assert response.status_code == 302
    assert response["Location"] == CATALOG

    # The choice wins over a Vietnamese browser, on every following page.
    for path in (CATALOG, SIGN_IN):
        html = client.get(path, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
        assert '<html lang="en">' in html, path
        assert "Sign in" in html, path
    # The footer now offers the way back.
    assert 'value="vi"' in html

    client.post("/i18n/setlang/", {"language": "vi", "next": CATALOG})
    html = client.get(CATALOG, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="vi">' in html
    assert "Thủ tục hành chính" in html


def test_every_english_entry_is_translated():
    """No msgid in the en catalog is left empty or fuzzy (the source language is Vietnamese)."""
    from django.utils.translation import trans_real

    po = (LOCALE / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = [block for block in po.split("\n\n") if "msgid" in block][1:]  # skip the header
    empty = [b for b in entries if re.search(r'^msgstr(?:\[\d+\])? ""$(?!\n")', b, re.M)]
    fuzzy = [b for b in entries if "#, fuzzy" in b]
    assert not empty, empty[:3]
    assert not fuzzy, fuzzy[:3]
    with translation.override("en"):
        assert trans_real.gettext("Đăng nhập") == "Sign in"
