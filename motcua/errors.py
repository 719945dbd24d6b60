"""Error pages in Vietnamese, in the site's layout, each with a way back.

The 500 page is rendered without a request context: no context processor runs, so it never
touches the database (which may be what failed).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import get_script_prefix
from django.views.decorators.csrf import requires_csrf_token

from .context_processors import header_links


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """No request context, no database: only the site's name from the settings."""
    html = loader.get_template("errors/500.html").render(
        {
            "brand_name": settings.SITE_NAME,
            "header_agency_name": settings.SITE_NAME,
            "links": header_links(get_script_prefix()),
        }
    )
    return HttpResponseServerError(html)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a page kept open too long (or with cookies off): say what to do."""
    return render(request, "errors/403_csrf.html", status=403)
