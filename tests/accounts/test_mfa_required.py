"""Staff need a second factor before the admin: trainers, lead trainers, managers,
administrators and superusers without an authenticator app or security key are sent to set
one up; once they have one, signing in asks for it. Learners are never forced."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from accounts import roles
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # the UserFactory password
STAFF_ROLES = [roles.TRAINERS, roles.LEAD_TRAINERS, roles.MANAGERS, roles.ADMINISTRATORS]
SET_UP_MESSAGE = "requires two-factor authentication"


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, role):
    client.force_login(UserFactory(roles=[role]))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert SET_UP_MESSAGE in html
    # Both kinds of factor are offered: an authenticator app and a security key.
    assert reverse("mfa_activate_totp") in html
    assert reverse("mfa_add_webauthn") in html


@pytest.mark.parametrize("path", ["/admin/pages/", "/admin/images/", "/admin/users/"])
def test_every_admin_screen_is_closed_until_then(client, path):
    client.force_login(UserFactory(roles=[roles.ADMINISTRATORS]))

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


def test_a_superuser_without_a_second_factor_is_kept_out_of_the_django_admin(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get("/django-admin/")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


def test_staff_with_an_authenticator_app_reach_the_admin(client, trainer):
    with_totp(trainer)
    client.force_login(trainer)

    assert client.get("/admin/").status_code == 200


def test_a_security_key_counts_as_a_second_factor(client, trainer):
    Authenticator.objects.create(user=trainer, type=Authenticator.Type.WEBAUTHN, data={})
    client.force_login(trainer)

    assert client.get("/admin/").status_code == 200


def test_recovery_codes_alone_do_not_count(client, trainer):
    RecoveryCodes.activate(trainer)
    client.force_login(trainer)

    assert client.get("/admin/")["Location"] == reverse("mfa_index")


def test_removing_the_last_factor_closes_the_admin_again(client, trainer):
    with_totp(trainer)
    client.force_login(trainer)
    assert client.get("/admin/").status_code == 200

    Authenticator.objects.filter(user=trainer).delete()

    assert client.get("/admin/")["Location"] == reverse("mfa_index")


def test_learners_are_not_forced_and_still_kept_out_of_the_admin(client, learner):
    client.force_login(learner)

    admin = client.get("/admin/", follow=True)

    assert admin.status_code == 403
    assert all(url != reverse("mfa_index") for url, _ in admin.redirect_chain)
    assert client.get(reverse("learning:dashboard")).status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_staff_without_mfa_may_still_use_the_site_and_sign_out(client, trainer):
    client.force_login(trainer)

    assert client.get(reverse("learning:dashboard")).status_code == 200
    client.post("/admin/logout/")
    assert SESSION_KEY not in client.session


def test_the_requirement_can_be_switched_off_for_the_demo(client, settings, trainer):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(trainer)

    assert client.get("/admin/").status_code == 200


def test_a_trainer_with_an_authenticator_app_must_give_a_code_to_sign_in(client, trainer):
    secret = with_totp(trainer)

    response = client.post(
        "/accounts/login/?next=/admin/",
        {"login": trainer.email, "password": PASSWORD, "next": "/admin/"},
    )

    # The password alone does not sign in: allauth asks for the code.
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert SESSION_KEY not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and SESSION_KEY not in client.session

    signed_in = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})

    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/admin/"
    assert client.session[SESSION_KEY] == str(trainer.pk)
    assert client.get("/admin/").status_code == 200
