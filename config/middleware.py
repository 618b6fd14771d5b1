"""Security headers that Django and django-csp do not set the way Waypoint needs them.

- The site and the certificate pages get ``settings.CONTENT_SECURITY_POLICY``: no inline
  script, nothing from other origins but the lesson video players, no framing.
- The Wagtail admin (and the Django admin) get a looser policy: Wagtail 8 still writes inline
  scripts (inline panels, date pickers) and its choosers evaluate code, so scripts may be
  inline there, but still only from this origin; the admin frames its own previews.
- Documents served by Wagtail's serve view keep Wagtail's ``default-src 'none'``; those that
  download (everything but PDF) are sandboxed as well. Inline PDFs are not: browsers refuse
  to show a PDF in a sandboxed document.
- ``Permissions-Policy`` switches off browser features no page uses.
- A view that loses its database connection answers 503 "nothing was saved, try again".
"""

import logging

from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("waypoint.requests")

ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
DOCUMENT_POLICY = "default-src 'none'; sandbox"


def admin_policy() -> dict:
    site = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    return {
        **site,
        "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-src": [SELF, *site.get("frame-src", [])],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
    }


def is_admin_path(path: str) -> bool:
    return path.startswith(ADMIN_PATH_PREFIXES)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy for the site and another for the admin."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = admin_policy()
        return parts

    def process_response(self, request, response):
        if _is_downloaded_document(request, response):
            response["Content-Security-Policy"] = DOCUMENT_POLICY
        return super().process_response(request, response)


def _is_downloaded_document(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "wagtaildocs_serve":
        return False
    return response.get("Content-Disposition", "").startswith("attachment")


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` ({feature: [origins]}; an
    empty list switches the feature off everywhere)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in getattr(settings, "PERMISSIONS_POLICY", {}).items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response


class DatabaseUnavailableMiddleware:
    """A view whose database connection failed (the server restarted, the connection was
    cut, a failover, a deadlock) answers 503 "try again" rather than a server error.

    Every write is one transaction, so the interrupted one was rolled back and the page
    can say that nothing was saved. Django drops the broken connection when the request
    ends (``CONN_HEALTH_CHECKS`` checks a reused one), so the retry gets a fresh one. The
    page is rendered without the request's context: its context processors would need the
    database."""

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "database unavailable: %s %s", request.method, request.path, exc_info=exception
        )
        if request.method in ("GET", "HEAD", "OPTIONS"):
            message = _(
                "Waypoint cannot reach its database just now. Please try again in a moment."
            )
        else:
            message = _(
                "Waypoint lost its connection to the database, so what you sent was not saved. "
                "Please try again in a moment."
            )
        headers = {"Retry-After": str(self.RETRY_AFTER_SECONDS)}
        if request.headers.get("x-requested-with") == "fetch":
            return JsonResponse({"saved": False, "error": message}, status=503, headers=headers)
        page = render_to_string("503.html", {"message": message})
        return HttpResponse(page, status=503, headers=headers)
