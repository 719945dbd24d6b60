"""Where each role lands after signing in (a `next` link, when given, wins)."""

from django.urls import reverse

from .models import User
from .roles import Role

# In order: someone with several roles lands on the first that applies.
_LANDINGS = (
    (Role.OFFICER, "dossiers:queue"),
    (Role.LEADER, "reports:dashboard"),
    (Role.DIGITAL_HELPER, "dossiers:helper_home"),
    (Role.ADMINISTRATOR, "admin:index"),
)


def landing_url(user: User) -> str:
    """Officers on the queue, leaders on the dashboard, helpers on their page,
    administrators on the admin; citizens on the home page."""
    for role, name in _LANDINGS:
        if user.has_role(role):
            return reverse(name)
    if user.is_superuser:
        return reverse("admin:index")
    return reverse("home")
