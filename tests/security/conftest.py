"""Fixtures of the security tests: the browser journeys' (for the Content-Security-Policy
check), and allauth's rate limits as configured, with a clock that moves without waiting
(the sign-in throttling and the address and password change tests)."""

import time as real_time
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from config.settings.base import ACCOUNT_RATE_LIMITS as CONFIGURED_LIMITS
from tests.e2e.conftest import browser, page, step  # noqa: F401


@pytest.fixture
def rate_limits(settings):
    """The test settings switch allauth's limits off; these tests need the configured ones."""
    settings.ACCOUNT_RATE_LIMITS = CONFIGURED_LIMITS
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """Moves allauth's rate-limit clock forward without waiting."""
    state = {"offset": 0.0}
    fake = SimpleNamespace(
        time=lambda: real_time.time() + state["offset"],
        monotonic=real_time.monotonic,
        sleep=real_time.sleep,
    )
    monkeypatch.setattr("allauth.core.internal.ratelimit.time", fake)
    return state
