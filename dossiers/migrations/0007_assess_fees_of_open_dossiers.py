"""Existing dossiers: the fee of those still being processed is assessed as at acceptance.

Dossiers accepted before fees were tracked, still open (processing, or waiting for documents
after acceptance), of a procedure with a fee that is not exempt: the fee becomes due, payable by
the appointment date, so the officer sees portal code 6 and the citizen sees what to pay.
Finished dossiers are left as they were: what was paid at the desk then was never recorded.
"""

from django.db import migrations


def assess(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    open_accepted = Dossier.objects.filter(
        state__in=["processing", "missing_documents"],
        accepted_at__isnull=False,
        fee_status="not_required",
        procedure__fee_vnd__gt=0,
        procedure__fee_exempt=False,
    )
    for dossier in open_accepted.select_related("procedure").iterator():
        dossier.fee_amount = dossier.procedure.fee_vnd
        dossier.fee_status = "due"
        dossier.fee_due_on = dossier.due_at.date() if dossier.due_at else None
        dossier.save(update_fields=["fee_amount", "fee_status", "fee_due_on"])


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0006_fees_and_signed_results")]

    operations = [migrations.RunPython(assess, migrations.RunPython.noop)]
