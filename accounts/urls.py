from django.contrib.auth import views as auth_views
from django.urls import path

from .models import CodePurpose
from .views import codes, recovery, signin

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", signin.SignInView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("dang-ky/", recovery.sign_up, name="signup"),
    path("quen-mat-khau/", recovery.recover, {"purpose": CodePurpose.RESET}, name="forgot"),
    path("kich-hoat/", recovery.recover, {"purpose": CodePurpose.CLAIM}, name="claim"),
    path("nhap-ma/", codes.enter_code, name="enter_code"),
    path("gui-lai-ma/", codes.resend_code, name="resend_code"),
    path("xac-minh-so/", codes.verify_phone, name="verify_phone"),
    path("dat-mat-khau/", recovery.set_password, name="set_password"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        signin.ResetByEmailView.as_view(),
        name="reset_by_email",
    ),
    path("xac-minh-email/<uidb64>/<token>/", signin.verify_email, name="verify_email"),
    path("doi-mat-khau/", signin.PasswordChangeView.as_view(), name="password_change"),
    path("thong-bao/", signin.notification_preferences, name="notification_preferences"),
]
