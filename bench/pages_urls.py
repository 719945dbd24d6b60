"""The project's URLs plus /bench/bare/: one HttpResponse, the yardstick of `make bench`."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from motcua.urls import urlpatterns as project_urls


def bare(request: HttpRequest) -> HttpResponse:
    """What Django costs with the project's middleware and no work of ours."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *project_urls]
