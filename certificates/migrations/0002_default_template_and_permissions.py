"""A good-looking default template exists from the start, and administrators manage
certificates; lead trainers may see them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Administrators": [
        "add_certificatetemplate", "change_certificatetemplate", "delete_certificatetemplate",
        "view_certificatetemplate", "add_coursecertification", "change_coursecertification",
        "delete_coursecertification", "view_coursecertification", "change_certificate",
        "view_certificate",
    ],
    "Lead trainers": ["view_certificate", "view_coursecertification", "change_coursecertification", "add_coursecertification"],
}


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("certificates")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Template = apps.get_model("certificates", "CertificateTemplate")
    if not Template.objects.filter(is_default=True).exists():
        Template.objects.create(
            name="Waypoint standard",
            is_default=True,
            title="Certificate of completion",
            issuer="Waypoint Training Centre",
            body=(
                "This certifies that {holder_name} has successfully completed the course "
                "{course_title}, {hours} hours of study, on {completion_date}."
            ),
            signatories=[],
        )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="certificates", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial"), ("accounts", "0002_roles")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
