"""The public verification page, /xac-thuc/: upload a PDF, or follow a signed result's QR code.

Nobody signs in. The page tells whether the signature is valid, who signed and when, whether the
document was changed after signing and whether it is in our register of issued results; it
shows nothing else (no dossier, no applicant). Rate-limited per client (SIGNING_VERIFY_RATE_LIMIT
tries a minute), since each check costs a signature validation.
"""

import uuid

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.ratelimit import too_many

from .forms import VerifyForm
from .models import SignedDocument
from .verification import verify_pdf


def _limited(request: HttpRequest) -> HttpResponse | None:
    if too_many(request, "verify", limit=settings.SIGNING_VERIFY_RATE_LIMIT):
        response = render(
            request,
            "signing/verify.html",
            {
                "form": VerifyForm(),
                "limited": _("Bạn đã kiểm tra quá nhiều lần. Vui lòng thử lại sau một phút."),
            },
            status=429,
        )
        response["Retry-After"] = "60"
        return response
    return None


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str | None = None) -> HttpResponse:
    """Upload a PDF; with a token (the QR code), the register's line for it is shown too."""
    document = None
    if token is not None:
        try:
            key = uuid.UUID(token)
        except ValueError as error:
            raise Http404 from error
        document = get_object_or_404(SignedDocument, token=key)
    verdict = None
    form = VerifyForm()
    if request.method == "POST":
        limited = _limited(request)
        if limited is not None:
            return limited
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            verdict = verify_pdf(form.cleaned_data["document"])
    response = render(
        request,
        "signing/verify.html",
        {"form": form, "verdict": verdict, "document": document},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"
    return response
