"""The project-wide tests here reuse the dossier tests' procedure (the agency and the people come
from tests/conftest.py), and keep their files in each test's own folder as those do."""

from tests.dossiers.conftest import (  # noqa: F401
    _private_media,
    procedure,
)
