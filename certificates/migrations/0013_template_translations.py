# Certificate templates per language (issue 15): a template names the template it
# translates, at most one per language.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0012_standard_template_in_french_spanish_arabic"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificatetemplate",
            name="translation_of",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "The template this one translates. Courses that chose that template issue "
                    "this one to learners whose language this is."
                ),
                limit_choices_to={"translation_of__isnull": True},
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="translations",
                to="certificates.certificatetemplate",
                verbose_name="translation of",
            ),
        ),
        migrations.AddConstraint(
            model_name="certificatetemplate",
            constraint=models.UniqueConstraint(
                fields=("translation_of", "language"), name="one_template_translation_per_language"
            ),
        ),
    ]
