"""Private files: every download checks who asks, and is logged (personal data)."""

import logging
import mimetypes

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from ..access import visible_dossiers
from ..models import Attachment
from ..slipfiles import slip_file
from ..slips import SlipKind

log = logging.getLogger("motcua.access")

_INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png"}


def _send(file_field: object, filename: str, content_type: str, inline: bool) -> FileResponse:
    try:
        handle = file_field.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """A document of a dossier the user may see; ?inline=1 shows PDFs and photos in the page."""
    item = get_object_or_404(
        Attachment.objects.filter(dossier__in=visible_dossiers(request.user)), pk=pk
    )
    inline = request.GET.get("inline") == "1" and item.content_type in _INLINE_TYPES
    log.info(
        "attachment_viewed user=%s attachment=%s dossier=%s", request.user.pk, pk, item.dossier_id
    )
    return _send(item.file, item.original_name, item.content_type, inline)


@login_required
def result_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The electronic result, once it is ready."""
    dossier = get_object_or_404(visible_dossiers(request.user), pk=pk)
    if not dossier.result_file or dossier.state not in ("result_ready", "returned"):
        raise Http404
    log.info("result_viewed user=%s dossier=%s", request.user.pk, pk)
    name = (
        f"ket-qua-{dossier.code}{dossier.result_file.name[dossier.result_file.name.rfind('.') :]}"
    )
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return _send(dossier.result_file, name, content_type, inline=False)


@login_required
def slip(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """One of the dossier's slips (receipt, supplement request, refusal, apology) as a PDF: the
    file printed when its event happened (dossiers.slipfiles), streamed."""
    if kind not in SlipKind.values:
        raise Http404
    dossier = get_object_or_404(
        visible_dossiers(request.user).select_related("procedure", "agency", "handled_by"), pk=pk
    )
    try:
        stored = slip_file(dossier, SlipKind(kind))
    except LookupError as error:
        raise Http404 from error
    return _send(stored.file, f"{kind}-{dossier.code}.pdf", "application/pdf", inline=True)
