from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from .forms import NotificationPreferencesForm, SignInForm, SignUpForm
from .roles import Role


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return super().form_valid(form)


@sensitive_post_parameters("password1", "password2")
def sign_up(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            user.groups.add(Group.objects.get(name=Role.CITIZEN))
        login(request, user, backend="accounts.backends.PhoneOrCitizenIdBackend")
        messages.success(request, _("Đã tạo tài khoản. Chào mừng bạn!"))
        return redirect(next_url or "home")
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    """SMS, email, in-app: the signed-in person chooses how to hear about their dossiers."""
    form = NotificationPreferencesForm(
        request.POST if request.method == "POST" else None, instance=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu cách nhận thông báo."))
        return redirect("accounts:notification_preferences")
    return render(request, "accounts/notification_preferences.html", {"form": form})
