"""Who may see which dossier. Anything not visible is a 404, never a 403 (no existence leaks)."""

from django.db.models import Q

from accounts.models import User

from .models import Dossier, DossierQuerySet


def staff_dossiers(user: User) -> DossierQuerySet:
    """Officers: their own agency. Leaders: their agency and everything under it (read-only)."""
    if not user.is_authenticated or user.agency_id is None:
        return Dossier.objects.none()
    if user.is_leader:
        return Dossier.objects.for_agency_subtree(user.agency)
    if user.is_officer:
        return Dossier.objects.filter(agency_id=user.agency_id)
    return Dossier.objects.none()


def own_dossiers(user: User) -> DossierQuerySet:
    """Citizens: the dossiers they are the applicant of; helpers: those they submitted."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    return Dossier.objects.filter(Q(applicant=user) | Q(submitted_by=user))


def visible_dossiers(user: User) -> DossierQuerySet:
    """Every dossier this user may look at, whatever their role."""
    return staff_dossiers(user) | own_dossiers(user)


def can_work_on(user: User, dossier: Dossier) -> bool:
    """Officers of the receiving agency act; leaders only read."""
    return user.is_officer and user.agency_id == dossier.agency_id
