"""EMAIL_URL=filemail://… names the folder of the file mail backend (issue 17, defect 4).

django-environ dropped the leading slash of filemail:///abs/path: mail went to a relative
folder under the working directory. The settings are read in a fresh process, as at start-up.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def mail_settings(email_url: str) -> dict[str, str]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "DEBUG": "1",
        "EMAIL_URL": email_url,
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.EMAIL_BACKEND, str(settings.EMAIL_FILE_PATH)]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    backend, path = json.loads(done.stdout.strip().splitlines()[-1])
    return {"backend": backend, "path": path}


@pytest.mark.parametrize(
    ("email_url", "path"),
    [
        ("filemail:///srv/motcua/mail", "/srv/motcua/mail"),
        ("filemail:///tmp/th%C6%B0", "/tmp/thư"),
        ("filemail://var/mail", "var/mail"),
    ],
)
def test_filemail_keeps_the_folder_as_written(email_url, path):
    read = mail_settings(email_url)
    assert read == {"backend": "django.core.mail.backends.filebased.EmailBackend", "path": path}
