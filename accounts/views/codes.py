"""Typing the code sent by SMS, asking for it again, and what a good code unlocks.

The flow under way is kept in the session: which code, for what, where it went (masked), and
for a sign-up the details typed (the password already hashed). One flow at a time.
"""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from .. import services, verification
from ..forms import CodeForm
from ..masking import mask_digits
from ..models import CodePurpose, PhoneCode, User
from ..services import SignUpOutcome
from ..sessions import remember
from ..throttling import may_ask_for_code
from ..tokens import send_email_verification

FLOW = "phone_code_flow"
PROVEN = "phone_proven"
PROVEN_FOR = 600  # seconds to choose the new password once the code was right
BACKEND = "accounts.backends.PhoneOrCitizenIdBackend"


def too_many_from_here() -> str:
    return _("Bạn đã yêu cầu quá nhiều mã từ máy này. Vui lòng thử lại sau một giờ.")


def safe_next(request: HttpRequest) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        return next_url
    return ""


def start_flow(
    request: HttpRequest, code: PhoneCode, *, shown: str, next_url: str = "", **extra: object
) -> HttpResponse:
    """Remember the code just asked for and send the person to type it."""
    request.session[FLOW] = {
        "code": code.pk,
        "purpose": code.purpose,
        "shown": shown,
        "next": next_url,
        **extra,
    }
    if shown:
        messages.success(
            request, _("Chúng tôi đã gửi mã gồm 6 chữ số đến số %(phone)s.") % {"phone": shown}
        )
    else:
        messages.success(
            request,
            _("Nếu số CCCD này có tài khoản, chúng tôi đã gửi mã đến số điện thoại của tài khoản."),
        )
    return redirect("accounts:enter_code")


def sign_up_details(data: dict[str, str]) -> dict[str, str]:
    """What a sign-up keeps in the session until its code: never the password itself."""
    return {
        "full_name": data["full_name"],
        "citizen_id": data.get("citizen_id", ""),
        "email": data.get("email", ""),
        "password_hash": make_password(data["password1"]),
    }


@sensitive_post_parameters("code")
def enter_code(request: HttpRequest) -> HttpResponse:
    flow = request.session.get(FLOW)
    if not flow:
        return redirect("accounts:login")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            row = verification.check(flow["code"], form.cleaned_data["code"])
        except verification.WrongCode as error:
            form.add_error("code", str(error))
        else:
            del request.session[FLOW]
            return _proven(request, flow, row)
    return render(
        request,
        "accounts/enter_code.html",
        {"form": form, "flow": flow, "purpose": CodePurpose(flow["purpose"]).label},
        status=400 if form.errors else 200,
    )


@require_POST
def resend_code(request: HttpRequest) -> HttpResponse:
    flow = request.session.get(FLOW)
    if not flow:
        return redirect("accounts:login")
    if not may_ask_for_code(request):
        messages.error(request, too_many_from_here())
        return redirect("accounts:enter_code")
    try:
        row = verification.resend(flow["code"])
    except verification.TooManyCodes as error:
        messages.error(request, str(error))
    else:
        request.session[FLOW] = {**flow, "code": row.pk}
        messages.success(request, _("Đã gửi lại mã."))
    return redirect("accounts:enter_code")


@login_required
@require_POST
def verify_phone(request: HttpRequest) -> HttpResponse:
    """A signed-in account made before verification existed proves its phone."""
    if request.user.phone_verified:
        return redirect("dossiers:my_dossiers")
    if not may_ask_for_code(request):
        messages.error(request, too_many_from_here())
        return redirect("dossiers:my_dossiers")
    try:
        row = verification.issue(
            target=request.user.phone, purpose=CodePurpose.VERIFY, user=request.user
        )
    except verification.TooManyCodes as error:
        messages.error(request, str(error))
        return redirect("dossiers:my_dossiers")
    return start_flow(request, row, shown=mask_digits(request.user.phone))


def _proven(request: HttpRequest, flow: dict, row: PhoneCode) -> HttpResponse:
    """The code was right: finish what it was asked for."""
    if row.purpose == CodePurpose.SIGN_UP:
        return _finish_sign_up(request, flow, row.user)
    if row.purpose == CodePurpose.VERIFY and row.user_id == request.user.pk:
        services.mark_phone_verified(row.user)
        messages.success(
            request,
            _("Đã xác minh số điện thoại. Mọi hồ sơ làm cho số này đã hiện trong danh sách."),
        )
        return redirect("dossiers:my_dossiers")
    request.session[PROVEN] = {"user": row.user_id, "at": int(time.time())}
    return redirect("accounts:set_password")


def _finish_sign_up(request: HttpRequest, flow: dict, holder: User) -> HttpResponse:
    outcome = services.complete_sign_up(holder, **flow["sign_up"])
    if outcome == SignUpOutcome.ALREADY_CLAIMED:
        messages.info(
            request,
            _(
                "Số điện thoại này đã có tài khoản. Hãy đăng nhập, hoặc chọn “Quên mật khẩu” "
                "nếu bạn không nhớ mật khẩu."
            ),
        )
        return redirect("accounts:login")
    user = User.objects.get(pk=holder.pk)
    login(request, user, backend=BACKEND)
    remember(request, user, False)
    send_email_verification(user)
    messages.success(request, _("Đã tạo tài khoản. Chào mừng bạn!"))
    if outcome == SignUpOutcome.ID_TAKEN:
        messages.warning(
            request,
            _(
                "Số CCCD bạn nhập đã gắn với một tài khoản khác nên chưa được ghi vào tài khoản "
                "này. Vui lòng mang CCCD đến bộ phận một cửa để được hỗ trợ."
            ),
        )
    return redirect(flow.get("next") or "home")
