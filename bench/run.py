"""`make bench`: the monthly report on a province-scale dataset, against hand-written SQL.

    DATABASE_URL=postgres://... python bench/run.py [--dossiers N] [--communes M] [--months K]
        [--runs R]

1. Creates the database if it is missing, migrates it, and generates the dataset unless the
   one there has the asked size (a dataset's parameters are kept in the database's comment;
   a database whose name ends in "_bench" is dropped and made again for a new size).
2. Report: the top agency (every commune) for the last month completed before the dataset
   was generated. Measured R times each, alternating, after one warm-up run:
     - the Biểu 06 table through the ORM (reports.figures.table: SQL built by Django, run,
       and its groups added up in Python);
     - the same columns in one hand-written statement (bench/bieu06.sql);
     - for comparison, hand-written with one FILTER per column (bench/bieu06_filter.sql);
     - the whole report (reports.monthly.compute: its 8 queries);
     - the PDF (reports.exports.render_pdf), the CSV and the XLSX.
   Medians are printed. The ORM and the hand-written SQL must give the same numbers, or the
   run fails.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

if TYPE_CHECKING:
    import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("LOG_LEVEL", "WARNING")

MARKER = "motcua-bench"


def _admin_connection(url: str) -> psycopg.Connection:
    import psycopg

    parts = urlparse(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


def _database_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")


def ensure_database(url: str, *, recreate: bool = False) -> None:
    """CREATE DATABASE if missing; with `recreate`, drop a *_bench database first."""
    from psycopg import sql

    name = _database_name(url)
    with _admin_connection(url) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and recreate:
            if not name.endswith("_bench"):
                raise SystemExit(
                    f"The dataset in {name!r} is not the one asked for, and only a database "
                    "whose name ends in _bench is dropped. Use another BENCH_DATABASE_URL."
                )
            print(f"Dropping {name} (another dataset size)...", flush=True)
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.", flush=True)


def dataset_comment(url: str) -> str:
    name = _database_name(url)
    with _admin_connection(url) as admin:
        row = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    return (row[0] if row else None) or ""


def _median(run: Callable[[], object], runs: int) -> tuple[float, object]:
    result = run()  # warm-up
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("make bench needs PostgreSQL: DATABASE_URL=postgres://... (see Makefile)")
    wanted = f"{MARKER} dossiers={args.dossiers} communes={args.communes} months={args.months}"
    ensure_database(url)
    comment = dataset_comment(url)
    regenerate = not comment.startswith(wanted + " ")
    if regenerate:  # a dataset needs a database of its own
        ensure_database(url, recreate=True)

    import django

    django.setup()
    from pypdf import PdfReader

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from agencies.models import Agency
    from reports import exports
    from reports import figures as fig
    from reports.dataset import Plan, generate
    from reports.formatting import vn_number
    from reports.monthly import compute

    call_command("migrate", verbosity=0)
    generated_in = None
    if regenerate:
        call_command("load_catalog", verbosity=0)
        print(
            f"Generating {vn_number(args.dossiers)} dossiers, {args.communes} communes, "
            f"{args.months} months...",
            flush=True,
        )

        def progress(done: int, total: int, seconds: float) -> None:
            print(f"  {vn_number(done)}/{vn_number(total)} in {seconds:.0f} s", flush=True)

        result = generate(
            Plan(dossiers=args.dossiers, communes=args.communes, months=args.months),
            progress=progress,
        )
        generated_in = result.seconds
        today = datetime.date.today().isoformat()
        with connection.cursor() as cursor:
            cursor.execute(
                f"COMMENT ON DATABASE {connection.ops.quote_name(_database_name(url))} IS %s",
                [f"{wanted} generated={today} seconds={result.seconds:.1f}"],
            )
        comment = f"{wanted} generated={today} seconds={result.seconds:.1f}"

    fields = dict(item.split("=", 1) for item in comment.split()[1:])
    generated = datetime.date.fromisoformat(fields["generated"])
    period = fig.Period.month(generated.year, generated.month).previous_months(2)[0]
    province = Agency.objects.get(parent=None)
    ids = fig.subtree_ids(province)
    now = datetime.datetime.combine(generated, datetime.time(12), tzinfo=fig.site_tz())
    params = {
        "ids": ids,
        "S": period.starts_at,
        "E": period.ends_before,
        "as_of": fig.as_of(period, now),
        "tz": settings.TIME_ZONE,
    }
    hand_sql = (ROOT / "bench" / "bieu06.sql").read_text()
    filter_sql = (ROOT / "bench" / "bieu06_filter.sql").read_text()

    def orm() -> list[tuple]:
        return [
            (row.field_id, *row.columns(), row.online_partial, row.online_full)
            for row in sorted(fig.table(ids, period, now=now), key=lambda r: r.field_id)
        ]

    def hand(text: str) -> Callable[[], list[tuple]]:
        def run() -> list[tuple]:
            with connection.cursor() as cursor:
                cursor.execute(text, params)
                return [tuple(int(v or 0) for v in row) for row in cursor.fetchall()]

        return run

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM dossiers_dossier")
        (count,) = cursor.fetchone()
        cursor.execute("SHOW server_version")
        (version,) = cursor.fetchone()

    # Alternate the contenders so that a busy machine slows them alike.
    orm_times, hand_times, filter_times = [], [], []
    orm_rows, hand_rows, filter_rows = orm(), hand(hand_sql)(), hand(filter_sql)()
    for _ in range(args.runs):
        for times, run in (
            (orm_times, orm),
            (hand_times, hand(hand_sql)),
            (filter_times, hand(filter_sql)),
        ):
            began = time.perf_counter()
            run()
            times.append(time.perf_counter() - began)
    if not (orm_rows == hand_rows == filter_rows):
        print("ORM:    ", orm_rows, "\nhand:   ", hand_rows, "\nfilter: ", filter_rows)
        raise SystemExit("The ORM and the hand-written SQL disagree.")

    report_time, figures = _median(lambda: compute(province, period, now=now), args.runs)
    pdf_time, pdf = _median(lambda: exports.render_pdf(figures), max(3, args.runs // 2))
    csv_time, _csv = _median(lambda: exports.to_csv(figures), args.runs)
    xlsx_time, _xlsx = _median(lambda: exports.to_xlsx(figures), args.runs)

    orm_ms = statistics.median(orm_times) * 1000
    hand_ms = statistics.median(hand_times) * 1000
    filter_ms = statistics.median(filter_times) * 1000
    total = figures.total
    pages = len(PdfReader(io.BytesIO(pdf)).pages)

    def row(label: str, value: str) -> str:
        return f"  {label:<52}{value}"

    lines = [
        f"PostgreSQL {version}; {vn_number(count)} dossiers, {len(ids) - 1} communes "
        f"({comment.split(' generated=')[0].removeprefix(MARKER + ' ')})",
        f"Report: {province.name}, {period.start:%m/%Y}; {vn_number(total.received)} dossiers in "
        f"the table, identities hold: {figures.identities_hold}",
        f"Medians of {args.runs} runs:",
        row("Biểu 06 table, ORM (reports.figures.table)", f"{orm_ms:8.1f} ms"),
        row("same columns, hand-written SQL (bieu06.sql)", f"{hand_ms:8.1f} ms"),
        row("ratio ORM / hand-written", f"{orm_ms / hand_ms:8.2f}"),
        row("hand-written, one FILTER per column (comparison)", f"{filter_ms:8.1f} ms"),
        row("whole report, 8 queries (reports.monthly.compute)", f"{report_time * 1000:8.1f} ms"),
        row(f"PDF render ({len(pdf) // 1024} KB, {pages} pages)", f"{pdf_time * 1000:8.1f} ms"),
        row("CSV / XLSX", f"{csv_time * 1000:8.2f} / {xlsx_time * 1000:.1f} ms"),
        "  The ORM's and the hand-written SQL's figures are equal.",
    ]
    if generated_in is not None:
        lines.append(f"Dataset generated in this run: {generated_in:.0f} s")
    else:
        lines.append(f"Dataset generated earlier in {float(fields.get('seconds', 0)):.0f} s")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
