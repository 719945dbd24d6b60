# Agency has moved to the agencies app. Its table (procedures_agency) and rows stay; its
# content type is relabelled so that its permissions, the groups and users holding them and
# the admin log follow it. The model leaves procedures' state only after every foreign key
# points at agencies.Agency.

from django.db import migrations


def _move_agency_content_type(apps, schema_editor, source, target):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    Permission = apps.get_model('auth', 'Permission')
    db = schema_editor.connection.alias
    moving = ContentType.objects.using(db).filter(app_label=source, model='agency').first()
    if moving is None:
        return  # a fresh database: post_migrate creates the content type under its new label
    there = ContentType.objects.using(db).filter(app_label=target, model='agency').first()
    if there is not None:
        # Both exist when accounts.0002_role_groups created the permissions of both states
        # (a fresh database): keep the moving row and fold the other one's links into it.
        for permission in Permission.objects.using(db).filter(content_type=there):
            kept = Permission.objects.using(db).filter(
                content_type=moving, codename=permission.codename
            ).first()
            if kept is None:
                permission.content_type = moving
                permission.save(update_fields=['content_type'])
            else:
                kept.group_set.add(*permission.group_set.all())
                kept.user_set.add(*permission.user_set.all())
        there.delete()
    moving.app_label = target
    moving.save(update_fields=['app_label'])


def forwards(apps, schema_editor):
    _move_agency_content_type(apps, schema_editor, 'procedures', 'agencies')


def backwards(apps, schema_editor):
    _move_agency_content_type(apps, schema_editor, 'agencies', 'procedures')


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_agency_moved'),
        ('agencies', '0001_initial'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('dossiers', '0004_agency_moved'),
        ('procedures', '0002_holidays'),
        ('reports', '0002_agency_moved'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Agency')],
            database_operations=[],
        ),
    ]
