"""The name a signed-in person's offline copies are kept under on a device.

Not a secret and not the account's id: a keyed hash of it, so that the page can hand it
to the service worker without telling anyone reading the page which account it is.
Each person's pages go into a cache of their own, so that a shared computer never shows
one person's pages to another.
"""

from django.utils.crypto import salted_hmac

_SALT = "waypoint.offline.user-cache"


def user_cache_key(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    return salted_hmac(_SALT, str(user.pk), algorithm="sha256").hexdigest()[:20]
