"""`python manage.py generate_dataset --dossiers N --communes M --months K`: a province-scale
dataset for benchmarks and demonstrations (reports/dataset.py says what it contains).

Loads the starter catalog first if there is no procedure. Use a database of its own: it
refuses communes that already have dossiers.
"""

import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from procedures.models import Procedure
from reports.dataset import Plan, generate
from reports.formatting import vn_number


class Command(BaseCommand):
    help = "Fill the database with realistic dossier histories, in bulk (benchmarks, demos)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dossiers", type=int, default=100_000)
        parser.add_argument("--communes", type=int, default=100)
        parser.add_argument("--months", type=int, default=24)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch", type=int, default=50_000)
        parser.add_argument(
            "--no-events", action="store_true", help="skip the (reduced) audit trail"
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["dossiers"] < 1 or options["communes"] < 1 or options["months"] < 1:
            raise CommandError("--dossiers, --communes and --months must be at least 1.")
        if options["communes"] > 9999:
            raise CommandError("At most 9999 communes.")
        if not Procedure.objects.exists():
            call_command("load_catalog", verbosity=0)
        plan = Plan(
            dossiers=options["dossiers"],
            communes=options["communes"],
            months=options["months"],
            seed=options["seed"],
            batch=options["batch"],
            events=not options["no_events"],
        )
        interactive = sys.stderr.isatty()

        def progress(done: int, total: int, seconds: float) -> None:
            width = 30
            filled = int(width * done / total)
            rate = done / seconds if seconds else 0
            line = (
                f"[{'#' * filled}{'.' * (width - filled)}] {100 * done // total:3d}% "
                f"{vn_number(done)}/{vn_number(total)} hồ sơ, {seconds:.0f} s, "
                f"{vn_number(int(rate))} hồ sơ/s"
            )
            self.stderr.write(
                ("\r" if interactive else "") + line, ending="" if interactive else "\n"
            )
            self.stderr.flush()

        try:
            result = generate(plan, progress=progress)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        if interactive:
            self.stderr.write("")
        self.stdout.write(
            f"{vn_number(result.dossiers)} hồ sơ, {vn_number(result.events)} sự kiện, "
            f"{vn_number(result.evaluations)} đánh giá trong {result.seconds:.1f} s."
        )
