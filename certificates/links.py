"""Absolute links that leave the site: in e-mails, and printed and encoded in the PDF."""

from django.urls import reverse

from config.links import absolute_url


def verification_url(code: str) -> str:
    return absolute_url(reverse("certificates:verify", args=[code]))
