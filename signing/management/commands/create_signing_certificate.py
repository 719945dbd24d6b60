"""Make a development CA and an agency certificate, so the embedded default signs results."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from agencies.models import Agency
from signing.certificates import create_development_certificates


class Command(BaseCommand):
    help = (
        "Tạo CA thử nghiệm và chứng thư số của cơ quan (PKCS#12) tại SIGNING_PKCS12_PATH. "
        "Chỉ dùng cho phát triển và kiểm thử."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency-name", default="", help="Tên cơ quan trong chứng thư.")
        parser.add_argument("--force", action="store_true", help="Tạo lại nếu đã có.")

    def handle(self, *args: object, agency_name: str, force: bool, **options: object) -> None:
        target = Path(settings.SIGNING_PKCS12_PATH)
        if target.exists() and not force:
            self.stdout.write(f"Đã có chứng thư tại {target} (dùng --force để tạo lại).")
            return
        if not settings.SIGNING_PKCS12_PASSWORD:
            raise CommandError("SIGNING_PKCS12_PASSWORD is empty.")
        name = agency_name or settings.SITE_AGENCY_NAME or _top_agency_name()
        made = create_development_certificates(
            target.parent, agency_name=name, password=settings.SIGNING_PKCS12_PASSWORD
        )
        if made.pkcs12_path != target:
            made.pkcs12_path.replace(target)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo chứng thư thử nghiệm của “{name}”: {target}; CA: {made.ca_path}"
            )
        )


def _top_agency_name() -> str:
    top = Agency.objects.filter(parent=None).order_by("pk").first()
    return top.name if top else "Cơ quan thử nghiệm MotCua"
