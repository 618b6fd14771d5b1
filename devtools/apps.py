from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevtoolsConfig(AppConfig):
    """What exists for development, demos and benchmarks, kept out of the product apps:
    ``seed_demo`` and its demo content, ``generate_load_data`` and its bulk loader, and the
    bench's ceiling view. It may use every app's services and selectors; no product app
    imports it (tests/devtools/test_boundaries.py). Installed in every mode because
    ``make run`` calls ``seed_demo``; the commands refuse to run on a production site."""

    name = "devtools"
    verbose_name = _("Development tools")
