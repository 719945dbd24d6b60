"""The project-wide tests here reuse the dossier tests' agency, people and procedure, and keep
their files in each test's own folder as those do."""

from tests.dossiers.conftest import (  # noqa: F401
    _private_media,
    agency,
    citizen,
    officer,
    procedure,
)
