"""`make bench`: the monthly report on a province-scale dataset, against hand-written SQL.

    DATABASE_URL=postgres://... python bench/run.py [--dossiers N] [--communes M] [--months K]
        [--runs R]

1. Creates the database if it is missing, migrates it, and generates the dataset unless the
   one there has the asked size (bench/dataset.py; a dataset's parameters are kept in the
   database's comment; a database whose name ends in "_bench" is dropped and made again for a
   new size).
2. Report: the top agency (every commune) for the last month completed before the dataset
   was generated. Measured R times each, alternating, after one warm-up run:
     - the Biểu 06 table through the ORM (reports.figures.table: SQL built by Django, run,
       and its groups added up in Python);
     - the same columns in one hand-written statement (bench/bieu06.sql);
     - for comparison, hand-written with one FILTER per column (bench/bieu06_filter.sql);
     - the whole report (reports.monthly.compute: its 8 queries);
     - the PDF (reports.exports.render_pdf), the CSV and the XLSX.
   Medians are printed. The ORM and the hand-written SQL must give the same numbers, or the
   run fails. The whole report is timed as in operation, the earlier months frozen by the
   monthly job (the run freezes those not frozen yet, once per dataset), and its ratio to the
   table printed; the trend of those 11 months counted from scratch (a first report after
   installation) is timed apart.
3. Pages (bench/pages.py): the app served by gunicorn as in production, each page measured
   with wrk against a bare Django view in the same run (--pages-port 0 skips it).
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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import psycopg
from psycopg import sql
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from bench import configure_django

os.environ.setdefault("MEDIA_ROOT", str(Path(__file__).resolve().parent.parent / "var" / "bench"))
configure_django()  # before the project's modules below are imported (E402 allowed here)

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from agencies.models import Agency
from bench import pages
from bench.dataset import Plan, generate
from reports import exports
from reports import figures as fig
from reports.formatting import vn_number
from reports.monthly import MonthlyFigures, compute, latest_snapshots
from reports.snapshots import freeze
from reports.trend import trend

ROOT = Path(__file__).resolve().parent.parent
MARKER = "motcua-bench"


def _admin_connection(url: str) -> psycopg.Connection:
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


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages-port", type=int, default=8311, help="0: no pages section")
    parser.add_argument("--pages-seconds", type=int, default=8)
    return parser.parse_args()


def _dataset(url: str, args: argparse.Namespace) -> tuple[str, float | None]:
    """The database's comment once it holds the dataset asked for, and the seconds spent
    generating it in this run (None when it was there already)."""
    wanted = f"{MARKER} dossiers={args.dossiers} communes={args.communes} months={args.months}"
    ensure_database(url)
    comment = dataset_comment(url)
    regenerate = not comment.startswith(wanted + " ")
    if regenerate:  # a dataset needs a database of its own
        ensure_database(url, recreate=True)
    call_command("migrate", verbosity=0)
    if not regenerate:
        return comment, None
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
    comment = f"{wanted} generated={datetime.date.today().isoformat()} seconds={result.seconds:.1f}"
    with connection.cursor() as cursor:
        # As autovacuum leaves a table in operation: statistics, and the visibility map that
        # index-only scans need.
        cursor.execute("VACUUM ANALYZE")
        cursor.execute(
            f"COMMENT ON DATABASE {connection.ops.quote_name(_database_name(url))} IS %s",
            [comment],
        )
    return comment, result.seconds


@dataclass
class Subject:
    """What is measured: the province's report for a month, as of a moment."""

    province: Agency
    ids: list[int]
    period: fig.Period
    now: datetime.datetime

    @classmethod
    def of(cls, generated: datetime.date) -> Subject:
        """The last month completed before the dataset was generated, at noon that day."""
        period = fig.Period.month(generated.year, generated.month).previous_months(2)[0]
        province = Agency.objects.get(parent=None)
        now = datetime.datetime.combine(generated, datetime.time(12), tzinfo=fig.site_tz())
        return cls(province, fig.subtree_ids(province), period, now)

    def orm(self) -> list[tuple]:
        rows = sorted(fig.table(self.ids, self.period, now=self.now), key=lambda r: r.field_id)
        return [(row.field_id, *row.columns(), row.online_partial, row.online_full) for row in rows]

    def hand(self, name: str) -> Callable[[], list[tuple]]:
        """The hand-written statement in bench/`name`, as a function to time."""
        text = (ROOT / "bench" / name).read_text()
        params = {
            "ids": self.ids,
            "S": self.period.starts_at,
            "E": self.period.ends_before,
            "as_of": fig.as_of(self.period, self.now),
            "tz": settings.TIME_ZONE,
        }

        def run() -> list[tuple]:
            with connection.cursor() as cursor:
                cursor.execute(text, params)
                return [tuple(int(v or 0) for v in row) for row in cursor.fetchall()]

        return run


