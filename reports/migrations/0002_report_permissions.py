"""The "view reports" permission, given to the Managers and Administrators groups.

Which rows a person sees is decided by their organisation scope; this permission only opens
the Reports menu and pages. It hangs on the content type of a model of this app (Django
permissions need one) and is created here, not in a model's Meta, so that no model changes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAME = "view_reports"
NAME = "Can view manager reports"
ROLES = ["Managers", "Administrators"]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("reports")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="reports", model="duedatereminder"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(permission)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="reports", codename=CODENAME
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial"), ("accounts", "0002_roles")]
    operations = [migrations.RunPython(forwards, backwards)]
