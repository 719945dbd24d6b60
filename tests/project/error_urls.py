"""The real URLs and error handlers, plus views that fail on purpose (tests only)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from motcua.urls import handler400, handler403, handler404, handler500  # noqa: F401
from motcua.urls import urlpatterns as site_urls


def _refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def _suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("odd")


def _crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [
    path("loi/403/", _refuse),
    path("loi/400/", _suspicious),
    path("loi/500/", _crash),
    *site_urls,
]
