"""A small fixed-window rate limit per client address, in the shared cache. Used where a
public lookup must not become an enumeration tool (certificate verification)."""

import time

from django.core.cache import cache


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this request; False once the client made more than `limit` in the window."""
    window = int(time.time() // window_seconds)
    key = f"waypoint:ratelimit:{scope}:{client_address(request)}:{window}"
    if cache.add(key, 1, timeout=window_seconds + 5):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds + 5)
        return True
    return count <= limit
