"""The officer's workspace: the queue, one dossier with its actions, and the desk."""

from dataclasses import replace

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from procedures.calendar import working_hours_between
from procedures.models import Procedure

from .. import services
from ..access import can_work_on, staff_dossiers
from ..actions import ACTIONS, offer_forms, offers
from ..attachments import uploads_from
from ..declarations import declared
from ..errors import ActionNotAllowed, DossierChanged
from ..forms import DeskDossierForm, QueueFilterForm
from ..models import Attachment, Dossier, State
from ..paper import PaperForm, paper_rows, papers_from
from ..queue import (
    TAB_KEYS,
    TABS,
    QueueFilters,
    build_queue,
    filter_queue,
    landing_tab,
    tab_counts,
)
from ..queue_rows import queue_rows
from ..slips import available_slips
from ..timeline import timeline

PAGE_SIZE = 25


class CountedPaginator(Paginator):
    """A paginator told its count (the tab counts already hold it): one query fewer."""

    def __init__(self, object_list: object, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


@role_required(Role.OFFICER, Role.LEADER)
def queue(request: HttpRequest) -> HttpResponse:
    """Overdue first, then due within 2 working days, then the rest by due date."""
    form = QueueFilterForm(request.GET or None)
    filters = QueueFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = QueueFilters(
            field=data["field"],
            procedure=data["procedure"],
            channel=data["channel"],
            q=data["q"],
        )
    now = timezone.now()
    mine = staff_dossiers(request.user)
    counts = tab_counts(filter_queue(mine, filters), timezone.localdate(now))
    chosen = request.GET.get("tab", "")
    filters = replace(filters, tab=chosen if chosen in TAB_KEYS else landing_tab(counts))
    dossiers = build_queue(mine, filters, now)
    page = CountedPaginator(dossiers, PAGE_SIZE, counts[filters.tab]).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    query["tab"] = filters.tab
    return render(
        request,
        "dossiers/officer/queue.html",
        {
            "form": form,
            "page": page,
            "rows": queue_rows(page, now),
            "tabs": _tabs(request.GET, counts, filters.tab),
            "tab": filters.tab,
            "now": now,
            "query": query.urlencode(),
            "can_create": request.user.is_officer,
        },
    )


def _tabs(params: QueryDict, counts: dict[str, int], current: str) -> list[dict[str, object]]:
    """The tabs as data: label, count, link (keeping the filters), whether it is shown."""
    tabs = []
    for tab in TABS:
        query = params.copy()
        query.pop("page", None)
        query["tab"] = tab.key
        tabs.append(
            {
                "key": tab.key,
                "label": tab.label,
                "count": counts[tab.key],
                "url": "?" + query.urlencode(),
                "current": tab.key == current,
                "needs_action": tab.needs_action,
            }
        )
    return tabs


def _dossier_for_staff(request: HttpRequest, pk: int) -> Dossier:
    return get_object_or_404(
        staff_dossiers(request.user)
        .select_related("procedure")
        # The page names the handling officer, nothing else of theirs: one column, not a user.
        .annotate(handled_by_name=F("handled_by__full_name"))
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("required_document"),
            ),
            "events",  # the timeline names no one: no actor joined
            "procedure__required_documents",
        ),
        pk=pk,
    )


@role_required(Role.OFFICER, Role.LEADER)
def detail(
    request: HttpRequest, pk: int, bound: tuple[str, forms.Form] | None = None
) -> HttpResponse:
    dossier = _dossier_for_staff(request, pk)
    time_left = None
    if dossier.due_at and dossier.state == State.PROCESSING:
        time_left = working_hours_between(timezone.now(), dossier.due_at)
    return render(
        request,
        "dossiers/officer/detail.html",
        {
            "dossier": dossier,
            "offer_forms": offer_forms(
                offers(dossier, request.user, bound), dossier.pk, get_token(request)
            ),
            "time_left_hours": time_left.total_seconds() / 3600 if time_left else None,
            "slips": available_slips(dossier),
            "supplement": dossier.open_supplement_request,
            "declarations": declared(dossier),
            "timeline": timeline(list(dossier.events.all())),
            "read_only": not can_work_on(request.user, dossier),
        },
        status=400 if bound else 200,
    )


@role_required(Role.OFFICER, Role.LEADER)
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one action; a crafted POST for an action not open now is refused with a message."""
    if action not in ACTIONS:
        raise Http404
    dossier = _dossier_for_staff(request, pk)
    if not can_work_on(request.user, dossier):
        raise Http404
    officer_action = ACTIONS[action]
    form = officer_action.make_form(dossier, request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Vui lòng sửa các ô được đánh dấu bên dưới."))
        return detail(request, pk, bound=(action, form))
    try:
        officer_action.perform(dossier, request.user, form)
    except DossierChanged as error:
        messages.warning(request, str(error))
    except ActionNotAllowed as error:
        messages.error(request, str(error))
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return detail(request, pk, bound=(action, form))
    else:
        messages.success(request, officer_action.done)
    return redirect("dossiers:officer_detail", pk=pk)


@role_required(Role.OFFICER)
def desk_create(request: HttpRequest) -> HttpResponse:
    """A walk-in or postal dossier: received at once, code and due date assigned."""
    form = DeskDossierForm(
        request.POST if request.method == "POST" else None,
        initial={"procedure": request.GET.get("procedure")},
    )
    chosen = request.POST.get("procedure") or request.GET.get("procedure")
    procedure = None
    if chosen and chosen.isdigit():
        procedure = (
            Procedure.objects.active().prefetch_related("required_documents").filter(pk=chosen)
        ).first()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        documents = data["procedure"].required_documents.all()
        try:
            dossier = services.create_at_desk(
                officer=request.user,
                procedure=data["procedure"],
                details=form.applicant_details(),
                channel=data["channel"],
                request_details=data["request_details"],
                uploads=uploads_from(request.FILES, documents),
                papers=papers_from(request.POST, documents),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        except ActionNotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã tiếp nhận hồ sơ %(code)s.") % {"code": dossier.code})
            return redirect("dossiers:officer_detail", pk=dossier.pk)
    checklist = paper_rows(procedure, request.POST) if procedure else []
    context = {
        "form": form,
        "procedure": procedure,
        "checklist": checklist,
        "paper_forms": PaperForm.choices,
    }
    return render(request, "dossiers/officer/desk_form.html", context)
