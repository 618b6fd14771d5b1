import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from courses import access
from courses.models import CoursePage
from offline import selectors
from offline.shell import current_shell_version, precached_urls

THEME_COLOUR = "#083d6e"  # --brand-dark in static/css/waypoint.css: the site header


def service_worker_config() -> dict:
    return {
        "version": current_shell_version(),
        "precache": precached_urls(),
        "offline": reverse("offline:offline_page"),
        "static": settings.STATIC_URL,
        "media": settings.MEDIA_URL,
        "mediaOrigins": list(settings.MEDIA_ORIGINS),
    }


@require_GET
@cache_control(no_cache=True)
def service_worker(request):
    """At the root so that it may control every page (``Service-Worker-Allowed`` says so
    too); revalidated on every check, so that a new version is found at once."""
    response = render(
        request,
        "offline/service_worker.js",
        {"config": json.dumps(service_worker_config())},
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@vary_on_headers("Cookie", "Accept-Language")
@cache_control(max_age=3600)
def manifest(request):
    """The web app manifest, in the language of the person installing."""
    icon = {"type": "image/png", "purpose": "any"}
    data = {
        "name": "Waypoint",
        "short_name": "Waypoint",
        "description": _("Learning for migration management, also when the connection is poor."),
        "lang": get_language(),
        "dir": "rtl" if get_language_bidi() else "ltr",
        "id": "/",
        "start_url": "/learning/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {**icon, "src": static("icons/waypoint-192.png"), "sizes": "192x192"},
            {**icon, "src": static("icons/waypoint-512.png"), "sizes": "512x512"},
            {
                "type": "image/png",
                "purpose": "maskable",
                "src": static("icons/waypoint-maskable-512.png"),
                "sizes": "512x512",
            },
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@require_GET
@never_cache
def offline_page(request):
    """What the service worker shows for a page that could not load and has no copy on the
    device. The same for everyone (it is kept on shared devices): no name, no form token."""
    return render(request, "offline/offline.html")


@login_required
@require_GET
@never_cache
def course_bundle(request, course_id: int):
    """The pages and images "Make this course available offline" stores, with their
    approximate sizes: for a learner enrolled in the course only."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if refusal := access.refusal_response(request, page=course):
        return refusal
    bundle = selectors.course_offline_bundle(user=request.user, course=course)
    if bundle is None:
        return JsonResponse(
            {"error": _("Enrol in this course to keep it on your device.")}, status=403
        )
    return JsonResponse(bundle.as_json())


@require_GET
@never_cache
def csrf_token(request):
    """A fresh form token for progress sent from a page kept on the device, whose own token
    may be days old (the token cookie is not readable by scripts in production)."""
    return JsonResponse({"token": get_token(request)})
