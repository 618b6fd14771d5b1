"""Security headers that Django and django-csp do not set the way Waypoint needs them.

- The site and the certificate pages get ``settings.CONTENT_SECURITY_POLICY``: no inline
  script, nothing from other origins but the lesson video players, no framing.
- The Wagtail admin (and the Django admin) get a looser policy: Wagtail 8 still writes inline
  scripts (inline panels, date pickers) and its choosers evaluate code, so scripts may be
  inline there, but still only from this origin. The admin is not framed either.
- Previews are the one exception to "no framing": the editor shows a page or a snippet (a
  quiz) in an iframe of its own origin. Wagtail renders a preview by running a made-up
  request for the page's own URL through the middleware (``request.is_preview``), so the
  preview carries the site's headers unless it says otherwise: it gets ``frame-ancestors
  'self'`` and ``X-Frame-Options: SAMEORIGIN``, as do the admin views Wagtail itself marks
  SAMEORIGIN (the preview panel's and the block previews'). Nothing else may be framed.
- Documents served by Wagtail's serve view keep Wagtail's ``default-src 'none'``; those that
  download (everything but PDF) are sandboxed as well. Inline PDFs are not: browsers refuse
  to show a PDF in a sandboxed document.
- A form posted from inside a preview changes nothing (``PreviewFormsDoNothingMiddleware``).
- ``Permissions-Policy`` switches off browser features no page uses.
- A view that loses its database connection answers 503 "nothing was saved, try again".
"""

import logging
import re
from urllib.parse import urlsplit

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
        "img-src": [SELF, "data:", "blob:", *getattr(settings, "MEDIA_ORIGINS", [])],
        "frame-src": [SELF, *site.get("frame-src", [])],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }


def is_admin_path(path: str) -> bool:
    return path.startswith(ADMIN_PATH_PREFIXES)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy for the site and another for the admin."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if is_admin_path(request.path_info):
            parts.config = admin_policy()
        if is_framed_by_the_admin(request, response):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts

    def process_response(self, request, response):
        if _is_downloaded_document(request, response):
            response["Content-Security-Policy"] = DOCUMENT_POLICY
        if is_preview(request):
            # Before Django's XFrameOptionsMiddleware, which keeps a header already set.
            response["X-Frame-Options"] = "SAMEORIGIN"
        return super().process_response(request, response)


def is_preview(request) -> bool:
    """Set by Wagtail on the request it makes up to render a preview (page or snippet);
    ``Page.serve`` sets it to False, and no client can set it."""
    return getattr(request, "is_preview", False) is True


def is_framed_by_the_admin(request, response) -> bool:
    """A preview, or a response its view marked SAMEORIGIN (Wagtail's preview views and
    block previews, ``PreviewFormsDoNothingMiddleware``'s answer)."""
    return is_preview(request) or response.get("X-Frame-Options") == "SAMEORIGIN"


# The admin's previews of pages and snippets: edit/preview/, add/…/preview/, view_draft/,
# revisions/<id>/view/, workflow/preview/<task>/, snippets/…/preview/<pk>/.
PREVIEW_PATH = re.compile(r"^/admin/(?:.*/)?(?:preview|view_draft|revisions/\d+/view)/")


def is_posted_from_a_preview(request) -> bool:
    """Sent from inside a frame (only the admin's preview panel may frame the site), or
    from a preview opened in a tab of its own."""
    if request.headers.get("Sec-Fetch-Dest") in ("iframe", "frame"):
        return True
    referer = urlsplit(request.headers.get("Referer", ""))
    return bool(PREVIEW_PATH.match(referer.path))


class PreviewFormsDoNothingMiddleware:
    """A learner's button pressed in a preview ("Enrol", "Request a place", "Mark as done",
    "Start the quiz") must not enrol the trainer or change anything else. Previews show
    these buttons disabled; this refuses what is posted from one all the same, whichever
    app's view it is for, before any view runs. The admin's own forms are not affected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and not is_admin_path(request.path_info)
            and is_posted_from_a_preview(request)
        ):
            page = render_to_string("preview_action_refused.html", request=request)
            return HttpResponse(page, status=403, headers={"X-Frame-Options": "SAMEORIGIN"})
        return self.get_response(request)


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
