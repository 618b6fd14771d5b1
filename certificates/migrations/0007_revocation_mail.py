"""The holder's mail about a revocation is claimed and marked like the issuance mail; the
revocations made before it existed count as announced, so that the reconcile job does not
mail them now. Certificates are never added or deleted by anyone: their "add" and "delete"
permissions go (with any group's or person's grant of them)."""

from django.db import migrations, models
from django.db.models import F


def settle_earlier_revocations(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    Certificate.objects.filter(revoked_at__isnull=False).update(
        revocation_emailed_at=F("revoked_at")
    )


def remove_add_and_delete_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="certificates",
        content_type__model="certificate",
        codename__in=["add_certificate", "delete_certificate"],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0006_mail_claim"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="certificate",
            options={
                "default_permissions": ("change", "view"),
                "ordering": ["-issued_at"],
                "verbose_name": "certificate",
                "verbose_name_plural": "certificates",
            },
        ),
        migrations.AddField(
            model_name="certificate",
            name="revocation_emailed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="revocation e-mailed at"
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="revocation_mail_claimed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="revocation e-mail claimed at"
            ),
        ),
        migrations.RunPython(settle_earlier_revocations, migrations.RunPython.noop),
        migrations.RunPython(remove_add_and_delete_permissions, migrations.RunPython.noop),
    ]
