"""The name a signed-in person's offline copies are kept under on a device.

Not a secret and not the account's id: a keyed hash of it, so that the page can hand it
to the service worker without telling anyone reading the page which account it is.
Each person's pages go into a cache of their own, so that a shared computer never shows
one person's pages to another.
"""

from functools import lru_cache

from django.conf import settings
from django.utils.crypto import salted_hmac

_SALT = "waypoint.offline.user-cache"


def user_cache_key(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    return _key(user.pk, settings.SECRET_KEY)


@lru_cache(maxsize=4096)
def _key(pk, secret: str) -> str:
    """Kept in the process for the people seen lately: a page asks for it twice (the page
    and its ``Waypoint-Offline`` header), and deriving the HMAC key each time was a
    measurable share of a lesson page (issue 19, P1). Keyed by the secret too, so that a
    rotated ``SECRET_KEY`` gives new names at once."""
    return salted_hmac(_SALT, str(pk), secret=secret, algorithm="sha256").hexdigest()[:20]
