# Every existing quiz gets a translation key and the default locale (Wagtail's
# BootstrapTranslatableMixin path), before both become required.
from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0009_quiz_translatable_bootstrap"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [BootstrapTranslatableModel("assessments.Quiz")]
