"""Keep the working-day calendar and the cached catalog in step with their tables.

An administrator's edit must count at once, so every save or delete of a Holiday clears the
calendar cache, and of a procedure, field, required document or agency the cached catalog
pages: now (this transaction sees its own change) and again after commit (other processes may
have re-read the table before the change was committed).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from agencies.models import Agency

from .cache import catalog
from .calendar import clear_cache
from .models import Field, Holiday, Procedure, RequiredDocument


@receiver(post_save, sender=Holiday, dispatch_uid="procedures.holiday_saved")
@receiver(post_delete, sender=Holiday, dispatch_uid="procedures.holiday_deleted")
def holiday_changed(**kwargs: object) -> None:
    """Clear the calendar cache when a Holiday row changes."""
    clear_cache()
    transaction.on_commit(clear_cache, using=kwargs.get("using"))


def _catalog_changed(**kwargs: object) -> None:
    """Drop the cached catalog pages when what they show changes."""
    catalog.bump()
    transaction.on_commit(catalog.bump, using=kwargs.get("using"))


for _model in (Agency, Field, Procedure, RequiredDocument):
    post_save.connect(_catalog_changed, sender=_model, dispatch_uid=f"catalog.{_model.__name__}")
    post_delete.connect(
        _catalog_changed, sender=_model, dispatch_uid=f"catalog.{_model.__name__}.deleted"
    )
