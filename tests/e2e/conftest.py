"""Headless Chromium (Debian's package) driven by Playwright; never a browser download."""

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from motcua.celery import app as celery_app

SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Chromium at {CHROMIUM} (apt-get install chromium)")
        pytest.skip("no Chromium installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are plain synchronous calls.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield from _launch(sync_playwright)
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _launch(sync_playwright):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone_page(browser):
    """A page the size of a cheap phone: 360 px wide."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", accept_downloads=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desk_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def sms_code(settings, tmp_path):
    """The live server sends SMS as in development: the file backend, in this test's folder
    (SMS_FILE_PATH), each message right after its transaction commits (Celery eager, as without
    Redis). Returns a reader: the newest 6-digit code written for a phone number."""
    settings.SMS_BACKEND = "notifications.sms.FileBackend"
    settings.SMS_FILE_PATH = folder = tmp_path / "sms"
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True

    def read(phone: str) -> str:
        texts = [
            message["text"]
            for path in sorted(folder.glob("sms-*.jsonl"))
            for message in map(json.loads, path.read_text().splitlines())
            if message["to"] == phone
        ]
        for text in reversed(texts):
            found = re.search(r"\b(\d{6})\b", text)
            if found:
                return found.group(1)
        raise AssertionError(f"no SMS with a code for {phone} in {folder}")

    yield read
    celery_app.conf.task_always_eager = before
