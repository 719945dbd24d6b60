# Written by hand: the Evaluation model moved to the `satisfaction` app.
"""Forget Evaluation in this app's state; its table `dossiers_evaluation` stays, with its data.

satisfaction.0001_initial has already taken the model (same table) into its own state.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0004_agency_moved'),
        ('satisfaction', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(
                    name='Evaluation',
                ),
            ],
        ),
    ]
