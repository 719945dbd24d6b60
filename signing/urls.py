from django.urls import path

from . import views

app_name = "signing"
urlpatterns = [
    path("xac-thuc/", views.verify, name="verify"),
    path("xac-thuc/<str:token>/", views.verify, name="document"),
]
