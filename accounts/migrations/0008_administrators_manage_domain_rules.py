"""Administrators manage the e-mail domain rules (issue 14).

The rules' admin screens are Wagtail's model screens, which ask for the model permissions;
the Administrators group gets all four. Managers get none: a rule places people in a unit
without anyone's approval.

People keep their units: ``User.organisation`` is unchanged by this issue, so everyone
placed before it stays where they are, with no request to make. A request is needed only
to join or move from now on.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{action}_unitdomainrule" for action in ("add", "change", "delete", "view")]


def _group_and_permissions(apps):
    for app_config in apps.get_app_configs():  # permissions are created after migrate
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Administrators").first()
    permissions = Permission.objects.filter(
        content_type__app_label="accounts", codename__in=CODENAMES
    )
    return group, list(permissions)


def grant(apps, schema_editor):
    group, permissions = _group_and_permissions(apps)
    if group:
        group.permissions.add(*permissions)


def withdraw(apps, schema_editor):
    group, permissions = _group_and_permissions(apps)
    if group:
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_membership"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, withdraw)]
