"""Sign-in throttling: at most 10 failures per 15 minutes per account and per client address,
with a message that says what happened. The test settings switch allauth's limits off; these
tests switch the configured ones back on."""

import time as real_time
from types import SimpleNamespace

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse

from config.settings.base import ACCOUNT_RATE_LIMITS as CONFIGURED_LIMITS
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
THROTTLED = "Too many failed sign-in attempts"


@pytest.fixture(autouse=True)
def _throttling_on(settings):
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


def sign_in(client, email, password, address="198.51.100.7"):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )


def errors_of(response) -> str:
    return " ".join(response.context["form"].non_field_errors())


def test_the_configured_limit_is_ten_per_15_minutes_per_address_and_per_account():
    assert CONFIGURED_LIMITS["login_failed"] == "10/15m/ip,10/15m/key"


def test_after_ten_failures_even_the_right_password_waits_15_minutes(client, learner, clock):
    for _ in range(10):
        response = sign_in(client, learner.email, "not-the-password")
        assert THROTTLED not in errors_of(response)

    refused = sign_in(client, learner.email, PASSWORD)

    assert refused.status_code == 200
    assert THROTTLED in errors_of(refused)
    assert "15 minutes" in errors_of(refused)
    assert SESSION_KEY not in client.session

    clock["offset"] = 15 * 60 + 1
    assert sign_in(client, learner.email, PASSWORD).status_code == 302
    assert client.session[SESSION_KEY] == str(learner.pk)


def test_an_account_is_protected_whatever_addresses_the_guesses_come_from(client, learner):
    for n in range(10):
        sign_in(client, learner.email, "not-the-password", address=f"203.0.113.{n + 1}")

    refused = sign_in(client, learner.email, PASSWORD, address="192.0.2.200")

    assert THROTTLED in errors_of(refused)
    assert SESSION_KEY not in client.session


def test_an_address_guessing_many_accounts_is_stopped_and_others_are_not(client, learner):
    for n in range(10):
        sign_in(client, f"someone{n}@example.org", "not-the-password", address="203.0.113.9")

    refused = sign_in(client, learner.email, PASSWORD, address="203.0.113.9")
    assert THROTTLED in errors_of(refused)
    assert SESSION_KEY not in client.session

    elsewhere = sign_in(client, learner.email, PASSWORD, address="192.0.2.10")
    assert elsewhere.status_code == 302
    assert client.session[SESSION_KEY] == str(learner.pk)


def test_successful_sign_ins_do_not_count_as_failures(client, learner):
    for _ in range(9):
        sign_in(client, learner.email, "not-the-password")
    assert sign_in(client, learner.email, PASSWORD).status_code == 302
    client.logout()

    again = sign_in(client, learner.email, PASSWORD)

    assert again.status_code == 302
    assert client.session[SESSION_KEY] == str(learner.pk)


def test_wrong_two_factor_codes_are_throttled_too(client):
    user = UserFactory(email="officer@example.org")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    assert sign_in(client, user.email, PASSWORD)["Location"] == reverse("mfa_authenticate")

    for _ in range(10):
        client.post(reverse("mfa_authenticate"), {"code": "000000"}, REMOTE_ADDR="198.51.100.7")
    right = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    refused = client.post(reverse("mfa_authenticate"), {"code": right}, REMOTE_ADDR="198.51.100.7")

    assert refused.status_code == 200
    assert THROTTLED in refused.content.decode()
    assert SESSION_KEY not in client.session
