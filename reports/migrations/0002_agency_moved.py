# MonthlyReport.agency and PlanTarget.agency now point at agencies.Agency: same table, same
# constraints, state only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0001_initial'),
        ('reports', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='monthlyreport',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='monthly_reports', to='agencies.agency', verbose_name='cơ quan'),
                ),
                migrations.AlterField(
                    model_name='plantarget',
                    name='agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='plan_targets', to='agencies.agency', verbose_name='cơ quan'),
                ),
            ],
            database_operations=[],
        ),
    ]
