"""Known devices: a browser that has signed in to an account before keeps a signed cookie
saying so, and its sign-in failures for that account are counted on their own.

This is OWASP's "device cookie" answer to account lockout (ASVS 2.2.1: anti-automation
that does not let an attacker lock the real user out): an attacker guessing a named
account's password exhausts the account's shared budget for browsers that have never
signed in to it, while its owner, in the browser they use, still gets in. The cookie
proves only that this browser completed a sign-in to the account (password and second
factor); it is signed with SECRET_KEY, names accounts by an HMAC, and gives no access by
itself."""

import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

COOKIE_NAME = "waypoint_known_device"
_SALT = "waypoint.known-device"
_MAX_ACCOUNTS = 10  # a shared office computer remembers the last ten people
MAX_AGE_SECONDS = 180 * 24 * 60 * 60


def _account_tag(login_key: str) -> str:
    return salted_hmac(_SALT, login_key.lower()).hexdigest()[:24]


def _read(request) -> tuple[str | None, list[str]]:
    """The device id and account tags; nothing for a missing, forged or expired cookie."""
    value = request.get_signed_cookie(
        COOKIE_NAME, default=None, salt=_SALT, max_age=MAX_AGE_SECONDS
    )
    device_id, _sep, tags = (value or "").partition(":")
    if not device_id:
        return None, []
    return device_id, [tag for tag in tags.split(",") if tag]


def known_device_id(request, *, login_key: str) -> str | None:
    """This browser's id when it has signed in to the account ``login_key`` names before,
    else None (no cookie, a forged or expired one, or one for other accounts only)."""
    device_id, tags = _read(request)
    return device_id if _account_tag(login_key) in tags else None


def remember_device(request, response, *, login_key: str) -> None:
    """After a complete sign-in: mark this browser as known for the account, keeping its
    id and the other accounts it knows (most recent first)."""
    device_id, tags = _read(request)
    tag = _account_tag(login_key)
    tags = [tag, *[t for t in tags if t != tag]][:_MAX_ACCOUNTS]
    response.set_signed_cookie(
        COOKIE_NAME,
        f"{device_id or secrets.token_urlsafe(16)}:{','.join(tags)}",
        salt=_SALT,
        max_age=MAX_AGE_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
