# Written by hand: codes are stored upper case from now on (dossiers.codes.assign_code).
"""Store every dossier code upper case, so the public lookup finds it by exact match.

An agency identifier typed in lower case (000.00.12.h33) used to give lower-case codes, and
the lookup compared UPPER(code) with UPPER(input): a sequential scan of every dossier. Codes
are unique whatever their case (the identifiers are), so upper-casing cannot collide.
"""

from django.db import migrations
from django.db.models.functions import Upper


def upper_codes(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    rows = Dossier.objects.using(schema_editor.connection.alias).filter(code__isnull=False)
    rows.exclude(code=Upper("code")).update(code=Upper("code"))


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0012_declaration")]

    operations = [migrations.RunPython(upper_codes, migrations.RunPython.noop)]
