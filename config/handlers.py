"""The WSGI handler gunicorn serves: Django's, resolving a known page without the rest.

Django resolves every request through ``config.urls`` in order, and Wagtail's page serving
is the last pattern (its catch-all must come after our views): a lesson's path is tried
against each include before it, each failing with a ``Resolver404`` (~0.24 M instructions
of a lesson page's 7.3 M, issue 19, P1). A request the route cache has found a page for
(``home.middleware.PageRouteCacheMiddleware``, only for paths that ``config.urls`` hands to
Wagtail) is resolved against Wagtail's patterns alone (``config.urls_pages``): the same
view and the same match, with nothing tried first. Every other request, and the request's
URLconf for ``reverse()`` and later resolves, is Django's as before.
"""

import django
from django.core.handlers.wsgi import WSGIHandler
from django.urls import get_resolver

PAGES_URLCONF = "config.urls_pages"


class KnownPagesWSGIHandler(WSGIHandler):
    def resolve_request(self, request):
        if getattr(request, "_waypoint_known_page", False) and not hasattr(request, "urlconf"):
            match = get_resolver(PAGES_URLCONF).resolve(request.path_info)
            request.resolver_match = match
            return match
        return super().resolve_request(request)


def get_wsgi_application() -> KnownPagesWSGIHandler:
    """``django.core.wsgi.get_wsgi_application`` with this handler."""
    django.setup(set_prefix=False)
    return KnownPagesWSGIHandler()
