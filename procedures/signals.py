"""Keep the working-day calendar in step with the Holiday table.

An administrator's edit must count at once, so every save or delete of a Holiday clears the
calendar cache: now (this transaction sees its own change) and again after commit (other
processes may have re-read the table before the change was committed).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .calendar import clear_cache
from .models import Holiday


@receiver(post_save, sender=Holiday, dispatch_uid="procedures.holiday_saved")
@receiver(post_delete, sender=Holiday, dispatch_uid="procedures.holiday_deleted")
def holiday_changed(**kwargs: object) -> None:
    """Clear the calendar cache when a Holiday row changes."""
    clear_cache()
    transaction.on_commit(clear_cache, using=kwargs.get("using"))
