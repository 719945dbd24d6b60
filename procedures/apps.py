from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = _("Danh mục thủ tục")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the calendar cache to Holiday edits)
