"""Benchmarks and the province-scale dataset generator (bench/README.md).

Development tooling outside the production apps: no app imports it, and it is never installed
as a Django app. `configure_django()` sets up Django for the scripts run from `make bench`.
"""

import os

import django


def configure_django() -> None:
    """Settings for a script run outside manage.py: production settings, quiet logs."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    django.setup()
