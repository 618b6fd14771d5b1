"""Trainers upload lesson videos; lead trainers and administrators may also delete them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Trainers": ["add_video", "change_video", "view_video"],
    "Lead trainers": ["add_video", "change_video", "delete_video", "view_video"],
    "Administrators": ["add_video", "change_video", "delete_video", "view_video"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("courses")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="courses", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0009_videos"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
