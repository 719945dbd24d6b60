"""Satisfaction rating pages; dossiers/urls.py appends these to its own (namespace "dossiers")."""

from django.urls import path

from .views import ratings

urlpatterns = [
    path("danh-gia/<str:token>/", ratings.rate_link, name="rate_link"),
    path("danh-gia/<str:token>/cam-on/", ratings.rate_thanks, name="rate_thanks"),
    path("ho-so/<int:pk>/danh-gia/", ratings.rate_account, name="rate_account"),
    path("can-bo/danh-gia/<int:pk>/", ratings.rate_desk, name="rate_desk"),
    path("lanh-dao/danh-gia/", ratings.follow_ups, name="follow_ups"),
    path("lanh-dao/danh-gia/<int:pk>/xu-ly/", ratings.follow_up, name="follow_up"),
]
