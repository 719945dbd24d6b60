"""The officer's workspace: the queue, one dossier with its actions, and the desk."""

from django_fsm import has_transition_perm

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.services import find_or_register_citizen
from procedures.calendar import working_hours_between
from procedures.models import OnlineLevel, Procedure

from .. import services
from ..access import can_work_on, staff_dossiers
from ..errors import ActionNotAllowed, DossierChanged
from ..forms import (
    AcceptForm,
    ApologyForm,
    DeskDossierForm,
    QueueFilterForm,
    RecordResultForm,
    RejectForm,
    RequestDocumentsForm,
    ReturnResultForm,
)
from ..models import Attachment, Dossier, DossierEvent
from ..queue import QueueFilters, Urgency, build_queue
from ..timeline import timeline

PAGE_SIZE = 25


@role_required(Role.OFFICER, Role.LEADER)
def queue(request: HttpRequest) -> HttpResponse:
    """Overdue first, then due within 2 working days, then the rest by due date."""
    form = QueueFilterForm(request.GET or None)
    filters = QueueFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = QueueFilters(
            state=data["state"],
            field=data["field"].pk if data["field"] else None,
            procedure=data["procedure"].pk if data["procedure"] else None,
            channel=data["channel"],
            q=data["q"],
        )
    now = timezone.now()
    dossiers = build_queue(staff_dossiers(request.user), filters, now)
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dossiers/officer/queue.html",
        {
            "form": form,
            "page": page,
            "urgency": Urgency,
            "now": now,
            "query": query.urlencode(),
            "can_create": request.user.is_officer,
        },
    )


def _action_forms(dossier: Dossier, user: object, bound: dict | None = None) -> dict:
    """One form per action open now to this officer; nothing for leaders or closed actions."""
    if not can_work_on(user, dossier):
        return {}
    initial = {"version": dossier.version}
    offered: dict[str, object] = {}
    if has_transition_perm(dossier.accept, user):
        offered["accept"] = AcceptForm(initial=initial)
    if has_transition_perm(dossier.request_documents, user):
        offered["request_documents"] = RequestDocumentsForm(initial=initial, dossier=dossier)
    if has_transition_perm(dossier.reject, user):
        offered["reject"] = RejectForm(initial=initial)
    if dossier.can_apologise():
        offered["apology"] = ApologyForm(initial=initial)
    if has_transition_perm(dossier.record_result, user):
        form = RecordResultForm(initial=initial)
        if dossier.online_level != OnlineLevel.FULL:
            del form.fields["return_now"]  # only level 4 hands an electronic result over at once
        offered["record_result"] = form
    if has_transition_perm(dossier.return_result, user):
        offered["return_result"] = ReturnResultForm(initial=initial)
    offered.update(bound or {})
    return offered


def _dossier_for_staff(request: HttpRequest, pk: int) -> Dossier:
    return get_object_or_404(
        staff_dossiers(request.user)
        .select_related("procedure", "procedure__field", "agency", "applicant", "handled_by")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("required_document"),
            ),
            Prefetch("events", queryset=DossierEvent.objects.select_related("actor")),
            "procedure__required_documents",
        ),
        pk=pk,
    )


@role_required(Role.OFFICER, Role.LEADER)
def detail(request: HttpRequest, pk: int, bound: dict | None = None) -> HttpResponse:
    dossier = _dossier_for_staff(request, pk)
    now = timezone.now()
    time_left = None
    if dossier.due_at and dossier.state == "processing":
        time_left = working_hours_between(now, dossier.due_at)
    from ..slips import available_slips

    return render(
        request,
        "dossiers/officer/detail.html",
        {
            "dossier": dossier,
            "forms": _action_forms(dossier, request.user, bound),
            "time_left_hours": time_left.total_seconds() / 3600 if time_left else None,
            "slips": available_slips(dossier),
            "supplement": dossier.open_supplement_request,
            "timeline": timeline(list(dossier.events.all())),
            "read_only": not can_work_on(request.user, dossier),
        },
        status=400 if bound else 200,
    )


_FORMS = {
    "accept": AcceptForm,
    "request_documents": RequestDocumentsForm,
    "reject": RejectForm,
    "apology": ApologyForm,
    "record_result": RecordResultForm,
    "return_result": ReturnResultForm,
}


