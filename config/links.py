"""Absolute links for what leaves the site (e-mails, PDFs): the site's public address,
``WAGTAILADMIN_BASE_URL``, and a path."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import validate_host


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def public_base_url_problem(url: str, *, allowed_hosts: list[str]) -> str | None:
    """What is wrong with ``url`` as the address printed on certificates and mailed to
    people, or None. Production refuses to start on any answer: a QR code printed with
    http://127.0.0.1:8000 points nowhere for good (issue 12, finding 15)."""
    parts = urlsplit(url or "")
    if parts.scheme != "https":
        return "it must start with https://"
    try:
        host = parts.hostname or ""
    except ValueError:
        return "its host name is not valid"
    if not host:
        return "it has no host name"
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return "it must be the address of the site itself, without a path or query"
    if host == "localhost" or host.endswith(".localhost") or _is_local_address(host):
        return f"{host} is this machine, not an address others can reach"
    if not validate_host(host, allowed_hosts):
        return f"{host} is not in ALLOWED_HOSTS"
    return None


def _is_local_address(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified or address.is_link_local
