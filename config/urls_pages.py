"""Wagtail's page serving alone: how ``config.handlers`` resolves a request the route cache
already knows to be a page. Never a request's URLconf: ``reverse()`` and every other
``resolve()`` keep ``config.urls``."""

from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [path("", include(wagtail_urls))]
