"""Single sign-on against a real OpenID Connect provider (issue 14, item 2): the button on the
sign-in page, the whole authorization-code flow, a first sign-in creating the account in the
unit and role the claims lead to, and a later sign-in with a changed claim moving the person,
at once or by a request, as the rules say."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY
from wagtail.models import ModelLogEntry

from accounts import roles
from accounts.models import MembershipRequest, SsoClaimRule, User
from tests.accounts.oidc.conftest import PROVIDER_ID, sign_in_at_provider
from tests.factories.approvals import make_tree, manager_of

pytestmark = pytest.mark.django_db

PLACE, REQUEST = SsoClaimRule.Placement.PLACE, SsoClaimRule.Placement.REQUEST


@pytest.fixture
def tree():
    return make_tree()


def sso_rule(claim, value, *, unit=None, placement=PLACE, role="", priority=100):
    return SsoClaimRule.objects.create(
        provider_id=PROVIDER_ID, claim=claim, value=value, unit=unit, placement=placement,
        role=role, priority=priority,
    )  # fmt: skip


def amina(oidc, **claims):
    """Amina, as the provider knows her: a verified address and her department."""
    defaults = {"email": "amina@border.gov.example", "email_verified": True,
                "name": "Amina  Diallo"}  # fmt: skip
    oidc.person("amina-sub-1", **{**defaults, **claims})


def signed_in_user(client) -> User | None:
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


# --- the button ------------------------------------------------------------------------------


def test_the_sign_in_page_offers_each_configured_provider(client, oidc):
    page = client.get("/accounts/login/").content.decode()

    assert "Sign in with Ministry ID" in page
    assert f'action="/accounts/oidc/{PROVIDER_ID}/login/?process=login"' in page


def test_without_providers_the_sign_in_page_is_the_password_form_alone(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}

    page = client.get("/accounts/login/").content.decode()

    assert "Sign in with" not in page
    assert client.post(f"/accounts/oidc/{PROVIDER_ID}/login/").status_code == 404


def test_the_button_is_translated(client, oidc):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    assert "Sign in with Ministry ID" not in page
    assert "Ministry ID" in page


# --- a first sign-in -------------------------------------------------------------------------


def test_a_first_sign_in_creates_the_account_in_the_unit_and_role_of_the_claims(client, oidc, tree):
    sso_rule("department", "border-police", unit=tree.border_police, placement=PLACE)
    sso_rule("groups", "trainers", role=roles.TRAINERS)
    amina(oidc, department="border-police", groups=["staff", "trainers"])

    response = sign_in_at_provider(client, next_url="/accounts/profile/")

    assert response.status_code == 302 and response["Location"] == "/accounts/profile/"
    user = signed_in_user(client)
    assert user.email == "amina@border.gov.example"
    assert user.full_name == "Amina Diallo"
    assert user.organisation == tree.border_police
    assert set(user.groups.values_list("name", flat=True)) == {roles.LEARNERS, roles.TRAINERS}
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    assert SocialAccount.objects.get(user=user).uid == "amina-sub-1"
    placed = ModelLogEntry.objects.get(
        object_id=str(user.pk), action="waypoint.membership.sso_rule"
    )
    assert placed.data["to"]["code"] == tree.border_police.code
    assert placed.data["rule"] == f"{PROVIDER_ID}: department = border-police"
    assert placed.user is None
    assert ModelLogEntry.objects.filter(
        object_id=str(user.pk), action="waypoint.user.roles", data__added=[roles.TRAINERS]
    ).exists()
    # The profile shows where they belong.
    assert "Border Police" in client.get("/accounts/profile/").content.decode()


def test_a_rule_that_awaits_approval_files_a_request_for_the_units_managers(client, oidc, tree):
    manager_of(tree.border_police, email="chief@example.org")
    sso_rule("department", "border-police", unit=tree.border_police, placement=REQUEST)
    amina(oidc, department="border-police")

    sign_in_at_provider(client)

    user = signed_in_user(client)
    assert user.organisation is None  # until a manager approves
    request = MembershipRequest.objects.get(user=user)
    assert request.unit == tree.border_police and request.is_pending
    assert request.deciders_told_at is not None  # the provider verified the address


def test_the_first_matching_rule_decides_the_unit(client, oidc, tree):
    sso_rule("groups", "airport", unit=tree.airport, priority=10)
    sso_rule("groups", "border-police", unit=tree.border_police, priority=20)
    amina(oidc, groups=["border-police", "airport"])

    sign_in_at_provider(client)

    assert signed_in_user(client).organisation == tree.airport


def test_claims_inside_objects_and_numbers_match(client, oidc, tree):
    sso_rule("realm_access.roles", "land", unit=tree.land_border)
    amina(oidc, realm_access={"roles": ["land", "offline_access"]})

    sign_in_at_provider(client)

    assert signed_in_user(client).organisation == tree.land_border


def test_no_matching_rule_leaves_a_new_person_in_no_unit(client, oidc, tree):
    sso_rule("department", "labour", unit=tree.labour)
    amina(oidc, department="border-police")

    sign_in_at_provider(client)

    user = signed_in_user(client)
    assert user.organisation is None
    assert list(user.groups.values_list("name", flat=True)) == [roles.LEARNERS]
    assert not MembershipRequest.objects.exists()


def test_a_rule_of_another_provider_does_not_apply(client, oidc, tree):
    SsoClaimRule.objects.create(provider_id="other", claim="department", value="border-police",
                                unit=tree.border_police, placement=PLACE)  # fmt: skip
    amina(oidc, department="border-police")

    sign_in_at_provider(client)

    assert signed_in_user(client).organisation is None


# --- later sign-ins: a changed claim ---------------------------------------------------------


def sign_out(client):
    client.post("/accounts/logout/")
    assert SESSION_KEY not in client.session


def test_a_changed_claim_moves_the_person_when_the_rule_places_directly(client, oidc, tree):
    sso_rule("department", "airport", unit=tree.airport, placement=PLACE)
    sso_rule("department", "land", unit=tree.land_border, placement=PLACE)
    amina(oidc, department="airport")
    sign_in_at_provider(client)
    user = signed_in_user(client)
    assert user.organisation == tree.airport
    sign_out(client)

    amina(oidc, department="land")
    sign_in_at_provider(client)

    user.refresh_from_db()
    assert signed_in_user(client) == user  # the same account, found by the provider's subject
    assert user.organisation == tree.land_border
    moves = ModelLogEntry.objects.filter(
        object_id=str(user.pk), action="waypoint.membership.sso_rule"
    ).order_by("timestamp", "pk")
    assert [(m.data["from"], m.data["to"]["code"]) for m in moves] == [
        (None, tree.airport.code),
        ({"id": tree.airport.pk, "code": tree.airport.code, "name": tree.airport.name},
         tree.land_border.code),
    ]  # fmt: skip


def test_a_changed_claim_files_a_request_when_the_rule_says_so(client, oidc, tree):
    sso_rule("department", "airport", unit=tree.airport, placement=PLACE)
    sso_rule("department", "labour", unit=tree.integration, placement=REQUEST)
    amina(oidc, department="airport")
    sign_in_at_provider(client)
    sign_out(client)

    amina(oidc, department="labour")
    sign_in_at_provider(client)
    user = signed_in_user(client)

    assert user.organisation == tree.airport  # still there until a manager decides
    request = MembershipRequest.objects.get(user=user, status=MembershipRequest.Status.PENDING)
    assert request.unit == tree.integration
    # Signing in again with the same claim files no second request.
    sign_out(client)
    sign_in_at_provider(client)
    assert MembershipRequest.objects.filter(user=user).count() == 1


def test_an_unchanged_claim_changes_nothing(client, oidc, tree):
    sso_rule("department", "airport", unit=tree.airport, placement=PLACE)
    amina(oidc, department="airport")
    sign_in_at_provider(client)
    sign_out(client)

    sign_in_at_provider(client)

    user = signed_in_user(client)
    assert (
        ModelLogEntry.objects.filter(
            object_id=str(user.pk), action="waypoint.membership.sso_rule"
        ).count()
        == 1
    )
