"""What a dossier write can refuse, said plainly to the person who tried it."""

from django.utils.translation import gettext as _


class DossierChanged(Exception):
    """Someone else changed the dossier since the user loaded the page."""

    def __init__(self) -> None:
        super().__init__(_("Hồ sơ đã được cập nhật bởi người khác, vui lòng tải lại trang."))


def changed_meanwhile() -> str:
    """What the citizen is told when the dossier changed between their page and their click
    (another tab, a double tap, the officer): never a 404 for their own dossier."""
    return _("Hồ sơ vừa thay đổi, vui lòng tải lại trang.")


class ActionNotAllowed(Exception):
    """The action is not open in the dossier's current state, or not to this user."""
