"""Absolute links that leave the site: in e-mails, and printed and encoded in the PDF."""

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def verification_url(code: str) -> str:
    return absolute_url(reverse("certificates:verify", args=[code]))
