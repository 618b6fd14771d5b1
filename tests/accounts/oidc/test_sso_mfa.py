"""Staff, single sign-on and the second factor (issue 14, item 2; accounts.mfa, accounts.sso).

By default single sign-on is one factor like a password: staff with a Waypoint authenticator
give its code after the provider, and staff without one must set one up before the admin. A
provider trusted for the second factor (``OIDC_<NAME>_MFA_AMR``) replaces Waypoint's only when
its ID token's ``amr`` says it asked for one."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from accounts import roles
from tests.accounts.oidc.conftest import sign_in_at_provider, trust_provider_mfa
from tests.accounts.test_mfa_required import current_code, with_totp
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


@pytest.fixture
def trainer():
    return UserFactory(email="trainer@example.org", roles=[roles.TRAINERS])


def provider_knows(oidc, user, amr):
    oidc.person(f"sub-{user.pk}", amr=amr, email=user.email, email_verified=True)


def test_a_trainer_with_an_authenticator_gives_its_code_after_single_sign_on(client, oidc, trainer):
    secret = with_totp(trainer)
    provider_knows(oidc, trainer, ["pwd"])

    response = sign_in_at_provider(client, next_url="/admin/")

    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert SESSION_KEY not in client.session
    signed_in = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert signed_in["Location"] == "/admin/"
    assert client.session[SESSION_KEY] == str(trainer.pk)
    assert client.get("/admin/").status_code == 200


def test_a_trainer_without_one_must_set_one_up_before_the_admin(client, oidc, trainer):
    provider_knows(oidc, trainer, ["pwd", "mfa"])  # the provider is not trusted for it

    sign_in_at_provider(client)

    assert client.session[SESSION_KEY] == str(trainer.pk)
    assert client.get("/admin/")["Location"] == reverse("mfa_index")


def test_a_trusted_provider_that_asked_for_a_second_factor_replaces_waypoints(
    client, oidc, settings, trainer
):
    secret = with_totp(trainer)
    assert secret
    trust_provider_mfa(settings, "mfa", "hwk")
    provider_knows(oidc, trainer, ["pwd", "hwk"])

    response = sign_in_at_provider(client, next_url="/admin/")

    assert response["Location"] == "/admin/"
    assert client.session[SESSION_KEY] == str(trainer.pk)
    assert client.get("/admin/").status_code == 200


def test_a_trusted_provider_without_a_second_factor_this_time_is_not_enough(
    client, oidc, settings, trainer
):
    trust_provider_mfa(settings, "mfa")
    provider_knows(oidc, trainer, ["pwd"])

    sign_in_at_provider(client)

    assert client.session[SESSION_KEY] == str(trainer.pk)
    assert client.get("/admin/")["Location"] == reverse("mfa_index")


def test_a_later_password_sign_in_does_not_inherit_the_providers_factor(
    client, oidc, settings, trainer
):
    trust_provider_mfa(settings, "mfa")
    provider_knows(oidc, trainer, ["mfa"])
    sign_in_at_provider(client)
    assert client.get("/admin/").status_code == 200
    client.post(reverse("account_logout"))

    client.post(reverse("account_login"),
                {"login": trainer.email, "password": "correct-horse-battery"})  # fmt: skip

    assert client.session[SESSION_KEY] == str(trainer.pk)
    assert client.get("/admin/")["Location"] == reverse("mfa_index")
