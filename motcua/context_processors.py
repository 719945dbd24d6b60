from django.conf import settings
from django.http import HttpRequest

from agencies.models import Agency


def site(request: HttpRequest) -> dict[str, object]:
    """The name shown in every page's header: the signed-in officer's agency, else the site's."""
    user = getattr(request, "user", None)
    agency = getattr(user, "agency", None) if user and user.is_authenticated else None
    return {
        "brand_name": settings.SITE_NAME,
        "header_agency_name": agency.name if agency else Agency.objects.site_name(),
    }
