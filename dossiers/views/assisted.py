"""Community digital-team helpers: find or register a citizen, then submit for them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import find_or_register_citizen
from procedures.models import Procedure

from ..access import own_dossiers
from ..citizen_forms import FindCitizenForm, RegisterCitizenForm


@login_required
def helper_home(request: HttpRequest) -> HttpResponse:
    """Find the citizen (or register them without a password) and pick the procedure."""
    if not request.user.has_perm("dossiers.submit_on_behalf"):
        raise Http404
    find_form = FindCitizenForm(request.GET if "identifier" in request.GET else None)
    register_form = RegisterCitizenForm(request.POST if request.method == "POST" else None)
    citizen = None
    searched = False
    if find_form.is_bound and find_form.is_valid():
        searched = True
        try:
            citizen = User.objects.get_by_identifier(find_form.cleaned_data["identifier"])
        except User.DoesNotExist:
            citizen = None
        if citizen is not None and citizen.is_staff:
            citizen = None
    if request.method == "POST" and register_form.is_valid():
        data = register_form.cleaned_data
        try:
            citizen = find_or_register_citizen(
                phone=data["phone"],
                full_name=data["full_name"],
                citizen_id=data["citizen_id"],
                address=data["address"],
            )
        except ValidationError as error:
            for message in error.messages:
                register_form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Đã có tài khoản cho %(name)s. Công dân tự đặt mật khẩu sau.")
                % {"name": citizen.full_name},
            )
    procedures = Procedure.objects.active().select_related("field") if citizen else []
    return render(
        request,
        "dossiers/assisted/home.html",
        {
            "find_form": find_form,
            "register_form": register_form,
            "citizen": citizen,
            "searched": searched,
            "procedures": procedures,
            "my_submissions": own_dossiers(request.user)
            .filter(submitted_by=request.user)
            .select_related("procedure")
            .order_by("-created_at")[:50],
        },
    )
