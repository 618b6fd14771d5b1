"""What the server tells the browser about offline copies.

- ``OfflinePagesMiddleware`` marks the pages a learner may keep on their device: the
  course pages (catalogue, course, module, lesson) that a signed-in person was shown in
  full. The mark (``Waypoint-Offline``) carries the person's cache name (``offline.keys``);
  the service worker keeps only marked pages, so admin, account, report, certificate and
  quiz pages, redirects, errors and previews are never stored on the device.
- ``SignOutClearsDeviceMiddleware`` answers a sign-out with ``Clear-Site-Data: "cache",
  "storage"``: the browser deletes every offline copy, the progress waiting to be sent and
  the service worker itself, so the next person at a shared computer finds nothing of the
  last one's. Sign-outs are POSTs (``ACCOUNT_LOGOUT_ON_GET`` is off), and so is closing an
  account, which signs out too.
"""

from django.conf import settings

from offline.keys import user_cache_key

OFFLINE_HEADER = "Waypoint-Offline"
CLEAR_SITE_DATA = '"cache", "storage"'


def _may_keep(request, response) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and getattr(request, "is_preview", False) is not True
        and request.user.is_authenticated
    )


class OfflinePagesMiddleware:
    """Marks the Wagtail pages of ``settings.OFFLINE_PAGE_TYPES`` and the views named in
    ``settings.OFFLINE_VIEW_NAMES`` (My learning, where the installed app starts)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            match is not None
            and match.view_name in settings.OFFLINE_VIEW_NAMES
            and _may_keep(request, response)
        ):
            response[OFFLINE_HEADER] = user_cache_key(request.user)
        return response

    def process_template_response(self, request, response):
        page = (response.context_data or {}).get("page")
        if (
            page is not None
            and page._meta.label in settings.OFFLINE_PAGE_TYPES
            and _may_keep(request, response)
        ):
            response[OFFLINE_HEADER] = user_cache_key(request.user)
        return response


class SignOutClearsDeviceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST":
            return self.get_response(request)
        was_signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if was_signed_in and not request.user.is_authenticated:
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
