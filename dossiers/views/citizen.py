"""The citizen's pages: submit in steps, my dossiers, one dossier, supplement, withdraw.

A page about the citizen's own dossier that no longer fits it (a draft page once the dossier is
submitted, a withdrawal once it is withdrawn), or a write that lost a race (two tabs, a double
tap), sends the citizen to the dossier with "the dossier changed, reload": never a 404.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from procedures.calendar import due_at
from procedures.models import Procedure

from .. import drafts, services
from ..access import own_dossiers
from ..applicants import ApplicantDetails
from ..attachments import OTHER_DOCUMENT, errors_by_document, uploads_from
from ..citizen_forms import ApplicantForm, ConfirmForm
from ..consent import usable_consent
from ..errors import ActionNotAllowed, DossierChanged, changed_meanwhile
from ..models import Attachment, Dossier, DossierEvent, State
from ..outcome import ending
from ..slips import available_slips
from ..timeline import timeline


def _applicant_for(request: HttpRequest) -> tuple[User, User | None]:
    """(applicant, helper): a digital-team helper names the citizen with ?cho=<id>, and only a
    citizen whose consent (by the code sent to their phone) the helper holds, unused."""
    citizen_id = request.GET.get("cho") or request.POST.get("cho")
    if not citizen_id:
        return request.user, None
    if not request.user.has_perm("dossiers.submit_on_behalf") or not citizen_id.isdigit():
        raise Http404
    citizen = get_object_or_404(User, pk=citizen_id, is_staff=False)
    if usable_consent(helper=request.user, citizen=citizen) is None:
        raise Http404
    return citizen, request.user


def citizen_dossier(request: HttpRequest, pk: int, *, draft: bool | None = None) -> Dossier:
    """The signed-in citizen's own dossier, else 404; `draft=True`: it must still be a draft."""
    dossier = get_object_or_404(
        own_dossiers(request.user).select_related("procedure", "agency"), pk=pk
    )
    if draft is True and dossier.state != State.DRAFT:
        raise DossierChanged()
    return dossier


def reload_when_changed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """DossierChanged, raised by the view or a service it calls: to the dossier, with why."""

    @wraps(view)
    def wrapped(request: HttpRequest, pk: int, *args: object, **kwargs: object) -> HttpResponse:
        try:
            return view(request, pk, *args, **kwargs)
        except DossierChanged:
            messages.warning(request, changed_meanwhile())
            return redirect("dossiers:my_dossier", pk=pk)

    return wrapped


def _initial(applicant: User, procedure_agency: object = None) -> dict[str, object]:
    return {
        "full_name": applicant.full_name,
        "phone": applicant.phone,
        "citizen_id": applicant.citizen_id or "",
        "address": applicant.address,
        "email": applicant.email,
        "agency": procedure_agency,
    }


@login_required
def start(request: HttpRequest, procedure_pk: int) -> HttpResponse:
    """Step 1 of 3: the applicant's details and the request."""
    procedure = get_object_or_404(Procedure.objects.active(), pk=procedure_pk)
    applicant, helper = _applicant_for(request)
    last = own_dossiers(applicant).exclude(agency=None).order_by("-created_at").first()
    form = ApplicantForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(applicant, last and last.agency),
    )
    if request.method == "POST" and form.is_valid():
        try:
            dossier = drafts.create_draft(
                procedure=procedure,
                agency=form.cleaned_data["agency"],
                applicant=applicant,
                details=ApplicantDetails.from_form(form.cleaned_data),
                request_details=form.cleaned_data["request_details"],
                submitted_by=helper,
            )
        except (ActionNotAllowed, PermissionDenied) as error:
            messages.error(request, str(error) or _("Bạn không thể nộp hồ sơ này."))
        else:
            return redirect("dossiers:documents", pk=dossier.pk)
    return render(
        request,
        "dossiers/citizen/step_details.html",
        {"form": form, "procedure": procedure, "applicant": applicant, "helper": helper, "step": 1},
    )


