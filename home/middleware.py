"""Remember which page a URL routes to, so that a page view costs at most one query to find
its page instead of two per level of the tree, and a course page none.

Wagtail routes a request by walking the tree from the site root, two queries a level: a
lesson five levels down costs ten before it renders anything. This middleware caches the
outcome of that walk, keyed by host, path and language.

- Every page is remembered by id and class; a later request loads the page by id in one
  query and checks that it is still live and still has the URL path it had, or Wagtail
  routes as usual.
- Course pages (the catalogue, courses, modules, lessons) are also kept whole in the
  shared cache of course content (``courses.page_cache``), whose generation is replaced
  whenever one of them is saved, published, unpublished, moved or deleted: a page found
  there is the live page as it is now, and serving it costs no query (issue 19, P1). After
  a change, the first request loads it by id again and keeps it for the new generation.

Pages with sub-routes (RoutablePageMixin) and previews are never cached. Only the page is
cached, never a response, so no learner ever sees another's page. Paths that Django's own
views answer (``/healthz``, ``/learning/``, the admin...) never touch the cache, and a cache
that is down only makes pages route the slow way: ``/healthz`` must answer without Redis.
"""

import hashlib
import logging
import pickle
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from courses import cache_names, page_cache
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

logger = logging.getLogger("waypoint.routes")

CACHE_PREFIX = "waypoint:route:"
CACHE_SECONDS = 60 * 60
# Every save, publication, move or deletion of these replaces page_cache's generation
# (courses.signal_handlers), so they may be kept whole.
WHOLE_PAGE_TYPES = (CourseIndexPage, CoursePage, ModulePage, LessonPage)


def _route_name(request) -> str:
    """The path is hashed: a key stays short and printable whatever the client sent."""
    where = f"{request.get_host()}:{translation.get_language()}:{request.path}"
    return "route:" + hashlib.blake2b(where.encode("utf-8", "surrogatepass")).hexdigest()


class PageRouteCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not _served_by_wagtail(request.path_info):
            return self.get_response(request)
        name = _route_name(request)
        ref_key = CACHE_PREFIX + name
        session_key = _cached_session_key(request)
        also = (ref_key, session_key) if session_key else (ref_key,)
        try:
            whole, generation, found = page_cache.lookup(name, also=also)
        except Exception:  # noqa: BLE001 - an optimisation: route the slow way, say why
            logger.warning("route cache unavailable; routing without it", exc_info=True)
            return self.get_response(request)
        if session_key:
            _give_session(request, found.get(session_key))
        page, pickled = None, None
        ref = found.get(ref_key)
        if isinstance(whole, bytes):
            page = pickle.loads(whole)
        elif isinstance(ref, tuple) and len(ref) == 4:
            page = _load_live_page(*ref)
            if page is not None and generation is not None and isinstance(page, WHOLE_PAGE_TYPES):
                pickled = pickle.dumps(page)  # as read, before serving attaches anything
        if page is None:
            response = self.get_response(request)
        else:
            request._wagtail_route_for_request = RouteResult(page)
            request._waypoint_known_page = True  # config.handlers resolves it directly
            with page_cache.prefetch(cache_names.shared_cache_names(page, request)):
                response = self.get_response(request)
        if response.status_code != 200:
            return response
        if pickled is not None:
            page_cache.remember(name, pickled, generation)
        elif page is None:
            # Remember a route found the slow way, and replace an entry that had gone
            # stale (another page now lives at this path), so the stale one is not
            # re-checked for an hour.
            _remember(request, name, generation)
        return response


def _cached_session_key(request) -> str | None:
    """The shared cache's key of this request's session, read with the route in one round
    trip (issue 19, P1): only for Django's cached_db sessions kept in that same cache, a
    session named by the request's cookie, and not read yet."""
    session = getattr(request, "session", None)
    if (
        settings.SESSION_ENGINE != "django.contrib.sessions.backends.cached_db"
        or settings.SESSION_CACHE_ALIAS != "default"
        or session is None
        or not session.session_key
        or hasattr(session, "_session_cache")
    ):
        return None
    return session.cache_key


def _give_session(request, data) -> None:
    """What ``cached_db.SessionStore.load`` returns when the cache has the session: the
    same value under the same key, read a moment earlier. Missing (evicted, expired, or no
    such session): the store reads it as usual when it is first used."""
    session = request.session
    if isinstance(data, dict) and not hasattr(session, "_session_cache"):
        session._session_cache = data


def _served_by_wagtail(path: str) -> bool:
    """Whether the URLconf hands this path to Wagtail's page serving (its catch-all), not
    to one of our own views. Django resolves the path again to serve it; the answer here
    is kept per URLconf and path for the paths most asked for (the URLconf has no
    language prefixes, so nothing else changes it while the process runs)."""
    return _served_by_wagtail_in(get_urlconf() or settings.ROOT_URLCONF, path)


@lru_cache(maxsize=4096)
def _served_by_wagtail_in(urlconf: str, path: str) -> bool:
    try:
        return resolve(path, urlconf).func is wagtail_serve
    except Resolver404:
        return False


@receiver(setting_changed)
def _urlconf_changed(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _served_by_wagtail_in.cache_clear()


def _load_live_page(app_label: str, model_name: str, page_id: int, url_path: str):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    page = model.objects.filter(pk=page_id, live=True, url_path=url_path).first()
    return page


def _remember(request, name: str, generation: str | None) -> None:
    route = getattr(request, "_wagtail_route_for_request", None)
    if route is None or getattr(request, "is_preview", False):
        return
    page, args, kwargs = route
    if args or kwargs or isinstance(page, RoutablePageMixin):
        return
    meta = page._meta
    cache.set(
        CACHE_PREFIX + name,
        (meta.app_label, meta.model_name, page.pk, page.url_path),
        CACHE_SECONDS,
    )
    if generation is not None and isinstance(page, WHOLE_PAGE_TYPES):
        # Read afresh: the page that was served carries what serving it attached.
        fresh = type(page).objects.filter(pk=page.pk, live=True).first()
        if fresh is not None:
            page_cache.remember(name, pickle.dumps(fresh), generation)
