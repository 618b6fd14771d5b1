"""Sign-in throttling (ASVS 2.2.1): at most 10 failures per 15 minutes per account from
browsers that have not signed in to it before, a few hundred per client address, and a
separate budget for a browser that has (a "known device"), with a message that says what
happened. The test settings switch allauth's limits off; these tests switch the configured
ones back on."""

import pytest
from allauth.core.internal.ratelimit import parse_rates
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from accounts.known_devices import COOKIE_NAME as KNOWN_DEVICE_COOKIE
from config.settings.base import ACCOUNT_RATE_LIMITS as CONFIGURED_LIMITS
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
THROTTLED = "Too many failed sign-in attempts"


@pytest.fixture(autouse=True)
def _throttling_on(rate_limits):
    """Every test here runs with the configured limits (``rate_limits``, conftest)."""


def sign_in(client, email, password, address="198.51.100.7"):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )


def sign_out(client):
    """As the browser does: the session ends, the browser keeps its other cookies (the test
    client's own logout() would drop them all)."""
    client.post(reverse("account_logout"))
    assert SESSION_KEY not in client.session


def errors_of(response) -> str:
    return " ".join(response.context["form"].non_field_errors())


def configured_rate(action: str, per: str) -> tuple[int, float]:
    (rate,) = [r for r in parse_rates(CONFIGURED_LIMITS[action]) if r.per == per]
    return rate.amount, rate.duration


def test_the_limits_are_ten_per_account_and_hundreds_per_address_in_15_minutes():
    assert configured_rate("login_failed", "key") == (10, 15 * 60)
    per_address, window = configured_rate("login_failed", "ip")
    assert 100 <= per_address <= 1000 and window == 15 * 60
    assert configured_rate("login_failed_known_device", "key") == (10, 15 * 60)


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


def test_failures_on_made_up_addresses_do_not_lock_out_an_office(client, learner, clock):
    """A ministry's staff share one address behind its NAT: someone there mistyping, or
    trying made-up accounts, must not stop a colleague signing in."""
    office = "203.0.113.9"
    for n in range(25):
        sign_in(client, f"someone{n}@example.org", "not-the-password", address=office)

    colleague = Client()
    response = sign_in(colleague, learner.email, PASSWORD, address=office)

    assert response.status_code == 302
    assert colleague.session[SESSION_KEY] == str(learner.pk)


def test_an_attacker_hammering_an_account_does_not_lock_out_its_owner(client, learner):
    """The owner's browser, known from an earlier sign-in, has its own budget: guessing from
    anywhere else cannot lock the real user out. A new browser is still held back."""
    owners_browser = Client()
    assert (
        sign_in(owners_browser, learner.email, PASSWORD, address="198.51.100.20").status_code == 302
    )
    sign_out(owners_browser)

    attacker = Client()
    for _ in range(30):
        sign_in(attacker, learner.email, "not-the-password", address="192.0.2.66")
    assert THROTTLED in errors_of(sign_in(attacker, learner.email, PASSWORD, address="192.0.2.66"))

    response = sign_in(owners_browser, learner.email, PASSWORD, address="198.51.100.20")
    assert response.status_code == 302
    assert owners_browser.session[SESSION_KEY] == str(learner.pk)

    new_browser = Client()
    refused = sign_in(new_browser, learner.email, PASSWORD, address="198.51.100.20")
    assert THROTTLED in errors_of(refused)
    assert SESSION_KEY not in new_browser.session


def test_a_known_browser_is_known_for_its_own_account_only(client, learner, other_learner):
    """Signing in to your own account does not give your browser a fresh budget for
    guessing someone else's."""
    assert sign_in(client, other_learner.email, PASSWORD).status_code == 302
    sign_out(client)

    for _ in range(10):
        sign_in(client, learner.email, "not-the-password")
    refused = sign_in(client, learner.email, PASSWORD)

    assert THROTTLED in errors_of(refused)
    assert SESSION_KEY not in client.session


def test_a_known_browser_still_has_a_limit(client, learner):
    assert sign_in(client, learner.email, PASSWORD).status_code == 302
    sign_out(client)

    for _ in range(10):
        sign_in(client, learner.email, "not-the-password")
    refused = sign_in(client, learner.email, PASSWORD)

    assert THROTTLED in errors_of(refused)
    assert SESSION_KEY not in client.session


def test_a_forged_known_device_cookie_is_ignored(client, learner):
    for _ in range(10):
        sign_in(client, learner.email, "not-the-password", address="192.0.2.66")
    client.cookies[KNOWN_DEVICE_COOKIE] = "made-up:value"

    refused = sign_in(client, learner.email, PASSWORD, address="192.0.2.66")

    assert THROTTLED in errors_of(refused)


def test_the_per_address_limit_stops_a_password_spray(client, learner, clock):
    """One address trying one password on many accounts is stopped after a few hundred
    failures, correct password or not, for browsers it has not signed in from before."""
    per_address, _window = configured_rate("login_failed", "ip")
    spray = "192.0.2.99"
    for n in range(per_address):
        if n and n % 50 == 0:
            clock["offset"] += 61  # past the per-minute request limit, well inside 15 minutes
        sign_in(client, f"officer{n}@example.org", "Summer2026!!", address=spray)

    refused = sign_in(Client(), learner.email, PASSWORD, address=spray)
    assert THROTTLED in errors_of(refused)

    elsewhere = Client()
    assert sign_in(elsewhere, learner.email, PASSWORD, address="198.51.100.30").status_code == 302


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
