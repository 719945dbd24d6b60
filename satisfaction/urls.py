"""Satisfaction pages: the link, the citizen's account, the desk, the leaders' follow-up."""

from django.urls import path

from . import views

app_name = "satisfaction"
urlpatterns = [
    path("danh-gia/<str:token>/", views.rate_link, name="rate_link"),
    path("danh-gia/<str:token>/cam-on/", views.rate_thanks, name="rate_thanks"),
    path("ho-so/<int:pk>/danh-gia/", views.rate_account, name="rate_account"),
    path("can-bo/danh-gia/<int:pk>/", views.rate_desk, name="rate_desk"),
    path("lanh-dao/danh-gia/", views.follow_ups, name="follow_ups"),
    path("lanh-dao/danh-gia/<int:pk>/xu-ly/", views.follow_up, name="follow_up"),
]
