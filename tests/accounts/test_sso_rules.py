"""Single sign-on without a provider running: the providers read from the environment
(config.oidc), how claims are compared with the rules, and the administrators' screen for the
rules (issue 14, item 2). The flows against a real provider are in tests/accounts/oidc/."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts import roles
from accounts.models import SsoClaimRule
from accounts.selectors import claim_values
from config.oidc import oidc_apps_from_env, oidc_origins
from tests.factories.approvals import administrator, make_tree, manager_of

RULES = "/admin/sso-rules/"
MINISTRY = {
    "OIDC_PROVIDERS": "ministry",
    "OIDC_MINISTRY_SERVER_URL": "https://idp.interior.gov.example/realms/staff",
    "OIDC_MINISTRY_CLIENT_ID": "waypoint",
    "OIDC_MINISTRY_SECRET": "s3cret",
    "OIDC_MINISTRY_NAME": "Interior ID",
}


def apps_from(monkeypatch, **values):
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return oidc_apps_from_env(environ.Env())


# --- configuration ---------------------------------------------------------------------------


def test_no_providers_by_default(monkeypatch):
    monkeypatch.delenv("OIDC_PROVIDERS", raising=False)

    assert oidc_apps_from_env(environ.Env()) == []


def test_a_provider_is_read_from_its_variables(monkeypatch):
    (app,) = apps_from(monkeypatch, **MINISTRY, OIDC_MINISTRY_MFA_AMR="mfa, hwk")

    assert app["provider_id"] == "ministry" and app["name"] == "Interior ID"
    assert app["client_id"] == "waypoint" and app["secret"] == "s3cret"
    assert app["settings"]["server_url"] == MINISTRY["OIDC_MINISTRY_SERVER_URL"]
    assert app["settings"]["mfa_amr"] == ["mfa", "hwk"]
    assert app["settings"]["email_authentication"] is True


@pytest.mark.parametrize("missing", ["OIDC_MINISTRY_SERVER_URL", "OIDC_MINISTRY_SECRET"])
def test_a_listed_provider_without_its_settings_stops_the_site(monkeypatch, missing):
    values = {**MINISTRY, missing: ""}

    with pytest.raises(ImproperlyConfigured, match=missing):
        apps_from(monkeypatch, **values)


@pytest.mark.parametrize(
    "url",
    ["http://idp.interior.gov.example", "http://localhost.evil.example", "ftp://idp.example"],
)
def test_only_https_or_this_machine_is_accepted(monkeypatch, url):
    with pytest.raises(ImproperlyConfigured, match="https"):
        apps_from(monkeypatch, **{**MINISTRY, "OIDC_MINISTRY_SERVER_URL": url})


def test_the_sign_in_button_may_post_on_to_the_providers(monkeypatch):
    """The Content-Security-Policy's form-action must let the button's redirect reach the
    provider, or browsers stop it (the test client does not)."""
    apps = apps_from(
        monkeypatch,
        **{
            **MINISTRY,
            "OIDC_PROVIDERS": "ministry,agency",
            "OIDC_AGENCY_SERVER_URL": "https://login.example/t/v2.0",
            "OIDC_AGENCY_CLIENT_ID": "w",
            "OIDC_AGENCY_SECRET": "s",
        },
    )

    assert oidc_origins(apps) == ["https://idp.interior.gov.example", "https://login.example"]


@pytest.mark.parametrize("name", ["Ministry/../x", "a b", "-x"])
def test_a_provider_name_that_cannot_be_part_of_an_address_is_refused(monkeypatch, name):
    with pytest.raises(ImproperlyConfigured, match="not a valid name"):
        apps_from(monkeypatch, OIDC_PROVIDERS=name)


# --- claims against rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "name", "expected"),
    [
        ({"department": "border"}, "department", {"border"}),
        ({"groups": ["a", "b", {"x": 1}]}, "groups", {"a", "b"}),
        ({"realm_access": {"roles": ["trainer"]}}, "realm_access.roles", {"trainer"}),
        ({"staff": True}, "staff", {"true"}),
        ({"grade": 7}, "grade", {"7"}),
        ({"department": "border"}, "department.name", set()),
        ({}, "department", set()),
    ],
)
def test_claim_values(claims, name, expected):
    assert claim_values(claims, name) == expected


# --- the administrators' screen --------------------------------------------------------------


@pytest.fixture
def configured(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"APPS": [{"provider_id": "ministry", "name": "Interior ID",
                                     "client_id": "w", "secret": "s",
                                     "settings": {"server_url": "https://idp.example"}}]}
    }  # fmt: skip


@pytest.mark.django_db
def test_an_administrator_adds_a_rule_for_a_configured_provider(client, configured):
    tree = make_tree()
    client.force_login(administrator())
    form = client.get(RULES + "new/").content.decode()
    assert "Interior ID (ministry)" in form

    response = client.post(RULES + "new/", {
        "provider_id": "ministry", "claim": " department ", "value": " border ",
        "unit": tree.border_police.pk, "placement": "place", "role": roles.TRAINERS,
        "priority": 10,
    })  # fmt: skip

    assert response.status_code == 302
    rule = SsoClaimRule.objects.get()
    assert (rule.claim, rule.value, rule.unit, rule.role) == (
        "department",
        "border",
        tree.border_police,
        roles.TRAINERS,
    )
    assert "Border Police" in client.get(RULES).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"unit": "", "role": ""}, "Choose a unit, a role, or both."),
        ({"provider_id": "elsewhere"}, "Select a valid choice"),
        ({"claim": "two words"}, "Enter a claim name such as department or groups."),
        ({"role": roles.ADMINISTRATORS}, "Select a valid choice"),
        ({"value": "  "}, "This field is required"),
    ],
)
def test_a_rule_that_cannot_work_is_refused_with_a_message(client, configured, fields, message):
    tree = make_tree()
    client.force_login(administrator())
    data = {"provider_id": "ministry", "claim": "department", "value": "border",
            "unit": tree.border_police.pk, "placement": "request", "role": "",
            "priority": 100}  # fmt: skip

    response = client.post(RULES + "new/", {**data, **fields})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SsoClaimRule.objects.exists()


@pytest.mark.django_db
def test_a_second_rule_for_the_same_claim_and_value_is_refused(client, configured):
    tree = make_tree()
    SsoClaimRule.objects.create(provider_id="ministry", claim="department", value="border",
                                unit=tree.airport)  # fmt: skip
    client.force_login(administrator())

    response = client.post(RULES + "new/", {
        "provider_id": "ministry", "claim": "department", "value": "border",
        "unit": tree.border_police.pk, "placement": "request", "role": "", "priority": 1,
    })  # fmt: skip

    assert "Another rule already covers this claim and value." in response.content.decode()
    assert SsoClaimRule.objects.count() == 1


@pytest.mark.django_db
def test_managers_cannot_see_or_add_rules(client, configured):
    tree = make_tree()
    client.force_login(manager_of(tree.interior))

    assert client.get(RULES).status_code in (302, 403)
    client.post(RULES + "new/", {"provider_id": "ministry", "claim": "department",
                                 "value": "border", "unit": tree.interior.pk,
                                 "placement": "place", "role": roles.LEAD_TRAINERS,
                                 "priority": 1})  # fmt: skip
    assert not SsoClaimRule.objects.exists()
