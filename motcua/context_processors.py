import functools

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

from procedures.cache import names

# The links of every page's header and footer (templates/base.html: {{ links.dossiers_queue }}).
HEADER_LINKS = (
    "home",
    "accounts:login",
    "accounts:logout",
    "procedures:list",
    "dossiers:queue",
    "dossiers:lookup",
    "dossiers:helper_home",
    "dossiers:my_dossiers",
    "reports:dashboard",
    "satisfaction:follow_ups",
    "notifications:inbox",
    "notifications:failed",
    "set_language",
)


@functools.cache
def header_links(script_prefix: str) -> dict[str, str]:
    """The same on every page: reversed once per process (and prefix), not 13 times a page."""
    return {name.replace(":", "_"): reverse(name) for name in HEADER_LINKS}


def site(request: HttpRequest) -> dict[str, object]:
    """The name shown in every page's header (the signed-in officer's agency, else the site's)
    and the header's links.

    Both names come from the catalog's cache (an agency's edit drops them): a staff page does
    not read the agency's row for its header.
    """
    user = getattr(request, "user", None)
    agency_id = getattr(user, "agency_id", None) if user and user.is_authenticated else None
    known = names(request)
    return {
        "brand_name": settings.SITE_NAME,
        "header_agency_name": known.agency(agency_id) if agency_id else known.site,
        "links": header_links(get_script_prefix()),
    }
