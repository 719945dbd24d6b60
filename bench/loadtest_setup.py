"""The people and dossiers the load test works with (bench/locustfile.py), in the database
DATABASE_URL names, written through the real services:

    DATABASE_URL=... python bench/loadtest_setup.py --out var/loadtest/world.json
        [--citizens 100] [--officers 10] [--submitted 200]

Migrate and `load_catalog` first (make loadtest does). Citizens, officers of UBND xã Thạnh
Xuân and online dossiers waiting for acceptance are made once (a second run adds nothing it
already has); every account gets the same random password, written with the phones, the
procedures and the dossiers' lookup pairs to --out, which the locustfile reads.
"""

import argparse
import json
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from bench import configure_django

configure_django()  # before the project's modules below are imported (E402 allowed here)

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from accounts.roles import Role
from agencies.models import Agency
from agencies.seed import THANH_XUAN_IDENTIFIER
from dossiers import drafts, services
from dossiers.applicants import ApplicantDetails
from dossiers.models import Dossier, State
from procedures.models import Procedure

# A scanned page: what the first bytes say is what is checked (dossiers.uploads).
PDF = b"%PDF-1.4\n" + b"0" * 200_000 + b"\n%%EOF\n"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--citizens", type=int, default=100)
    parser.add_argument("--officers", type=int, default=10)
    parser.add_argument("--submitted", type=int, default=200)
    return parser.parse_args()


def _people(role: Role, prefix: str, count: int, password: str, agency: Agency | None) -> list:
    group = Group.objects.get(name=role)
    phones = []
    for number in range(count):
        phone = f"{prefix}{number:04d}"
        user = User.objects.filter(phone=phone).first()
        if user is None:
            name = f"{role.label} thử tải {number:04d}"
            user = User.objects.create_user(phone, password, full_name=name, agency=agency)
            user.groups.add(group)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        phones.append(phone)
    return phones


def _procedures() -> list[Procedure]:
    """Open procedures whose documents take a PDF (the files the test sends)."""
    chosen = []
    for procedure in Procedure.objects.active().prefetch_related("required_documents"):
        kinds = [doc.accepted_kinds or ["pdf"] for doc in procedure.required_documents.all()]
        if all("pdf" in accepted for accepted in kinds):
            chosen.append(procedure)
    return chosen[:5]


def _submit(procedure: Procedure, commune: Agency, citizen: User) -> Dossier:
    dossier = drafts.create_draft(
        procedure=procedure,
        agency=commune,
        applicant=citizen,
        details=ApplicantDetails.of(citizen),
    )
    mandatory = [doc for doc in procedure.required_documents.all() if doc.is_mandatory]
    if mandatory:
        uploads = {
            doc.pk: [SimpleUploadedFile("trang-1.pdf", PDF, content_type="application/pdf")]
            for doc in mandatory
        }
        drafts.attach_files(dossier.pk, user=citizen, uploads=uploads)
    return services.submit(dossier.pk, user=citizen)


def main() -> None:
    args = _arguments()
    commune = Agency.objects.get(identifier=THANH_XUAN_IDENTIFIER)
    password = secrets.token_urlsafe(12)
    citizens = _people(Role.CITIZEN, "092000", args.citizens, password + "c", None)
    officers = _people(Role.OFFICER, "091000", args.officers, password + "o", commune)
    procedures = _procedures()
    waiting = Dossier.objects.filter(agency=commune, state=State.SUBMITTED).count()
    users = list(User.objects.filter(phone__in=citizens).order_by("phone"))
    for number in range(max(0, args.submitted - waiting)):
        _submit(procedures[number % len(procedures)], commune, users[number % len(users)])
    dossiers = Dossier.objects.filter(agency=commune, code__gt="").order_by("pk")
    world = {
        "password": {"citizen": password + "c", "officer": password + "o"},
        "citizens": citizens,
        "officers": officers,
        "procedures": [procedure.pk for procedure in procedures],
        "lookups": [[d.code, d.applicant_phone[-4:]] for d in dossiers[:500]],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(world, ensure_ascii=False, indent=1))
    print(
        f"{len(citizens)} citizens, {len(officers)} officers, {len(procedures)} procedures, "
        f"{len(world['lookups'])} dossiers to look up -> {args.out}"
    )


if __name__ == "__main__":
    main()
