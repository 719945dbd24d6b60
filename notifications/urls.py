from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("thong-bao/", views.inbox, name="inbox"),
    path("can-bo/thong-bao-loi/", views.failed, name="failed"),
    path("can-bo/thong-bao-loi/<int:pk>/gui-lai/", views.send_again, name="send_again"),
]
