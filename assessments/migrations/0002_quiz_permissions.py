"""Trainers author quizzes; lead trainers and administrators may also delete them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Trainers": ["add_quiz", "change_quiz", "view_quiz"],
    "Lead trainers": ["add_quiz", "change_quiz", "delete_quiz", "view_quiz"],
    "Administrators": ["add_quiz", "change_quiz", "delete_quiz", "view_quiz"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("assessments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="assessments", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
