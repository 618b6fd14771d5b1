"""The app shell the service worker keeps on the device, and the version that names its cache.

The version is a hash of the precached files' contents, worked out once per process (at
start-up: the static files do not change while a process runs). A new stylesheet or script
changes the version, which changes the bytes of ``/sw.js``; the browser then installs the new
worker, which fetches the new shell into a new cache and deletes the old one. An old cache
therefore never serves a new page old styles or scripts.
"""

import hashlib
from collections.abc import Callable, Iterable
from functools import cache

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

# Static files the pages kept on the device need, kept there by the service worker.
PRECACHED_STATIC = (
    "css/waypoint.css",
    "js/offline.js",
    "js/lesson-media.js",  # the lesson page's player and pictures on tap
    "js/offline-page.js",  # the "No connection" page tries again by itself
    # The quiz's script: a link that drops while a quiz page loads still leaves the learner
    # the script that keeps answers and submits on the device until the connection returns.
    "js/attempt.js",
    "icons/waypoint-192.png",
    "icons/waypoint-512.png",
    "icons/waypoint-maskable-512.png",
)


def _read_static(name: str) -> bytes:
    """The file as it is served: the collected copy when there is one (production), the
    source otherwise (development and tests)."""
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as handle:
            return handle.read()
    path = finders.find(name)
    if not path:
        raise FileNotFoundError(f"precached static file {name!r} was not found")
    with open(path, "rb") as handle:
        return handle.read()


def shell_version(names: Iterable[str], read: Callable[[str], bytes] = _read_static) -> str:
    """A short hash of the names and contents of the files: changes when any of them does."""
    digest = hashlib.sha256()
    for name in names:
        content = read(name)
        digest.update(name.encode() + b"\0" + str(len(content)).encode() + b"\0" + content)
    return digest.hexdigest()[:16]


@cache
def current_shell_version() -> str:
    return shell_version(PRECACHED_STATIC)


def precached_urls() -> list[str]:
    return [staticfiles_storage.url(name) for name in PRECACHED_STATIC]
