"""Community digital-team helpers: find or register a citizen, get their consent, submit.

A search shows a masked card and is logged; the citizen's consent is the code sent to their
phone (dossiers.consent). Only then does the helper see the citizen's details and start a
dossier for them (`?cho=` on the submit page).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.forms import CodeForm
from accounts.masking import mask_digits, mask_name
from accounts.models import User
from accounts.services import find_or_register_citizen
from accounts.verification import TooManyCodes, WrongCode
from motcua.ratelimit import too_many
from procedures.models import Procedure

from .. import consent
from ..access import own_dossiers
from ..citizen_forms import FindCitizenForm, RegisterCitizenForm


def _helper(request: HttpRequest) -> User:
    if not request.user.has_perm("dossiers.submit_on_behalf"):
        raise Http404
    return request.user


def _card(citizen: User) -> dict[str, object]:
    """What a helper sees of a citizen before consent."""
    return {
        "pk": citizen.pk,
        "name": mask_name(citizen.full_name),
        "phone": mask_digits(citizen.phone),
        "citizen_id": mask_digits(citizen.citizen_id),
    }


def _search(request: HttpRequest, helper: User, form: FindCitizenForm) -> User | None:
    if too_many(
        request, f"helper-lookup:{helper.pk}", limit=settings.HELPER_LOOKUP_RATE_LIMIT, period=3600
    ):
        form.add_error(None, _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau một giờ."))
        return None
    query = form.cleaned_data["identifier"]
    try:
        found = User.objects.get_by_identifier(query)
    except User.DoesNotExist:
        found = None
    if found is not None and not consent.may_be_helped(found):
        found = None
    consent.log_lookup(helper=helper, query=query, found=found)
    return found


@login_required
def helper_home(request: HttpRequest) -> HttpResponse:
    """Find the citizen (masked), ask for consent, or register them without a password."""
    helper = _helper(request)
    find_form = FindCitizenForm(request.GET if "identifier" in request.GET else None)
    citizen = _search(request, helper, find_form) if find_form.is_valid() else None
    searched = find_form.is_bound and not find_form.errors
    return render(
        request,
        "dossiers/assisted/home.html",
        {
            "find_form": find_form,
            "register_form": RegisterCitizenForm(),
            "card": _card(citizen) if citizen else None,
            "searched": searched,
            "consents": consent.HelperConsent.objects.filter(
                helper=helper, dossier=None, confirmed_at__isnull=False
            ).select_related("citizen")[:20],
            "my_submissions": own_dossiers(helper)
            .filter(submitted_by=helper)
            .select_related("procedure")
            .order_by("-created_at")[:50],
        },
    )


def _ask(request: HttpRequest, helper: User, citizen: User) -> HttpResponse:
    if not consent.may_be_helped(citizen):
        raise Http404
    try:
        asked = consent.ask_consent(helper=helper, citizen=citizen)
    except TooManyCodes as error:
        messages.error(request, str(error))
        return redirect("dossiers:helper_home")
    messages.success(
        request,
        _("Đã gửi mã đến số %(phone)s. Công dân đọc mã cho bạn nếu đồng ý.")
        % {"phone": mask_digits(citizen.phone)},
    )
    return redirect("dossiers:helper_consent", pk=asked.pk)


@login_required
@require_POST
def ask_consent(request: HttpRequest) -> HttpResponse:
    """The citizen found by a search: send them the consent code."""
    helper = _helper(request)
    pk = request.POST.get("citizen", "")
    citizen = get_object_or_404(User, pk=pk) if pk.isdigit() else None
    if citizen is None:
        raise Http404
    return _ask(request, helper, citizen)


@login_required
@require_POST
def register_citizen(request: HttpRequest) -> HttpResponse:
    """Not found: register the citizen (their phone's record, no password), then consent."""
    helper = _helper(request)
    form = RegisterCitizenForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "dossiers/assisted/home.html",
            {"find_form": FindCitizenForm(), "register_form": form, "consents": []},
            status=400,
        )
    data = form.cleaned_data
    citizen = find_or_register_citizen(
        phone=data["phone"],
        full_name=data["full_name"],
        citizen_id=data["citizen_id"],
        address=data["address"],
    )
    consent.log_lookup(helper=helper, query=data["phone"], found=citizen)
    return _ask(request, helper, citizen)


@login_required
@sensitive_post_parameters("code")
def helper_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """Type the code the citizen reads out; once confirmed, choose the procedure."""
    helper = _helper(request)
    asked = get_object_or_404(
        consent.HelperConsent.objects.select_related("citizen"), pk=pk, helper=helper
    )
    if asked.dossier_id is not None:
        return redirect("dossiers:my_dossier", pk=asked.dossier_id)
    form = CodeForm(request.POST if "code" in request.POST else None)
    if request.method == "POST" and "resend" in request.POST and asked.confirmed_at is None:
        try:
            consent.resend_consent_code(asked)
            messages.success(request, _("Đã gửi lại mã."))
        except TooManyCodes as error:
            messages.error(request, str(error))
        return redirect("dossiers:helper_consent", pk=pk)
    if form.is_bound and form.is_valid() and asked.confirmed_at is None:
        try:
            consent.confirm_consent(asked, form.cleaned_data["code"])
        except WrongCode as error:
            form.add_error("code", str(error))
        else:
            messages.success(request, _("Công dân đã đồng ý. Chọn thủ tục để nộp hộ."))
            return redirect("dossiers:helper_consent", pk=pk)
    usable = asked.is_usable
    q = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "dossiers/assisted/consent.html",
        {
            "consent": asked,
            "card": _card(asked.citizen),
            "form": form,
            "usable": usable,
            "q": q,
            "procedures": Procedure.objects.active()
            .select_related("field")
            .defer("legal_basis")
            .search(q)
            .order_by("field__order", "field__name", "search_text", "pk")
            if usable
            else [],
        },
        status=400 if form.errors else 200,
    )
