"""Remember which page a URL routes to, so that a page view costs one query to find its
page instead of two per level of the tree.

Wagtail routes a request by walking the tree from the site root, two queries a level: a
lesson five levels down costs ten before it renders anything. This middleware caches the
outcome of that walk (page id and class, keyed by host, path and language) and on later
requests loads the page by id in one query. It never trusts the cache blindly: the page
must still be live and still have the URL path it had, or Wagtail routes as usual. Pages
with sub-routes (RoutablePageMixin) and previews are never cached. Only the route is
cached, never a response, so no learner ever sees another's page.
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.url_routing import RouteResult

CACHE_PREFIX = "waypoint:route:"
CACHE_SECONDS = 60 * 60


def _cache_key(request) -> str:
    """The path is hashed: a key stays short and printable whatever the client sent."""
    where = f"{request.get_host()}:{translation.get_language()}:{request.path}"
    return CACHE_PREFIX + hashlib.blake2b(where.encode("utf-8", "surrogatepass")).hexdigest()


class PageRouteCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        key = _cache_key(request)
        cached = cache.get(key)
        page = _load_live_page(*cached) if cached is not None else None
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
        response = self.get_response(request)
        # Remember a route found the slow way, and replace an entry that had gone stale
        # (another page now lives at this path), so the stale one is not re-checked for
        # an hour.
        if page is None and response.status_code == 200:
            _remember(request, key)
        return response


def _load_live_page(app_label: str, model_name: str, page_id: int, url_path: str):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    page = model.objects.filter(pk=page_id, live=True, url_path=url_path).first()
    return page


def _remember(request, key: str) -> None:
    route = getattr(request, "_wagtail_route_for_request", None)
    if route is None or getattr(request, "is_preview", False):
        return
    page, args, kwargs = route
    if args or kwargs or isinstance(page, RoutablePageMixin):
        return
    meta = page._meta
    cache.set(key, (meta.app_label, meta.model_name, page.pk, page.url_path), CACHE_SECONDS)
