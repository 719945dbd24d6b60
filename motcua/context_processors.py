import functools

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

from agencies.models import Agency
from procedures.cache import catalog

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
    return {
        "brand_name": settings.SITE_NAME,
        "header_agency_name": _agency_name(agency_id) if agency_id else _site_name(),
        "links": header_links(get_script_prefix()),
    }


def _site_name() -> str:
    return catalog.get_or_set(("site-name",), Agency.objects.site_name)


def _agency_name(agency_id: int) -> str:
    def compute() -> str:
        return Agency.objects.values_list("name", flat=True).get(pk=agency_id)

    return catalog.get_or_set(("agency-name", str(agency_id)), compute)
