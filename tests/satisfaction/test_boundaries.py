"""Where the satisfaction app meets the rest: dossiers never imports it, the returned message
gets its link through the hook, and the content type (with the follow-up permission) moved."""

import ast
import importlib
from pathlib import Path

import pytest

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from accounts.roles import Role
from dossiers import links
from satisfaction.links import rating_url
from tests.factories import UserFactory

DOSSIERS = Path(__file__).resolve().parents[2] / "dossiers"
content_type_migration = importlib.import_module(
    "satisfaction.migrations.0002_evaluation_content_type"
)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_dossiers_imports_nothing_from_satisfaction():
    sources = sorted(DOSSIERS.rglob("*.py"))
    assert sources
    for path in sources:
        modules = _imported_modules(path)
        assert not {m for m in modules if m.split(".")[0] == "satisfaction"}, path


def test_the_returned_message_links_to_the_survey(returned):
    assert links.returned_link(returned) == rating_url(returned)


@pytest.fixture
def fresh_content_types():
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


def _evaluation_type(app_label: str) -> ContentType | None:
    return ContentType.objects.filter(app_label=app_label, model="evaluation").first()


def test_the_content_type_moves_with_its_permissions(db, fresh_content_types):
    """A database migrated before the move: its content type is relabelled, ids kept."""
    moved = _evaluation_type("satisfaction")
    ContentType.objects.filter(pk=moved.pk).update(app_label="dossiers")
    permission = Permission.objects.get(content_type=moved, codename="follow_up_rating")
    leaders = Group.objects.get(name=Role.LEADER)
    assert permission in leaders.permissions.all()

    content_type_migration.forwards(apps, None)

    assert _evaluation_type("dossiers") is None
    assert _evaluation_type("satisfaction").pk == moved.pk
    assert permission in leaders.permissions.all()
    leader = UserFactory(leader=True)
    assert leader.has_perm("satisfaction.follow_up_rating")

    content_type_migration.backwards(apps, None)

    assert _evaluation_type("dossiers").pk == moved.pk
    assert _evaluation_type("satisfaction") is None


def test_when_both_content_types_exist_the_links_join_the_new_one(db, fresh_content_types):
    """post_migrate created the new one in between: the old one's links are not lost."""
    new = _evaluation_type("satisfaction")
    old = ContentType.objects.create(app_label="dossiers", model="evaluation")
    old_follow_up = Permission.objects.create(
        content_type=old, codename="follow_up_rating", name="follow up"
    )
    only_old = Permission.objects.create(content_type=old, codename="only_old", name="only old")
    group = Group.objects.create(name="Ban tiếp công dân")
    group.permissions.add(old_follow_up)
    user = UserFactory(citizen=True)
    user.user_permissions.add(old_follow_up)

    content_type_migration.forwards(apps, None)

    assert _evaluation_type("dossiers") is None
    new_follow_up = Permission.objects.get(content_type=new, codename="follow_up_rating")
    assert list(group.permissions.all()) == [new_follow_up]
    assert list(user.user_permissions.all()) == [new_follow_up]
    only_old.refresh_from_db()
    assert only_old.content_type == new
