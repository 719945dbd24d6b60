"""A province-scale dataset for benchmarks and demonstrations (bench/dataset.py says what it
contains), into the database DATABASE_URL names:

    DATABASE_URL=... python bench/generate.py --dossiers N --communes M --months K [--seed S]
        [--batch B] [--no-events]

Migrate the database first; the starter catalog is loaded if there is no procedure. Use a
database of its own: it refuses communes that already have dossiers.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from bench import configure_django

configure_django()  # before the project's modules below are imported (E402 allowed here)

from django.core.management import call_command

from bench.dataset import Plan, generate
from procedures.models import Procedure
from reports.formatting import vn_number


def _plan() -> Plan:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--batch", type=int, default=50_000)
    parser.add_argument("--no-events", action="store_true", help="skip the (reduced) audit trail")
    args = parser.parse_args()
    if args.dossiers < 1 or args.communes < 1 or args.months < 1:
        parser.error("--dossiers, --communes and --months must be at least 1.")
    if args.communes > 9999:
        parser.error("At most 9999 communes.")
    return Plan(
        dossiers=args.dossiers,
        communes=args.communes,
        months=args.months,
        seed=args.seed,
        batch=args.batch,
        events=not args.no_events,
    )


def _progress(done: int, total: int, seconds: float) -> None:
    """A bar redrawn in place on a terminal, one line per batch elsewhere."""
    width = 30
    filled = int(width * done / total)
    rate = done / seconds if seconds else 0
    line = (
        f"[{'#' * filled}{'.' * (width - filled)}] {100 * done // total:3d}% "
        f"{vn_number(done)}/{vn_number(total)} hồ sơ, {seconds:.0f} s, "
        f"{vn_number(int(rate))} hồ sơ/s"
    )
    interactive = sys.stderr.isatty()
    sys.stderr.write(("\r" if interactive else "") + line + ("" if interactive else "\n"))
    sys.stderr.flush()


def main() -> None:
    plan = _plan()
    if not Procedure.objects.exists():
        call_command("load_catalog", verbosity=0)
    try:
        result = generate(plan, progress=_progress)
    except RuntimeError as error:
        raise SystemExit(str(error)) from error
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    print(
        f"{vn_number(result.dossiers)} hồ sơ, {vn_number(result.events)} sự kiện, "
        f"{vn_number(result.evaluations)} đánh giá trong {result.seconds:.1f} s."
    )


if __name__ == "__main__":
    main()
