# Certificate templates per language (issue 15): a template names the template it
# translates, at most one per language. The standard templates in French, Spanish and
# Arabic (0012) become the default template's translations, so that a course that chose no
# template still issues its certificate in the learner's language.

import django.db.models.deletion
from django.db import migrations, models


STANDARD_TRANSLATIONS = {
    "fr": "Waypoint standard (français)",
    "es": "Waypoint estándar (español)",
    "ar": "Waypoint القياسية (العربية)",
}


def link_standard_translations(apps, schema_editor):
    Template = apps.get_model("certificates", "CertificateTemplate")
    default = Template.objects.filter(is_default=True).order_by("pk").first()
    if default is None:
        return
    for language, name in STANDARD_TRANSLATIONS.items():
        if language == default.language:
            continue
        if Template.objects.filter(translation_of=default, language=language).exists():
            continue
        standard = (
            Template.objects.filter(name=name, language=language, is_default=False)
            .order_by("pk")
            .first()
        )
        if standard is not None:
            standard.translation_of = default
            standard.save(update_fields=["translation_of"])


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
        migrations.RunPython(link_standard_translations, migrations.RunPython.noop),
    ]
