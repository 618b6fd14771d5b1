"""What every learner's view of a course shares, kept in the shared cache so that a lesson
page does not read it again: the course with its outline, which pages carry view
restrictions, and the rendered body of a lesson's live revision. Never anything about one
learner: progress and enrolment are read on every request.

One generation token stands for the state of all of it. Whatever may change an outline, a
restriction or a rendered body (a course page saved, published, unpublished, moved or
deleted; a topic or site edited; a view restriction added or removed; a step provider's own
objects changing) replaces the token, and entries built under an older token are ignored
from then on. Trainers publish rarely next to how often learners read, so starting every
course afresh after any change costs little and leaves nothing to work out about which
course a change belongs to.

The token is replaced at once and again when the transaction commits: a request that read
the old rows before the commit stored its entry under the token it read first, which is
no longer current by then.

Every process must see the same token, so this needs a cache shared between them (Redis,
``CACHE_URL``); the production settings turn it off (``COURSE_PAGE_CACHE_ENABLED``) when
the cache is local to each process.
"""

import uuid
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "waypoint:courses:generation"
ENTRY_PREFIX = "waypoint:courses:"
ENTRY_SECONDS = 24 * 60 * 60

T = TypeVar("T")
# What ``prefetch`` read for the request being served: cache key -> value (None: missing).
_prefetched: ContextVar[dict | None] = ContextVar("waypoint_page_cache_prefetched", default=None)


def _replace_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def course_content_changed(**kwargs) -> None:
    """Forget every shared entry, now and once the current transaction commits. Usable as
    a signal receiver."""
    _replace_generation()
    transaction.on_commit(_replace_generation, robust=True)


def _current_generation(found: str | None) -> str | None:
    if found is not None:
        return found
    fresh = uuid.uuid4().hex
    if cache.add(GENERATION_KEY, fresh, None):
        return fresh
    return cache.get(GENERATION_KEY)


def lookup(name: str, *, also: tuple[str, ...] = ()) -> tuple[object | None, str | None, dict]:
    """The value stored under ``name`` for the current generation (``None`` if missing or
    older), the generation to store a value built now under (``remember``), and the plain
    cache keys ``also`` asked for, read in the same round trip. Read the generation before
    reading what the value is made of, as ``shared`` does."""
    if not settings.COURSE_PAGE_CACHE_ENABLED:
        return None, None, cache.get_many(list(also)) if also else {}
    key = ENTRY_PREFIX + name
    found = _read([GENERATION_KEY, key, *also])
    generation = _current_generation(found.get(GENERATION_KEY))
    entry = found.get(key)
    if generation is not None and entry is not None and entry[0] == generation:
        return entry[1], generation, found
    return None, generation, found


def generation() -> str | None:
    """The current generation token, ``None`` when the shared cache is off or has none yet.
    Answered from what ``prefetch`` read when it did."""
    if not settings.COURSE_PAGE_CACHE_ENABLED:
        return None
    return _read([GENERATION_KEY]).get(GENERATION_KEY)


def remember(name: str, value: object, generation: str | None) -> None:
    """Store ``value`` under ``name`` for the generation ``lookup`` gave before it was
    built: if anything changed in between, the entry is already stale and ignored."""
    if generation is not None:
        cache.set(ENTRY_PREFIX + name, (generation, value), ENTRY_SECONDS)


def shared(name: str, build: Callable[[], T]) -> T:
    """The value stored under ``name`` for the current generation, built and stored if
    missing or older. One round trip to the cache when the value is there."""
    if not settings.COURSE_PAGE_CACHE_ENABLED:
        return build()
    value, generation, _ = lookup(name)
    if value is not None:
        return value
    value = build()
    remember(name, value, generation)
    return value


def _read(keys: list[str]) -> dict:
    """``cache.get_many``, answered from what ``prefetch`` read when it read all of them."""
    prefetched = _prefetched.get()
    if prefetched is not None and all(key in prefetched for key in keys):
        return {key: prefetched[key] for key in keys if prefetched[key] is not None}
    return cache.get_many(keys)


@contextmanager
def prefetch(names: Iterable[str]):
    """Read the entries a page will ask for (with the generation) in one round trip,
    for the ``lookup``s made inside the block: a lesson page asks for four. Only for the
    request being served; entries built meanwhile are stored as usual."""
    if not settings.COURSE_PAGE_CACHE_ENABLED:
        yield
        return
    keys = [GENERATION_KEY, *(ENTRY_PREFIX + name for name in names)]
    found = cache.get_many(keys)
    token = _prefetched.set({key: found.get(key) for key in keys})
    try:
        yield
    finally:
        _prefetched.reset(token)
