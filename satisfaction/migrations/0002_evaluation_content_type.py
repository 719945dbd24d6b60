# Written by hand: the content type of Evaluation follows the model to `satisfaction`.
"""Relabel the content type (dossiers, evaluation) as (satisfaction, evaluation).

Its permissions (add/change/delete/view_evaluation and follow_up_rating) hang on the content
type, so they move with it and keep their ids: the leaders' group and any user keep them.
If both content types exist (post_migrate ran between the two migrations and created the new
one), the links of the old permissions are added to their namesakes and the old one goes.
A fresh database has neither yet: post_migrate creates the new one after this runs.
"""

from django.conf import settings
from django.db import migrations

MODEL = "evaluation"


def _merge(apps, old, new):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    for permission in Permission.objects.filter(content_type=old):
        twin = Permission.objects.filter(content_type=new, codename=permission.codename).first()
        if twin is None:
            permission.content_type = new
            permission.save(update_fields=["content_type"])
            continue
        for group in Group.objects.filter(permissions=permission):
            group.permissions.add(twin)
        for user in User.objects.filter(user_permissions=permission):
            user.user_permissions.add(twin)
    old.delete()


def _move(apps, from_label, to_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label=from_label, model=MODEL).first()
    if old is None:
        return
    new = ContentType.objects.filter(app_label=to_label, model=MODEL).first()
    if new is None:
        old.app_label = to_label
        old.save(update_fields=["app_label"])
    else:
        _merge(apps, old, new)


def forwards(apps, schema_editor):
    _move(apps, "dossiers", "satisfaction")


def backwards(apps, schema_editor):
    _move(apps, "satisfaction", "dossiers")


class Migration(migrations.Migration):
    dependencies = [
        ("satisfaction", "0001_initial"),
        ("dossiers", "0005_move_evaluation_to_satisfaction"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
