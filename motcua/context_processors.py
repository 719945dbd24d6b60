from django.conf import settings
from django.http import HttpRequest

from agencies.models import Agency
from procedures.cache import catalog


def site(request: HttpRequest) -> dict[str, object]:
    """The name shown in every page's header: the signed-in officer's agency, else the site's.

    Both come from the catalog's cache (an agency's edit drops them): a staff page does not
    read the agency's row for its header.
    """
    user = getattr(request, "user", None)
    agency_id = getattr(user, "agency_id", None) if user and user.is_authenticated else None
    return {
        "brand_name": settings.SITE_NAME,
        "header_agency_name": _agency_name(agency_id) if agency_id else _site_name(),
    }


def _site_name() -> str:
    return catalog.get_or_set(("site-name",), Agency.objects.site_name)


def _agency_name(agency_id: int) -> str:
    def compute() -> str:
        return Agency.objects.values_list("name", flat=True).get(pk=agency_id)

    return catalog.get_or_set(("agency-name", str(agency_id)), compute)
