import os

import pytest

from procedures import calendar
from tests.factories import AgencyFactory, UserFactory


def _ci_expects_postgres() -> bool:
    """CI asked for PostgreSQL: then a test marked `postgres` must never be skipped."""
    return os.environ.get("CI") == "true" and os.environ.get("DATABASE_URL", "").startswith(
        "postgres"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgres` skip on another database, except in CI set up for PostgreSQL.

    An unreachable PostgreSQL is not detected here: pytest-django fails when it creates the
    test database, and nothing below hides that.
    """
    marked = [item for item in items if item.get_closest_marker("postgres")]
    if not marked:
        return
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    if _ci_expects_postgres():
        raise pytest.UsageError(
            "CI=true and DATABASE_URL points at PostgreSQL, but the test database is "
            f"{connection.vendor}: the PostgreSQL tests would not run."
        )
    skip = pytest.mark.skip(
        reason=f"needs PostgreSQL (database is {connection.vendor}; set DATABASE_URL=postgres://…)"
    )
    for item in marked:
        item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _signing_certificate():
    """The development CA and agency certificate the tests sign results with (made once, kept
    in var/test-signing/ as settings_test says)."""
    from pathlib import Path

    from django.conf import settings

    from signing.certificates import create_development_certificates

    if not Path(settings.SIGNING_PKCS12_PATH).exists():
        create_development_certificates(
            Path(settings.SIGNING_PKCS12_PATH).parent,
            agency_name="UBND xã Thử Nghiệm",
            password=settings.SIGNING_PKCS12_PASSWORD,
        )


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (holiday table, rate limits) and no outage known
    (a broker or cache failure seen by one test is not skipped in the next: motcua.outage)."""
    from django.core.cache import cache

    from motcua.outage import reset_all

    cache.clear()
    calendar.clear_cache()  # the process's holiday table too (its version is read once a second)
    reset_all()
    yield
    cache.clear()
    calendar.clear_cache()
    reset_all()


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    """Each test starts with no SMS received (the test SMS backend's list)."""
    from notifications.sms import LocmemBackend

    LocmemBackend.outbox.clear()
    yield
    LocmemBackend.outbox.clear()


@pytest.fixture
def eager():
    """Celery as in the embedded default: `.delay()` runs the task in this process."""
    from motcua.celery import app as celery_app

    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


@pytest.fixture
def media_root(settings, tmp_path):
    """MEDIA_ROOT in this test's own folder (the private document storage follows it)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    request, tmp_path_factory, django_db_modify_db_settings_parallel_suffix
):
    """With integration tests selected, a SQLite test database lives in a file, not in memory:
    the Celery worker those tests start is another process and must open the same database.
    (PostgreSQL needs nothing: the worker connects to the `test_…` database by name.)"""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return
    if any(item.get_closest_marker("integration") for item in request.session.items):
        path = tmp_path_factory.mktemp("database") / "test-motcua.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


# The commune, its officer and a citizen most tests share (a folder's conftest may override).
@pytest.fixture
def agency(db):
    return AgencyFactory(identifier="000.00.12.H33", name="UBND phường Thạnh Xuân")


@pytest.fixture
def officer(agency):
    return UserFactory(officer=True, agency=agency, full_name="Trần Thị Bình")


@pytest.fixture
def citizen(db):
    return UserFactory(citizen=True, full_name="Nguyễn Văn An")
