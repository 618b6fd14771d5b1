import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

from config.handlers import get_wsgi_application  # noqa: E402 - after the settings module

application = get_wsgi_application()
