"""A URLconf without Wagtail's page serving, for tests/home/test_route_cache.py."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("healthz", lambda request: HttpResponse("ok"))]
