"""Absolute links for what leaves the site (e-mails, PDFs): the site's public address,
``WAGTAILADMIN_BASE_URL``, and a path."""

from django.conf import settings


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
