"""The slips' world and its dossiers, walked through the real services at fixed moments."""

import datetime
import io
import re
import zoneinfo

import time_machine
from pypdf import PdfReader

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.html import parse_html

from dossiers import deadlines, drafts, services
from dossiers.models import Dossier

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
LOOKUP_URL = "https://dichvucong.cantho.gov.vn/tra-cuu/?ma=000.00.12.H33-260303-0001"
CODE = "000.00.12.H33-260303-0001"
NAME = "Nguyễn Thị Hồng Nhung"
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in March 2026, Ho Chi Minh City time (3 March 2026 is a Tuesday)."""
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=HCM)


def pdf_file(name: str) -> SimpleUploadedFile:
    """A PDF whose content differs by name (a comment line): pages of one document differ."""
    content = PDF_BYTES + f"% {name}\n".encode()
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def contains_html(haystack: str, needle: str) -> bool:
    """`needle` appears in `haystack` as HTML (attributes and whitespace normalised)."""
    return parse_html(needle) in parse_html(haystack)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def submitted(world, *, when=None) -> Dossier:
    """Submitted online on Tuesday 3 March 2026 at 08:00: two files for the form, one for the
    birth certificate, none for the optional identity document."""
    with time_machine.travel(when or at(3, 8), tick=False):
        dossier = drafts.create_draft(
            procedure=world.procedure,
            agency=world.commune,
            applicant=world.citizen,
            details=services.ApplicantDetails.of(world.citizen),
        )
        drafts.attach_files(
            dossier.pk,
            user=world.citizen,
            uploads={
                world.form.pk: [pdf_file("to-khai-trang-1.pdf"), pdf_file("to-khai-trang-2.pdf")],
                world.birth.pk: [pdf_file("giay-chung-sinh.pdf")],
            },
        )
        return services.submit(dossier.pk, user=world.citizen)


def accepted(world) -> Dossier:
    """Accepted on Tuesday 3 March 2026 at 09:00: due Friday 6 March at 09:00 (3 working days)."""
    dossier = submitted(world)
    with time_machine.travel(at(3, 9), tick=False):
        return services.accept(dossier.pk, officer=world.officer)


def rejected(world) -> Dossier:
    dossier = submitted(world)
    with time_machine.travel(at(3, 9, 30), tick=False):
        return services.reject(
            dossier.pk,
            officer=world.officer,
            reasons="Thủ tục không thuộc thẩm quyền của xã.\nĐề nghị nộp tại <b>UBND phường</b>.",
        )


def apologised(world) -> Dossier:
    """Accepted, then on Thu 5 March (due within 1 working day) an apology, signed by the head
    of the commune."""
    world.commune.head_name, world.commune.head_title = "Lê Văn Cường", "Chủ tịch UBND xã"
    world.commune.save()
    dossier = accepted(world)
    with time_machine.travel(at(5, 10), tick=False):
        return services.issue_apology(
            dossier.pk,
            officer=world.officer,
            new_due_at=at(10, 16),
            reason="Cần xác minh thông tin với Sở Tư pháp.",
        )


def stopped(world) -> Dossier:
    dossier = supplement_asked_twice(world)
    with time_machine.travel(at(16, 9), tick=False):
        return deadlines.stop_processing(
            dossier.pk,
            officer=world.officer,
            reason="supplement_overdue",
            reasons="Đã quá hạn bổ sung mà Ông/Bà chưa bổ sung giấy tờ.",
        )


def supplement_asked_twice(world) -> Dossier:
    """Asked once before acceptance (and supplemented), then again after acceptance."""
    dossier = submitted(world)
    with time_machine.travel(at(3, 8, 30), tick=False):
        services.request_documents(
            dossier.pk,
            officer=world.officer,
            missing=[world.identity],
            note="Bổ sung giấy tờ tùy thân của người đi đăng ký.",
            deadline=datetime.date(2026, 3, 6),
        )
    with time_machine.travel(at(3, 8, 45), tick=False):
        services.supplement(
            dossier.pk, user=world.citizen, uploads={world.identity.pk: [pdf_file("cccd.pdf")]}
        )
    with time_machine.travel(at(3, 9), tick=False):
        services.accept(dossier.pk, officer=world.officer)
    with time_machine.travel(at(4, 10), tick=False):
        return services.request_documents(
            dossier.pk,
            officer=world.officer,
            missing=[world.birth],
            other_missing="Văn bản ủy quyền có chứng thực\n\nBản sao giấy chứng nhận kết hôn",
            note="Giấy chứng sinh bị mờ, vui lòng chụp lại rõ nét.",
            deadline=datetime.date(2026, 3, 9),
        )


def supplement_asked_before_acceptance(world) -> Dossier:
    dossier = submitted(world)
    with time_machine.travel(at(3, 8, 30), tick=False):
        return services.request_documents(
            dossier.pk,
            officer=world.officer,
            missing=[world.identity],
            note="Bổ sung giấy tờ tùy thân.",
            deadline=datetime.date(2026, 3, 6),
        )
