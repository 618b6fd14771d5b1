from offline.keys import user_cache_key


def offline(request) -> dict:
    """The signed-in person's cache name, for the page to hand to the service worker."""
    user = getattr(request, "user", None)
    return {"offline_cache_key": user_cache_key(user) if user is not None else ""}
