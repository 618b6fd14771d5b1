"""A small fixed-window rate limit per client address, in the shared cache. Used where a
public lookup must not become an enumeration tool (certificate verification)."""

import ipaddress
import time

from allauth import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from django.core.cache import cache


def client_address(request) -> str:
    """The one answer to "which client is this" for every per-address limit: sign-in
    throttling (allauth asks the same adapter method) and our own limits alike.

    Behind ``TRUSTED_PROXY_COUNT`` proxies it is the address the outermost trusted proxy
    saw, read from the right of X-Forwarded-For, so entries a client adds itself to the left
    change nothing (``accounts.adapters.WaypointAccountAdapter.get_client_ip``)."""
    return get_adapter(request).get_client_ip(request)


def rate_limit_source(request) -> str:
    """The client's address, or for IPv6 its network (a /64 by default, allauth's
    ``ALLAUTH_RATE_LIMIT_IPV6_PREFIX``): one IPv6 client owns a whole /64 and could
    otherwise take a fresh budget with every address in it."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        prefix = allauth_settings.RATE_LIMIT_IPV6_PREFIX
        return str(ipaddress.IPv6Network(f"{parsed}/{prefix}", strict=False).network_address)
    return address


def allow(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this request; False once the client made more than `limit` in the window."""
    window = int(time.time() // window_seconds)
    key = f"waypoint:ratelimit:{scope}:{rate_limit_source(request)}:{window}"
    if cache.add(key, 1, timeout=window_seconds + 5):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds + 5)
        return True
    return count <= limit