def _perform(action: str, dossier: Dossier, officer: object, form: object) -> None:
    data = form.cleaned_data
    version = data["version"]
    if action == "accept":
        services.accept(dossier.pk, officer=officer, expected_version=version)
    elif action == "request_documents":
        services.request_documents(
            dossier.pk,
            officer=officer,
            missing=data["missing"],
            other_missing=data["other_missing"],
            note=data["note"],
            deadline=data["deadline"],
            expected_version=version,
        )
    elif action == "reject":
        services.reject(
            dossier.pk, officer=officer, reasons=data["reasons"], expected_version=version
        )
    elif action == "apology":
        services.issue_apology(
            dossier.pk,
            officer=officer,
            new_due_at=form.new_due_at(),
            reason=data["reason"],
            expected_version=version,
        )
    elif action == "record_result":
        services.record_result(
            dossier.pk,
            officer=officer,
            result_file=data["result_file"],
            note=data["note"],
            return_now=data["return_now"],
            expected_version=version,
        )
    elif action == "return_result":
        services.return_result(dossier.pk, officer=officer, expected_version=version)


_DONE = {
    "accept": gettext_lazy("Đã tiếp nhận hồ sơ. Giấy tiếp nhận và hẹn trả đã sẵn sàng."),
    "request_documents": gettext_lazy("Đã gửi yêu cầu bổ sung giấy tờ."),
    "reject": gettext_lazy("Đã từ chối tiếp nhận hồ sơ."),
    "apology": gettext_lazy("Đã gửi phiếu xin lỗi và hẹn lại ngày trả."),
    "record_result": gettext_lazy("Đã ghi nhận kết quả."),
    "return_result": gettext_lazy("Đã trả kết quả cho công dân."),
}


@role_required(Role.OFFICER, Role.LEADER)
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one action; a crafted POST for an action not open now is refused with a message."""
    if action not in _FORMS:
        raise Http404
    dossier = _dossier_for_staff(request, pk)
    if not can_work_on(request.user, dossier):
        raise Http404
    form_class = _FORMS[action]
    kwargs = {"dossier": dossier} if form_class is RequestDocumentsForm else {}
    form = form_class(request.POST, request.FILES, **kwargs)
    if not form.is_valid():
        messages.error(request, _("Vui lòng sửa các ô được đánh dấu bên dưới."))
        return detail(request, pk, bound={action: form})
    try:
        _perform(action, dossier, request.user, form)
    except DossierChanged as error:
        messages.warning(request, str(error))
    except ActionNotAllowed as error:
        messages.error(request, str(error))
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return detail(request, pk, bound={action: form})
    else:
        messages.success(request, _DONE[action])
    return redirect("dossiers:officer_detail", pk=pk)


@role_required(Role.OFFICER, Role.LEADER)
def desk_create(request: HttpRequest) -> HttpResponse:
    """A walk-in or postal dossier: received at once, code and due date assigned."""
    if not request.user.is_officer:
        raise Http404
    form = DeskDossierForm(
        request.POST or None, initial={"procedure": request.GET.get("procedure")}
    )
    procedure = None
    chosen = request.POST.get("procedure") or request.GET.get("procedure")
    if chosen and chosen.isdigit():
        procedure = (
            Procedure.objects.active()
            .prefetch_related("required_documents")
            .filter(pk=chosen)
            .first()
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            applicant = find_or_register_citizen(
                phone=data["phone"],
                full_name=data["full_name"],
                citizen_id=data["citizen_id"],
                address=data["address"],
            )
            uploads = {
                doc.pk: request.FILES.getlist(f"document_{doc.pk}")
                for doc in data["procedure"].required_documents.all()
                if request.FILES.getlist(f"document_{doc.pk}")
            }
            dossier = services.create_at_desk(
                officer=request.user,
                procedure=data["procedure"],
                applicant=applicant,
                details=services.ApplicantDetails(
                    full_name=data["full_name"],
                    phone=data["phone"],
                    citizen_id=data["citizen_id"],
                    address=data["address"],
                ),
                channel=data["channel"],
                request_details=data["request_details"],
                uploads=uploads,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        except ActionNotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã tiếp nhận hồ sơ %(code)s.") % {"code": dossier.code})
            return redirect("dossiers:officer_detail", pk=dossier.pk)
    return render(
        request, "dossiers/officer/desk_form.html", {"form": form, "procedure": procedure}
    )
