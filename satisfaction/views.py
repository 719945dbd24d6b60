"""Satisfaction ratings: the public link, the citizen's account, the desk, the leader's list."""

import functools
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from dossiers.access import can_work_on, own_dossiers, staff_dossiers
from dossiers.models import Dossier, State

from .figures import satisfaction_figures
from .follow_up import record_follow_up, unhappy_for_leader
from .forms import FollowUpForm, RatingForm
from .links import RatingLinkExpired, RatingLinkInvalid, dossier_id_from_token
from .models import Evaluation, EvaluationChannel, Satisfaction
from .rating import AlreadyRated, RatingNotAllowed, rate

PAGE_SIZE = 20


def _evaluation_of(dossier: Dossier) -> Evaluation | None:
    return Evaluation.objects.filter(dossier=dossier).first()


def _store(request: HttpRequest, form: RatingForm, dossier: Dossier, **who: object) -> bool:
    """Rate from a valid form; False (with the reason on the form) when it was refused."""
    try:
        rate(
            dossier.pk,
            choice=form.cleaned_data["choice"],
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
            **who,
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    return True


# --- The link in the "returned" notification: nobody signed in -----------------------------------


def _refused(
    request: HttpRequest, message: str, status: int, dossier: Dossier | None = None
) -> HttpResponse:
    return render(
        request,
        "satisfaction/refused.html",
        {"message": message, "dossier": dossier},
        status=status,
    )


def _dossier_from_link(token: str) -> Dossier:
    """The dossier a link names; raises the link's errors (tampered, expired, unknown)."""
    dossier_id = dossier_id_from_token(token)
    dossier = Dossier.objects.select_related("procedure", "agency").filter(pk=dossier_id).first()
    if dossier is None:
        raise RatingLinkInvalid()
    return dossier


def _linked(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pages of the link: the view gets the dossier the token names; a tampered or unknown
    link is refused with 400, an expired one with 410."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, token: str) -> HttpResponse:
        try:
            dossier = _dossier_from_link(token)
        except RatingLinkExpired as error:
            return _refused(request, str(error), 410)
        except RatingLinkInvalid as error:
            return _refused(request, str(error), 400)
        return view(request, token, dossier)

    return wrapped


@_linked
def rate_link(request: HttpRequest, token: str, dossier: Dossier) -> HttpResponse:
    """One screen, no JavaScript, large targets: rate a returned dossier from the link."""
    if _evaluation_of(dossier) is not None:
        return _refused(request, str(AlreadyRated()), 409, dossier)
    if dossier.state != State.RETURNED:
        return _refused(request, _("Hồ sơ này chưa trả kết quả nên chưa đánh giá được."), 409)
    form = RatingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            stored = _store(request, form, dossier, channel=EvaluationChannel.ONLINE_LINK)
        except RatingNotAllowed as error:
            return _refused(request, str(error), 409, dossier)
        if stored:
            return redirect("satisfaction:rate_thanks", token=token)
    return render(
        request,
        "satisfaction/link.html",
        {"form": form, "dossier": dossier},
        status=400 if form.errors else 200,
    )


@_linked
def rate_thanks(request: HttpRequest, token: str, dossier: Dossier) -> HttpResponse:
    """After rating from the link: thanks, and what was recorded."""
    evaluation = _evaluation_of(dossier)
    if evaluation is None:
        return redirect("satisfaction:rate_link", token=token)
    return render(
        request, "satisfaction/thanks.html", {"dossier": dossier, "evaluation": evaluation}
    )


# --- The citizen's account, from the dossier page -----------------------------------------------


def _rate_signed_in(
    request: HttpRequest,
    dossier: Dossier,
    *,
    back: str,
    already_rated: str,
    not_returned: str,
    done: str,
    template: str,
    **who: object,
) -> HttpResponse:
    """The form shared by the applicant's account and the officer's desk."""
    if _evaluation_of(dossier) is not None:
        messages.info(request, already_rated)
        return redirect(back, pk=dossier.pk)
    if dossier.state != State.RETURNED:
        messages.error(request, not_returned)
        return redirect(back, pk=dossier.pk)
    form = RatingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            stored = _store(request, form, dossier, **who)
        except RatingNotAllowed as error:
            messages.error(request, str(error))
            return redirect(back, pk=dossier.pk)
        if stored:
            messages.success(request, done)
            return redirect(back, pk=dossier.pk)
    return render(
        request,
        template,
        {"form": form, "dossier": dossier},
        status=400 if form.errors else 200,
    )


@login_required
def rate_account(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant rates their returned dossier while signed in."""
    dossier = get_object_or_404(
        own_dossiers(request.user).select_related("procedure", "agency"),
        pk=pk,
        applicant=request.user,
    )
    return _rate_signed_in(
        request,
        dossier,
        back="dossiers:my_dossier",
        already_rated=str(AlreadyRated()),
        not_returned=_("Hồ sơ này chưa trả kết quả nên chưa đánh giá được."),
        done=_("Cảm ơn bạn đã đánh giá. Ý kiến của bạn đã được ghi nhận."),
        template="satisfaction/account.html",
        channel=EvaluationChannel.ACCOUNT,
        user=request.user,
    )


# --- At the desk: an officer records a rating given on paper or at a kiosk -----------------------


@login_required
def rate_desk(request: HttpRequest, pk: int) -> HttpResponse:
    """Officers of the receiving agency only (anyone else: 404); never over an existing one."""
    if not request.user.is_officer:
        raise Http404
    dossier = get_object_or_404(
        staff_dossiers(request.user).select_related("procedure", "agency"), pk=pk
    )
    if not can_work_on(request.user, dossier):
        raise Http404
    return _rate_signed_in(
        request,
        dossier,
        back="dossiers:officer_detail",
        already_rated=_("Hồ sơ này đã có đánh giá; không ghi thêm được."),
        not_returned=_("Chỉ ghi đánh giá được sau khi đã trả kết quả."),
        done=_("Đã ghi nhận đánh giá của công dân."),
        template="satisfaction/desk.html",
        channel=EvaluationChannel.DESK,
        officer=request.user,
    )


# --- Leaders: follow up every "Không hài lòng" of the subtree ------------------------------------


@role_required(Role.LEADER, perm="satisfaction.follow_up_rating")
def follow_ups(request: HttpRequest) -> HttpResponse:
    """Unhappy ratings of the leader's agency subtree, newest first; pending ones on request."""
    pending_only = request.GET.get("loc") == "chua-xu-ly"
    evaluations = unhappy_for_leader(request.user)
    if pending_only:
        evaluations = evaluations.filter(followed_up_at=None)
    page = Paginator(evaluations, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    figures = satisfaction_figures(request.user.agency, today.replace(day=1), today)
    return render(
        request,
        "satisfaction/follow_ups.html",
        {
            "page": page,
            "pending_only": pending_only,
            "figures": figures,
            "month_start": today.replace(day=1),
            "today": today,
            "satisfaction": Satisfaction,
        },
    )


@role_required(Role.LEADER, perm="satisfaction.follow_up_rating")
@require_POST
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Record what was done about one unhappy rating."""
    form = FollowUpForm(request.POST)
    back = redirect("satisfaction:follow_ups")
    query = QueryDict(mutable=True)
    if request.POST.get("loc") == "chua-xu-ly":
        query["loc"] = "chua-xu-ly"
    if request.POST.get("page", "").isdigit():
        query["page"] = request.POST["page"]
    if query:
        back["Location"] += "?" + query.urlencode()
    if not form.is_valid():
        for message in form.errors.get("follow_up", []):
            messages.error(request, message)
        return back
    try:
        record_follow_up(pk, leader=request.user, text=form.cleaned_data["follow_up"])
    except Evaluation.DoesNotExist as error:
        raise Http404 from error
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return back
    messages.success(request, _("Đã lưu việc xử lý phản ánh."))
    return back
