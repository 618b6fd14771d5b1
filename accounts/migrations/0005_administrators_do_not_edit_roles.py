"""Administrators no longer edit what a role may do (issue 12, finding 9).

With ``auth.change_group`` an administrator could tick any permission for any group,
Administrators included, in Wagtail's group editor: every permission short of superuser
status. The roles and their permissions are set by data migrations; superusers may still
edit them. Administrators keep ``auth.view_group`` and still give people roles.
"""

from django.db import migrations


def _administrators_change_group(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Administrators").first()
    permission = Permission.objects.filter(
        content_type__app_label="auth", codename="change_group"
    ).first()
    return group, permission


def withdraw(apps, schema_editor):
    group, permission = _administrators_change_group(apps)
    if group and permission:
        group.permissions.remove(permission)


def grant(apps, schema_editor):
    group, permission = _administrators_change_group(apps)
    if group and permission:
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_report_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(withdraw, grant)]
