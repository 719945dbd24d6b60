"""Drop and create again the PostgreSQL database a measure works in:

    python bench/fresh_database.py postgres://user@host:5432/motcua_loadtest _loadtest

Refuses a database whose name does not end in the suffix given, so that a mistyped URL never
drops a database someone uses.
"""

import sys
from urllib.parse import urlsplit

import psycopg


def main(url: str, suffix: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.endswith(suffix):
        sys.exit(f"{name}: this measure drops its database; give it a name ending in {suffix}")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
