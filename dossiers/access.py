"""Who may see which dossier. Anything not visible is a 404, never a 403 (no existence leaks).

A dossier someone else made for a phone number (an officer at the desk, a digital-team helper)
reaches the account of that phone only once the account proved the phone with a code: before,
the account sees only the dossiers it made itself online. Staff never see drafts.
"""

from django.db.models import Q

from accounts.models import User

from .models import Channel, Dossier, DossierQuerySet, State

_MADE_BY_APPLICANT = Q(channel=Channel.ONLINE, submitted_by=None)


def staff_dossiers(user: User) -> DossierQuerySet:
    """Officers: their own agency. Leaders: their agency and everything under it (read-only)."""
    if not user.is_authenticated or user.agency_id is None:
        return Dossier.objects.none()
    submitted = Dossier.objects.exclude(state=State.DRAFT)
    if user.is_leader:
        return submitted.for_agency_subtree(user.agency)
    if user.is_officer:
        return submitted.filter(agency_id=user.agency_id)
    return Dossier.objects.none()


def own_dossiers(user: User) -> DossierQuerySet:
    """Citizens: the dossiers they are the applicant of (with an unproven phone, only those they
    made themselves online); helpers: those they submitted."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    mine = Q(applicant=user)
    if not user.phone_verified:
        mine &= _MADE_BY_APPLICANT
    return Dossier.objects.filter(mine | Q(submitted_by=user))


def reaches_applicant(dossier: Dossier) -> bool:
    """The applicant's account may see and be told everything about this dossier: its phone
    is proven, or it made the dossier itself. Otherwise only the phone hears of it (by SMS)."""
    made_by_applicant = dossier.channel == Channel.ONLINE and dossier.submitted_by_id is None
    return dossier.applicant.phone_verified or made_by_applicant


def visible_dossiers(user: User) -> DossierQuerySet:
    """Every dossier this user may look at, whatever their role."""
    return staff_dossiers(user) | own_dossiers(user)


def can_work_on(user: User, dossier: Dossier) -> bool:
    """Officers of the receiving agency act; leaders only read."""
    return user.is_officer and user.agency_id == dossier.agency_id
