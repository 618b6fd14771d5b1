from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0005_lead_trainers_do_not_list_certificates"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="mail_claimed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="e-mail claimed at"
            ),
        ),
    ]
