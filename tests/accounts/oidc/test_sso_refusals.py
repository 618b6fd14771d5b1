"""Single sign-on that must not work (issue 14, item 2), against the real provider: the person
refuses, the provider's token is signed with a key Waypoint does not trust or altered on the
way, the state is forged; and an address the provider has not verified never reaches an
existing account (account takeover), while a verified one signs in to it."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY
from django.core import mail

from accounts.models import SsoClaimRule, User
from tests.accounts.oidc.conftest import CALLBACK_PATH, PROVIDER_ID, sign_in_at_provider
from tests.factories.accounts import UserFactory, make_organisation

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # the UserFactory password
REFUSED = "Waypoint could not sign you in with Ministry ID"


@pytest.fixture
def unit_rule():
    unit = make_organisation("Border Police")
    return SsoClaimRule.objects.create(provider_id=PROVIDER_ID, claim="department",
                                       value="border", unit=unit,
                                       placement=SsoClaimRule.Placement.PLACE)  # fmt: skip


def nothing_happened(client, user_count: int = 0) -> None:
    assert SESSION_KEY not in client.session
    assert User.objects.count() == user_count
    assert not SocialAccount.objects.exists()


def test_a_person_who_refuses_at_the_provider_is_not_signed_in(client, oidc, unit_rule):
    oidc.person("refuser", deny=True, email="refuser@example.org", email_verified=True)

    response = sign_in_at_provider(client)

    assert response.status_code == 302
    cancelled = client.get(response["Location"])
    assert "You did not allow Waypoint to use your organisation" in cancelled.content.decode()
    nothing_happened(client)


def test_a_token_signed_with_a_key_waypoint_does_not_trust_is_refused(client, oidc, unit_rule):
    oidc.person("mallory", mode="rogue_jwks", email="mallory@example.org",
                email_verified=True, department="border")  # fmt: skip

    response = sign_in_at_provider(client)

    assert response.status_code == 401
    assert REFUSED in response.content.decode()
    nothing_happened(client)


def test_an_id_token_altered_after_signing_is_refused(client, oidc, settings):
    """Someone on the way adds a second factor that never happened to the ID token: without
    the signature check (allauth skips it for tokens from the token endpoint) a trusted
    ``amr`` would have let a staff member into the admin without any second factor."""
    trainer = UserFactory(email="trainer@example.org", roles=["Trainers"])
    settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]["settings"]["mfa_amr"] = ["mfa"]
    oidc.person("trainer-sub", mode="tamper_id_token", email=trainer.email, email_verified=True)

    response = sign_in_at_provider(client)

    assert response.status_code == 401
    assert REFUSED in response.content.decode()
    nothing_happened(client, user_count=1)


def test_a_forged_state_is_refused(client, oidc):
    oidc.person("amina", email="amina@example.org", email_verified=True)
    client.post(f"/accounts/oidc/{PROVIDER_ID}/login/?process=login")

    response = client.get(CALLBACK_PATH, {"code": "made-up", "state": "forged-state"})

    assert response.status_code == 401
    assert REFUSED in response.content.decode()
    nothing_happened(client)


def test_an_error_from_the_provider_is_refused_with_a_message(client, oidc):
    started = client.post(f"/accounts/oidc/{PROVIDER_ID}/login/?process=login")
    state = dict(part.split("=", 1) for part in started["Location"].split("?", 1)[1].split("&"))[
        "state"
    ]

    response = client.get(CALLBACK_PATH, {"error": "server_error", "state": state})

    assert response.status_code == 401
    assert REFUSED in response.content.decode()
    nothing_happened(client)


def test_an_unverified_address_never_signs_in_to_the_account_that_has_it(client, oidc):
    """Account takeover: someone sets the victim's address at a provider that does not
    verify it. Waypoint neither signs them in to the victim's account nor links it, creates
    no second account, and the victim's password still works."""
    victim = UserFactory(email="victim@example.org", roles=["Learners"])
    oidc.person("attacker-sub", email="victim@example.org", email_verified=False)

    response = sign_in_at_provider(client)

    assert response.status_code == 302
    assert not response["Location"].startswith("/learning")
    nothing_happened(client, user_count=1)
    victim.refresh_from_db()
    assert victim.has_usable_password()
    assert client.login(email=victim.email, password=PASSWORD)


def test_an_unverified_address_as_a_string_does_not_count_as_verified(client, oidc):
    victim = UserFactory(email="victim@example.org", roles=["Learners"])
    oidc.person("attacker-sub", email=victim.email, email_verified="maybe")

    sign_in_at_provider(client)

    nothing_happened(client, user_count=1)


def test_a_verified_address_signs_in_to_the_local_account_and_links_it(client, oidc, unit_rule):
    local = UserFactory(email="amina@example.org", roles=["Learners"])
    oidc.person("amina-sub", email="Amina@Example.org", email_verified=True, department="border")

    response = sign_in_at_provider(client)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(local.pk)
    assert SocialAccount.objects.get(user=local).uid == "amina-sub"
    local.refresh_from_db()
    assert local.organisation == unit_rule.unit  # the claims apply to linked accounts too
    assert User.objects.count() == 1


def test_a_new_person_with_an_unverified_address_must_confirm_it_first(client, oidc):
    oidc.person("newcomer", email="newcomer@example.org", email_verified=False)

    response = sign_in_at_provider(client)

    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert SESSION_KEY not in client.session
    assert [m.to for m in mail.outbox] == [["newcomer@example.org"]]
