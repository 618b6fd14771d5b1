"""Lead trainers review course content; they have no organisation scope, so they no longer
list, export or download the certificates of every learner. Administrators keep that."""

from django.db import migrations


def _lead_trainers_view_certificate(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Lead trainers").first()
    permission = Permission.objects.filter(
        content_type__app_label="certificates", codename="view_certificate"
    ).first()
    return group, permission


def withdraw(apps, schema_editor):
    group, permission = _lead_trainers_view_certificate(apps)
    if group and permission:
        group.permissions.remove(permission)


def grant(apps, schema_editor):
    group, permission = _lead_trainers_view_certificate(apps)
    if group and permission:
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0004_report_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(withdraw, grant)]
