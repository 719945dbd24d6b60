# Phones and emails count as a person's only once proven by a code or a link. Every account
# made before this existed is marked unproven: its holder typed the number, nobody proved it.
# Dossiers others create for that number reach the account only after it is verified.

from django.db import migrations, models


def mark_existing_unverified(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.update(phone_verified_at=None, email_verified_at=None)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_agency_moved'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='email_verified_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='xác minh email lúc'),
        ),
        migrations.AddField(
            model_name='user',
            name='phone_verified_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='xác minh số điện thoại lúc'),
        ),
        migrations.RunPython(mark_existing_unverified, migrations.RunPython.noop),
    ]
