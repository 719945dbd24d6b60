"""Sign-up, "Quên mật khẩu" and "Kích hoạt tài khoản": each starts by a code to the phone.

Every answer is the same whether or not the phone or CCCD has an account ("we sent a code to
this number"); what the account holds is shown only to whoever typed the code.
"""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from .. import services
from ..forms import EmailResetForm, IdentifierForm, SignUpForm
from ..masking import mask_digits
from ..models import CodePurpose, User
from ..sessions import remember
from ..throttling import may_ask_for_code
from ..tokens import send_password_reset_links
from ..validators import is_citizen_id
from ..verification import TooManyCodes
from .codes import (
    BACKEND,
    PROVEN,
    PROVEN_FOR,
    safe_next,
    sign_up_details,
    start_flow,
    too_many_from_here,
)


@sensitive_post_parameters("password1", "password2")
def sign_up(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request)
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not may_ask_for_code(request):
            form.add_error(None, too_many_from_here())
        else:
            try:
                row = services.ask_sign_up_code(data["phone"], data["full_name"])
            except TooManyCodes as error:
                form.add_error(None, str(error))
            else:
                return start_flow(
                    request,
                    row,
                    shown=mask_digits(data["phone"]),
                    next_url=next_url,
                    sign_up=sign_up_details(data),
                )
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


def recover(request: HttpRequest, purpose: str = CodePurpose.RESET) -> HttpResponse:
    """ "Quên mật khẩu" (reset) and "Kích hoạt tài khoản" (claim): a code to the account's
    phone; for a reset, also a link to a verified email."""
    by_phone = IdentifierForm(request.POST if "identifier" in request.POST else None)
    by_email = EmailResetForm(request.POST if "email" in request.POST else None)
    if request.method == "POST" and by_phone.is_valid():
        identifier = by_phone.cleaned_data["identifier"]
        if not may_ask_for_code(request):
            by_phone.add_error(None, too_many_from_here())
        else:
            try:
                row = services.ask_code(identifier, purpose)
            except TooManyCodes as error:
                by_phone.add_error(None, str(error))
            else:
                shown = "" if is_citizen_id(identifier) else mask_digits(identifier)
                return start_flow(request, row, shown=shown)
    if purpose == CodePurpose.RESET and request.method == "POST" and by_email.is_valid():
        if not may_ask_for_code(request):
            by_email.add_error(None, too_many_from_here())
        else:
            send_password_reset_links(by_email.cleaned_data["email"])
            messages.success(
                request,
                _(
                    "Nếu email này đã được xác nhận cho một tài khoản, chúng tôi đã gửi liên kết "
                    "đặt lại mật khẩu đến đó."
                ),
            )
            return redirect("accounts:login")
    template = "accounts/claim.html" if purpose == CodePurpose.CLAIM else "accounts/forgot.html"
    bad = by_phone.errors or by_email.errors
    return render(
        request, template, {"form": by_phone, "email_form": by_email}, status=400 if bad else 200
    )


@sensitive_post_parameters("new_password1", "new_password2")
def set_password(request: HttpRequest) -> HttpResponse:
    """After a right code: the new password, then signed in."""
    proven = request.session.get(PROVEN) or {}
    user = User.objects.filter(pk=proven.get("user"), is_active=True).first()
    if user is None or time.time() - proven.get("at", 0) > PROVEN_FOR:
        request.session.pop(PROVEN, None)
        messages.error(request, _("Đã quá thời gian đặt mật khẩu. Vui lòng yêu cầu mã mới."))
        return redirect("accounts:forgot")
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = services.set_password_by_code(user, form.cleaned_data["new_password1"])
        del request.session[PROVEN]
        login(request, user, backend=BACKEND)
        remember(request, user, False)
        messages.success(request, _("Đã đặt mật khẩu mới. Bạn đã đăng nhập."))
        return redirect("home")
    return render(
        request,
        "accounts/set_password.html",
        {"form": form, "account": user},
        status=400 if form.errors else 200,
    )
