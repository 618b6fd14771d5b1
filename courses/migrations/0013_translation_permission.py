"""Trainers, lead trainers and administrators may translate courses and quizzes:
wagtail-localize's "Translate this page" and "Translate" actions need its
``submit_translation`` permission, which no group had, so a trainer saw no way to start
a translation. The pages and quizzes they may then edit are still those their page and
snippet permissions allow."""

from django.db import migrations

ROLES = ["Trainers", "Lead trainers", "Administrators"]


def forwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if permission is None:
        return
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(permission)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="wagtail_localize", codename="submit_translation"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0012_step_completion_language"),
        ("accounts", "0002_roles"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
