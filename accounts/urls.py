from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.SignInView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("dang-ky/", views.sign_up, name="signup"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("thong-bao/", views.notification_preferences, name="notification_preferences"),
]
