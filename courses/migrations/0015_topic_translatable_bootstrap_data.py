# Every existing topic gets a translation key and the default locale (Wagtail's
# BootstrapTranslatableMixin path), before both become required.
from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0014_topic_translatable_bootstrap"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [BootstrapTranslatableModel("courses.Topic")]
