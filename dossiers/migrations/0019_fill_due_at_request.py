# Written by hand: the due date in force at the latest documents request, for dossiers asked
# before the column existed.
"""Known only where it can be read back: a request still waiting (nothing recounted the due
date since, so it is the original due date), or the only request of a dossier (the due date
given at acceptance, from its event). A dossier asked twice counts late whatever this says."""

import datetime

from django.db import migrations
from django.db.models import F


def _moment(value):
    return datetime.datetime.fromisoformat(value) if isinstance(value, str) and value else None


def fill_due_at_request(apps, schema_editor):
    alias = schema_editor.connection.alias
    Dossier = apps.get_model("dossiers", "Dossier")
    DossierEvent = apps.get_model("dossiers", "DossierEvent")
    asked = Dossier.objects.using(alias).filter(
        due_at_request=None,
        accepted_at__isnull=False,
        supplement_requested_at__gt=F("accepted_at"),
    )
    asked.filter(supplement_received_at=None).update(due_at_request=F("original_due_at"))
    starts = DossierEvent.objects.using(alias).filter(kind__in=["accepted", "received_at_desk"])
    for pk in list(asked.filter(supplement_count=1).values_list("pk", flat=True)):
        start = starts.filter(dossier_id=pk).order_by("-created_at").first()
        due = _moment(start.details.get("due_at")) if start else None
        if due is not None:
            Dossier.objects.using(alias).filter(pk=pk).update(due_at_request=due)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0018_due_at_request")]

    operations = [migrations.RunPython(fill_due_at_request, migrations.RunPython.noop)]
