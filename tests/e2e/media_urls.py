"""The site's URLs plus Wagtail's public images, which nginx serves in production and
``make run`` serves with DEBUG on: the live server runs with DEBUG off, and the service
worker's own fetches are out of reach of Playwright's request routing."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config.urls import urlpatterns as site_urlpatterns


def public_image(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    re_path(r"^media/(?P<path>(?:images|original_images)/.+)$", public_image),
    *site_urlpatterns,
]
