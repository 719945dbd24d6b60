# Dossier.agency and DailySequence.agency now point at agencies.Agency: same table, same
# constraints, state only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0001_initial'),
        ('dossiers', '0003_report_period_index'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='dailysequence',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='agencies.agency'),
                ),
                migrations.AlterField(
                    model_name='dossier',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='dossiers', to='agencies.agency', verbose_name='cơ quan tiếp nhận'),
                ),
            ],
            database_operations=[],
        ),
    ]
