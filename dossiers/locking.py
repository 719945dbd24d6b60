"""The row lock and the version check every write of a dossier starts with (ADR 0001)."""

from .errors import DossierChanged
from .models import Dossier


def lock(dossier_id: int, expected_version: int | None = None) -> Dossier:
    """The dossier, locked until the caller's transaction ends; DossierChanged when it is not
    the version the user saw."""
    dossier = Dossier.objects.select_for_update().select_related("procedure").get(pk=dossier_id)
    if expected_version is not None and dossier.version != expected_version:
        raise DossierChanged()
    return dossier


def save(dossier: Dossier) -> None:
    """Save a change: the version goes up, so a form posted from an older page is refused."""
    dossier.version += 1
    dossier.save()
