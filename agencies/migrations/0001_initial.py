# The Agency model moves here from procedures; its table, procedures_agency, stays as it is
# (created by procedures.0001_initial), so this migration changes the state only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('procedures', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Agency',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='tên')),
                        ('identifier', models.CharField(help_text='Theo QCVN 102:2016, ví dụ 000.00.12.H33; dùng trong mã hồ sơ.', max_length=13, unique=True, verbose_name='mã định danh điện tử')),
                        ('level', models.CharField(choices=[('province', 'Tỉnh, thành phố'), ('commune', 'Xã, phường, đặc khu')], max_length=20, verbose_name='cấp')),
                        ('address', models.CharField(blank=True, max_length=255, verbose_name='địa chỉ')),
                        ('phone', models.CharField(blank=True, max_length=20, verbose_name='điện thoại')),
                        ('path', models.CharField(db_index=True, default='', editable=False, max_length=255)),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='agencies.agency', verbose_name='cơ quan cấp trên')),
                    ],
                    options={
                        'verbose_name': 'cơ quan',
                        'verbose_name_plural': 'cơ quan',
                        'db_table': 'procedures_agency',
                        'ordering': ['path'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
