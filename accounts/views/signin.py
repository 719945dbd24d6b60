"""Signing in and out, the password, how to be told, and proving an email address."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _

from .. import services
from ..forms import NotificationPreferencesForm, SignInForm
from ..landing import landing_url
from ..models import User
from ..sessions import remember
from ..throttling import forget_failures
from ..tokens import email_verification_token, send_email_verification

BACKEND = "accounts.backends.PhoneOrCitizenIdBackend"


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:
        response = super().form_valid(form)
        remember(self.request, form.get_user(), form.cleaned_data.get("remember", False))
        return response

    def get_default_redirect_url(self) -> str:
        """Each role on its own page when no `next` link was followed."""
        return landing_url(self.request.user)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return super().form_valid(form)


class ResetByEmailView(auth_views.PasswordResetConfirmView):
    """The link of a reset email (Django's token): a new password, then signed in."""

    template_name = "accounts/reset_by_email.html"
    post_reset_login = True
    post_reset_login_backend = BACKEND
    success_url = reverse_lazy("home")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        forget_failures(self.user)
        remember(self.request, self.user, False)
        messages.success(self.request, _("Đã đặt mật khẩu mới. Bạn đã đăng nhập."))
        return response


@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    """SMS, email, in-app: the signed-in person chooses how to hear about their dossiers.

    A new email address is unproven until the link sent to it is opened."""
    before = request.user.email
    form = NotificationPreferencesForm(
        request.POST if request.method == "POST" else None, instance=request.user
    )
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        changed = user.email != before
        if changed:
            user.email_verified_at = None
        user.save()
        messages.success(request, _("Đã lưu cách nhận thông báo."))
        if changed and user.email:
            send_email_verification(user)
            messages.info(
                request,
                _("Chúng tôi đã gửi thư để xác nhận email %(email)s.") % {"email": user.email},
            )
        return redirect("accounts:notification_preferences")
    return render(request, "accounts/notification_preferences.html", {"form": form})


def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link of a confirmation email: the address is proven."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not user.email or not email_verification_token.check_token(user, token):
        messages.error(request, _("Liên kết xác nhận email không đúng hoặc đã hết hạn."))
    else:
        services.mark_email_verified(user)
        messages.success(request, _("Đã xác nhận email %(email)s.") % {"email": user.email})
    return redirect("home")