@login_required
@reload_when_changed
def edit_details(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1 again, for a draft."""
    dossier = citizen_dossier(request, pk, draft=True)
    initial = {
        "agency": dossier.agency,
        "full_name": dossier.applicant_name,
        "phone": dossier.applicant_phone,
        "citizen_id": dossier.applicant_citizen_id,
        "address": dossier.applicant_address,
        "email": dossier.applicant_email,
        "request_details": dossier.request_details,
        "result_delivery": dossier.result_delivery,
    }
    form = ApplicantForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        drafts.update_draft(
            dossier.pk,
            user=request.user,
            agency=form.cleaned_data["agency"],
            details=ApplicantDetails.from_form(form.cleaned_data),
            request_details=form.cleaned_data["request_details"],
            expected_version=dossier.version,
        )
        return redirect("dossiers:documents", pk=dossier.pk)
    return render(
        request,
        "dossiers/citizen/step_details.html",
        {"form": form, "procedure": dossier.procedure, "dossier": dossier, "step": 1},
    )


@login_required
@reload_when_changed
def documents(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 2 of 3: one upload field per required document, several files each."""
    dossier = citizen_dossier(request, pk, draft=True)
    required = list(dossier.procedure.required_documents.all())
    errors: list[str] = []
    per_document: dict[int, list[str]] = {}
    if request.method == "POST":
        uploads = uploads_from(request.FILES, required)
        try:
            if uploads:
                stored = drafts.attach_files(
                    dossier.pk, user=request.user, uploads=uploads, expected_version=dossier.version
                )
                messages.success(request, _("Đã tải lên %(n)s tệp.") % {"n": len(stored)})
        except ValidationError as error:
            errors, per_document = errors_by_document(error)
        else:
            if "next" in request.POST:
                return redirect("dossiers:review", pk=dossier.pk)
            return redirect("dossiers:documents", pk=dossier.pk)
    files = Attachment.objects.filter(dossier=dossier)
    by_document = {doc.pk: [] for doc in required}
    for item in files:
        by_document.setdefault(item.required_document_id, []).append(item)
    rows = [(doc, by_document.get(doc.pk, []), per_document.get(doc.pk, [])) for doc in required]
    return render(
        request,
        "dossiers/citizen/step_documents.html",
        {
            "dossier": dossier,
            "rows": rows,
            "errors": errors,
            "step": 2,
            "max_upload_bytes": settings.DOSSIER_MAX_UPLOAD_BYTES,
        },
        status=400 if errors or per_document else 200,
    )


@login_required
@require_POST
@reload_when_changed
def remove_file(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    dossier = citizen_dossier(request, pk, draft=True)
    if not Attachment.objects.filter(pk=attachment_pk, dossier=dossier).exists():
        raise DossierChanged()  # removed meanwhile, from another page
    drafts.remove_attachment(attachment_pk, user=request.user, expected_version=dossier.version)
    messages.success(request, _("Đã bỏ tệp."))
    return redirect("dossiers:documents", pk=dossier.pk)


@login_required
@reload_when_changed
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 3 of 3: look everything over, then submit."""
    dossier = citizen_dossier(request, pk, draft=True)
    if request.method == "POST":
        try:
            services.submit(dossier.pk, user=request.user, expected_version=dossier.version)
        except ActionNotAllowed as error:
            messages.error(request, str(error))
        else:
            return redirect("dossiers:submitted", pk=dossier.pk)
    missing = dossier.missing_mandatory_documents()
    files = Attachment.objects.filter(dossier=dossier).select_related("required_document")
    return render(
        request,
        "dossiers/citizen/step_review.html",
        {"dossier": dossier, "files": files, "missing": missing, "step": 3},
    )


def _estimated_due(dossier: Dossier) -> object:
    procedure = dossier.procedure
    return due_at(
        timezone.now(),
        procedure.processing_amount,
        procedure.processing_unit,
        cutoff=procedure.cutoff,
    )


@login_required
def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    """Done: the code, big and copyable, what was received, and what happens next."""
    dossier = citizen_dossier(request, pk)
    if dossier.state == State.DRAFT:
        return redirect("dossiers:review", pk=pk)
    files = Attachment.objects.filter(dossier=dossier).select_related("required_document")
    return render(
        request,
        "dossiers/citizen/submitted.html",
        {"dossier": dossier, "files": files, "estimated_due": _estimated_due(dossier)},
    )


@login_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    """Every dossier of mine (or, for a helper, that I submitted), with what I must do."""
    dossiers = own_dossiers(request.user).select_related("procedure").order_by("-created_at")[:200]
    return render(request, "dossiers/citizen/list.html", {"dossiers": dossiers})


@login_required
def dossier_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the dossier is, the timeline, the due date, slips, the result, and my actions."""
    dossier = get_object_or_404(
        own_dossiers(request.user)
        .select_related("procedure", "agency")
        .prefetch_related(
            Prefetch("events", queryset=DossierEvent.objects.select_related("actor")),
            Prefetch(
                "attachments", queryset=Attachment.objects.select_related("required_document")
            ),
        ),
        pk=pk,
    )
    if dossier.state == State.DRAFT:
        return redirect("dossiers:documents", pk=pk)
    events = list(dossier.events.all())
    return render(
        request,
        "dossiers/citizen/detail.html",
        {
            "dossier": dossier,
            "ending": ending(dossier, events),
            "entries": timeline(events, for_public=False),
            "slips": available_slips(dossier),
            "supplement": dossier.open_supplement_request,
            "can_withdraw": dossier.is_open,
        },
    )


@login_required
@reload_when_changed
def supplement(request: HttpRequest, pk: int) -> HttpResponse:
    """Add exactly the documents the officer listed, with their note shown."""
    dossier = citizen_dossier(request, pk)
    request_ = dossier.open_supplement_request
    if request_ is None:
        raise DossierChanged()
    asked = list(request_.missing_documents.all())
    errors: list[str] = []
    per_document: dict[int, list[str]] = {}
    if request.method == "POST":
        try:
            uploads = uploads_from(request.FILES, asked)
            other = request.FILES.getlist(f"document_{OTHER_DOCUMENT}")
            if request_.other_missing and other:
                uploads[OTHER_DOCUMENT] = other
            services.supplement(
                dossier.pk,
                user=request.user,
                uploads=uploads,
                note=request.POST.get("note", "")[:1000],
                expected_version=dossier.version,
            )
        except ValidationError as error:
            errors, per_document = errors_by_document(error)
        except ActionNotAllowed as error:
            errors = [str(error)]
        else:
            messages.success(request, _("Đã gửi giấy tờ bổ sung. Cán bộ sẽ xem lại hồ sơ."))
            return redirect("dossiers:my_dossier", pk=pk)
    return render(
        request,
        "dossiers/citizen/supplement.html",
        {
            "dossier": dossier,
            "request_": request_,
            "asked": [(doc, per_document.get(doc.pk, [])) for doc in asked],
            "other_errors": per_document.get(OTHER_DOCUMENT, []),
            "errors": errors,
            "max_upload_bytes": settings.DOSSIER_MAX_UPLOAD_BYTES,
        },
        status=400 if errors or per_document else 200,
    )


@login_required
@reload_when_changed
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw, after a confirmation; not once the result is ready."""
    dossier = citizen_dossier(request, pk)
    if not dossier.is_open:
        raise DossierChanged()
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(
                dossier.pk,
                user=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=dossier.version,
            )
        except ActionNotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã rút hồ sơ %(code)s.") % {"code": dossier.code})
        return redirect("dossiers:my_dossier", pk=pk)
    return render(request, "dossiers/citizen/withdraw.html", {"dossier": dossier, "form": form})