def _table_times(subject: Subject, runs: int) -> tuple[float, float, float]:
    """Medians (ms) of the ORM, bieu06.sql and bieu06_filter.sql; they must agree."""
    contenders = [subject.orm, subject.hand("bieu06.sql"), subject.hand("bieu06_filter.sql")]
    orm_rows, hand_rows, filter_rows = (run() for run in contenders)
    # Alternate the contenders so that a busy machine slows them alike.
    times: list[list[float]] = [[], [], []]
    for _ in range(runs):
        for spent, run in zip(times, contenders, strict=True):
            began = time.perf_counter()
            run()
            spent.append(time.perf_counter() - began)
    if not (orm_rows == hand_rows == filter_rows):
        print("ORM:    ", orm_rows, "\nhand:   ", hand_rows, "\nfilter: ", filter_rows)
        raise SystemExit("The ORM and the hand-written SQL disagree.")
    orm_ms, hand_ms, filter_ms = (statistics.median(spent) * 1000 for spent in times)
    return orm_ms, hand_ms, filter_ms


def _row(label: str, value: str) -> str:
    return f"  {label:<52}{value}"


def _freeze_earlier_months(subject: Subject) -> str | None:
    """Freeze the 11 months before the report's, as the monthly job would have (once)."""
    earlier = subject.period.previous_months(12)[:-1]
    missing = [m for m in earlier if m.key not in latest_snapshots(subject.province, earlier)]
    if not missing:
        return None
    began = time.perf_counter()
    for month in missing:
        freeze(subject.province, month, now=subject.now, scheduled=True)
    return f"Froze {len(missing)} earlier months in {time.perf_counter() - began:.0f} s (once)"


def _report_lines(subject: Subject, runs: int, table_ms: float) -> tuple[list[str], MonthlyFigures]:
    """The whole report, its PDF, CSV and XLSX, timed; the trend counted from scratch."""
    report_time, figures = _median(
        lambda: compute(subject.province, subject.period, now=subject.now), runs
    )
    earlier = subject.period.previous_months(12)[:-1]
    trend_time, _points = _median(lambda: trend(subject.ids, earlier, now=subject.now), runs)
    pdf_time, pdf = _median(lambda: exports.render_pdf(figures), max(3, runs // 2))
    csv_time, _csv = _median(lambda: exports.to_csv(figures), runs)
    xlsx_time, _xlsx = _median(lambda: exports.to_xlsx(figures), runs)
    pdf_pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return [
        _row("whole report, earlier months frozen (compute)", f"{report_time * 1000:8.1f} ms"),
        _row("ratio whole report / Biểu 06 table (ORM)", f"{report_time * 1000 / table_ms:8.2f}"),
        _row("trend of 11 months none frozen (figures.trend)", f"{trend_time * 1000:8.1f} ms"),
        _row(
            f"PDF render ({len(pdf) // 1024} KB, {pdf_pages} pages)", f"{pdf_time * 1000:8.1f} ms"
        ),
        _row("CSV / XLSX", f"{csv_time * 1000:8.2f} / {xlsx_time * 1000:.1f} ms"),
    ], figures


def main() -> None:
    args = _arguments()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("make bench needs PostgreSQL: DATABASE_URL=postgres://... (see Makefile)")
    comment, generated_in = _dataset(url, args)
    fields = dict(item.split("=", 1) for item in comment.split()[1:])
    subject = Subject.of(datetime.date.fromisoformat(fields["generated"]))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM dossiers_dossier")
        (count,) = cursor.fetchone()
        cursor.execute("SHOW server_version")
        (version,) = cursor.fetchone()
    frozen = _freeze_earlier_months(subject)
    if frozen:
        print(frozen, flush=True)
    orm_ms, hand_ms, filter_ms = _table_times(subject, args.runs)
    report, figures = _report_lines(subject, args.runs, orm_ms)
    lines = [
        f"PostgreSQL {version}; {vn_number(count)} dossiers, {len(subject.ids) - 1} communes "
        f"({comment.split(' generated=')[0].removeprefix(MARKER + ' ')})",
        f"Report: {subject.province.name}, {subject.period.start:%m/%Y}; "
        f"{vn_number(figures.total.received)} dossiers in the table, identities hold: "
        f"{figures.identities_hold}",
        f"Medians of {args.runs} runs:",
        _row("Biểu 06 table, ORM (reports.figures.table)", f"{orm_ms:8.1f} ms"),
        _row("same columns, hand-written SQL (bieu06.sql)", f"{hand_ms:8.1f} ms"),
        _row("ratio ORM / hand-written", f"{orm_ms / hand_ms:8.2f}"),
        _row("hand-written, one FILTER per column (comparison)", f"{filter_ms:8.1f} ms"),
        *report,
        "  The ORM's and the hand-written SQL's figures are equal.",
    ]
    if generated_in is not None:
        lines.append(f"Dataset generated in this run: {generated_in:.0f} s")
    else:
        lines.append(f"Dataset generated earlier in {float(fields.get('seconds', 0)):.0f} s")
    print("\n".join(lines), flush=True)
    if args.pages_port:
        print("\n".join(pages.measure(args.pages_port, args.pages_seconds)))


if __name__ == "__main__":
    main()
