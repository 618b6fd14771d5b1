"""Trainers translate topics (issue 15): wagtail-localize's translation editor for a
snippet opens from the snippet's edit view, which needs the change permission; trainers had
only ``view_topic``. Lead trainers and administrators have it already. Snippet permissions
are per model, so trainers may now also edit a topic's original (the history records who
did); they still cannot add or delete topics."""

from django.db import migrations


def forwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.filter(
        content_type__app_label="courses", codename="change_topic"
    ).first()
    group = Group.objects.filter(name="Trainers").first()
    if permission is not None and group is not None:
        group.permissions.add(permission)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Trainers").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="courses", codename="change_topic")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0016_topic_translatable"),
        ("accounts", "0002_roles"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
