"""Biểu số 06 of one agency for one month, from the command line:

    python manage.py monthly_report --agency 000.00.12.H33 --month 2026-10
        [--format pdf|csv|xlsx|json] [--output FILE] [--live]

A frozen month comes from its latest version (the PDF as it was sent); any other month is
computed now. `--live` computes even a frozen month. Without --output, CSV and JSON go to the
standard output and PDF and XLSX to `bieu-06-<agency>-<month>.<format>` in the current folder.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.models import Agency
from reports import exports
from reports.monthly import compute
from reports.period import Period
from reports.snapshots import report_for

FORMATS = ("pdf", "csv", "xlsx", "json")


class Command(BaseCommand):
    help = "Biểu số 06 of one agency (with its subtree) for one month, as PDF, CSV, XLSX or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="the agency's identifier")
        parser.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-10")
        parser.add_argument("--format", choices=FORMATS, default="pdf")
        parser.add_argument("--output", help="file to write; '-' for the standard output")
        parser.add_argument("--live", action="store_true", help="compute even a frozen month")

    def handle(self, *args: object, **options: object) -> None:
        agency = Agency.objects.filter(identifier=options["agency"]).first()
        if agency is None:
            raise CommandError(f"No agency with identifier {options['agency']!r}.")
        try:
            period = Period.parse_month(options["month"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        fmt = options["format"]
        if options["live"]:
            figures, report = compute(agency, period), None
        else:
            figures, report = report_for(agency, period)

        if fmt == "pdf":
            content = report.pdf.read() if report is not None and report.pdf else None
            if report is not None and report.pdf:
                report.pdf.close()
            content = content or exports.render_pdf(figures)
        elif fmt == "xlsx":
            content = exports.to_xlsx(figures)
        elif fmt == "csv":
            content = exports.to_csv(figures).encode("utf-8")
        else:
            data = exports.to_json(figures)
            content = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

        output = options["output"]
        if output is None:
            output = "-" if fmt in ("csv", "json") else exports.filename(figures, fmt)
        if output == "-":
            if fmt in ("csv", "json"):
                self.stdout.write(content.decode("utf-8"), ending="")
            else:
                sys.stdout.buffer.write(content)
                sys.stdout.buffer.flush()
            return
        Path(output).write_bytes(content)
        source = f"phiên bản {report.version}" if report is not None else "tính lúc này"
        self.stderr.write(f"{output}: {agency.name}, tháng {period.start:%m/%Y} ({source})")
