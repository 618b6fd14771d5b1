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
"""

from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

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
