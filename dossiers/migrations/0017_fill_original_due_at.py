# Written by hand: the original due date of every dossier accepted before the column existed.
"""A dossier's original due date is its due date, unless an apology moved it: then the due date
the apology replaced (its event's `old_due_at`), or the due date recounted by a supplement
received after the apology (that recount replaced it, and is the current due date)."""

import datetime

from django.db import migrations
from django.db.models import F


def _moment(value):
    return datetime.datetime.fromisoformat(value) if isinstance(value, str) and value else None


def fill_original_due_at(apps, schema_editor):
    alias = schema_editor.connection.alias
    Dossier = apps.get_model("dossiers", "Dossier")
    DossierEvent = apps.get_model("dossiers", "DossierEvent")
    dossiers = Dossier.objects.using(alias).filter(due_at__isnull=False, original_due_at=None)
    dossiers.filter(apology_issued_at=None).update(original_due_at=F("due_at"))
    apologies = DossierEvent.objects.using(alias).filter(kind="apology").order_by("created_at")
    for event in apologies.filter(dossier__in=dossiers).iterator():
        recounted = DossierEvent.objects.using(alias).filter(
            dossier_id=event.dossier_id,
            kind="supplemented",
            to_state="processing",
            created_at__gt=event.created_at,
        )
        original = None if recounted.exists() else _moment(event.details.get("old_due_at"))
        dossiers.filter(pk=event.dossier_id).update(original_due_at=original or F("due_at"))
    dossiers.update(original_due_at=F("due_at"))  # an apology without its event: the due date


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0016_original_due_at")]

    operations = [migrations.RunPython(fill_original_due_at, migrations.RunPython.noop)]
