# User.agency now points at agencies.Agency: same table, same constraint, state only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_notification_channels'),
        ('agencies', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='user',
                    name='agency',
                    field=models.ForeignKey(blank=True, help_text='Cơ quan của cán bộ, lãnh đạo; để trống với công dân.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='staff', to='agencies.agency', verbose_name='cơ quan'),
                ),
            ],
            database_operations=[],
        ),
    ]
