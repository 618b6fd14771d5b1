"""Administrators read cohort changes in Site history (issue 13).

Cohort creation, edits, deletion and membership changes are in the audit log; Wagtail shows
an entry only to people with a permission on its model. Administrators had permissions on
users and units, none on cohorts, so only superusers saw the cohort entries. ``view_cohort``
opens no screen: cohorts are managed in the scoped cohort screens, not a model admin.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def _group_and_permission(apps):
    for app_config in apps.get_app_configs():  # permissions are created after migrate
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Administrators").first()
    permission = Permission.objects.filter(
        content_type__app_label="accounts", codename="view_cohort"
    ).first()
    return group, permission


def grant(apps, schema_editor):
    group, permission = _group_and_permission(apps)
    if group and permission:
        group.permissions.add(permission)


def withdraw(apps, schema_editor):
    group, permission = _group_and_permission(apps)
    if group and permission:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_administrators_do_not_edit_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, withdraw)]
