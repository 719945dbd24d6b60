"""Fill the Holiday table with Vietnamese public holidays and swapped working days."""

from django.conf import settings
from django.db import migrations


def load_holidays(apps, schema_editor):
    from procedures.holiday_sync import sync_holidays

    first_year, last_year = settings.HOLIDAY_YEARS
    Holiday = apps.get_model("procedures", "Holiday")
    sync_holidays(first_year, last_year, model=Holiday, using=schema_editor.connection.alias)


def unload_holidays(apps, schema_editor):
    Holiday = apps.get_model("procedures", "Holiday")
    Holiday.objects.using(schema_editor.connection.alias).filter(is_manual=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_holidays, unload_holidays),
    ]
