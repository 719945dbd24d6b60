# Written by hand: the SHA-256 of every file stored before the column existed.
"""Read each stored attachment once and record its SHA-256 (the duplicate check needs it).

A row whose file is missing keeps an empty value: it is never taken for a duplicate.
"""

import hashlib

from django.db import migrations

BATCH = 500


def fill_sha256(apps, schema_editor):
    Attachment = apps.get_model("dossiers", "Attachment")
    rows = Attachment.objects.using(schema_editor.connection.alias).filter(sha256="")
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not batch:
            return
        for row in batch:
            digest = hashlib.sha256()
            try:
                with row.file.open("rb") as handle:
                    for chunk in iter(lambda: handle.read(1024 * 1024), b""):  # noqa: B023
                        digest.update(chunk)
            except (FileNotFoundError, ValueError):  # missing on disk, or no name at all
                continue
            row.sha256 = digest.hexdigest()
        Attachment.objects.using(schema_editor.connection.alias).bulk_update(batch, ["sha256"])
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0010_attachment_sha256")]

    operations = [migrations.RunPython(fill_sha256, migrations.RunPython.noop)]
