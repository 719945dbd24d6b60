from django.conf import settings
from django.http import HttpRequest

from agencies.models import Agency
from procedures.cache import catalog


def site(request: HttpRequest) -> dict[str, object]:
    """The name shown in every page's header: the signed-in officer's agency, else the site's."""
    user = getattr(request, "user", None)
    agency = getattr(user, "agency", None) if user and user.is_authenticated else None
    return {
        "brand_name": settings.SITE_NAME,
        "header_agency_name": agency.name if agency else _site_name(),
    }


def _site_name() -> str:
    """The top agency's name, cached with the catalog (an agency's edit drops it)."""
    return catalog.get_or_set(("site-name",), Agency.objects.site_name)
