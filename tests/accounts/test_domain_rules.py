"""Sign-up and a unit (issue 14, items 1, 3 and 6): the optional unit on the sign-up form,
e-mail domain rules that place a verified address directly or ask the unit's managers, the
administrators' screen for the rules, and the optional list of domains allowed to sign up."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.models import MembershipRequest, UnitDomainRule, User
from tests.factories.approvals import administrator, make_tree, manager_of, person_in

pytestmark = pytest.mark.django_db

PASSWORD = "Border-Crossing-2031"
RULES = "/admin/unit-domain-rules/"


@pytest.fixture
def tree():
    return make_tree()


@pytest.fixture
def border_manager(tree):
    return manager_of(tree.border_police, email="chief@example.org")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def sign_up(client, email, **fields):
    data = {"full_name": "Amina Diallo", "email": email, "password1": PASSWORD}
    data["password2"] = PASSWORD
    return client.post(reverse("account_signup"), {**data, **fields})


def confirm(client, committed):
    """Follow the link of the last confirmation mail, as the person would."""
    (message,) = [m for m in mail.outbox if "/accounts/confirm-email/" in m.body]
    mail.outbox.clear()
    path = re.search(r"/accounts/confirm-email/[^/\s]+/", message.body).group(0)
    with committed():
        return client.post(path)


def rule(domain, unit, mode):
    return UnitDomainRule.objects.create(domain=domain, unit=unit, mode=mode)


# --- choosing a unit at sign-up ------------------------------------------------------------


def test_a_unit_chosen_at_sign_up_is_a_request_told_once_the_address_is_confirmed(
    client, tree, border_manager, committed
):
    with committed():
        response = sign_up(client, "amina@example.org", organisation=tree.airport.pk)

    assert response.status_code == 302
    amina = User.objects.get(email="amina@example.org")
    assert amina.organisation is None
    request = MembershipRequest.objects.get(user=amina)
    assert (request.unit, request.status) == (tree.airport, "pending")
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]  # only the link to confirm

    confirm(client, committed)

    assert [m.to for m in mail.outbox] == [[border_manager.email]]
    amina.refresh_from_db()
    assert amina.organisation is None  # still waiting for the managers
    profile = client.get("/accounts/profile/").content.decode()
    assert "was sent to the managers of Border Police" in profile


def test_the_sign_up_form_offers_the_units_and_no_unit_is_fine(client, tree):
    page = client.get(reverse("account_signup")).content.decode()
    assert "Your unit (optional)" in page and "Airport Unit" in page

    sign_up(client, "amina@example.org")

    assert User.objects.get(email="amina@example.org").organisation is None
    assert not MembershipRequest.objects.exists()


@pytest.mark.parametrize("unit", ["999999", "not-a-number"])
def test_an_unknown_unit_at_sign_up_is_refused_and_creates_nothing(client, unit):
    response = sign_up(client, "amina@example.org", organisation=unit)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(email="amina@example.org").exists()


# --- e-mail domain rules -------------------------------------------------------------------


def test_a_place_rule_puts_a_verified_address_in_the_unit(client, tree, committed):
    rule("border.gov.example", tree.airport, UnitDomainRule.Mode.PLACE)
    sign_up(client, "Amina@Border.Gov.Example")
    amina = User.objects.get(email="amina@border.gov.example")
    assert amina.organisation is None  # not before the address is proved

    confirm(client, committed)

    amina.refresh_from_db()
    assert amina.organisation == tree.airport
    entry = ModelLogEntry.objects.get(action="waypoint.membership.domain_rule")
    assert entry.data["rule"] == "border.gov.example"
    assert (entry.data["from"], entry.data["to"]["code"]) == (None, tree.airport.code)
    assert mail.outbox == []  # nobody to ask


def test_a_request_rule_asks_the_units_managers(client, tree, border_manager, committed):
    rule("border.gov.example", tree.land_border, UnitDomainRule.Mode.REQUEST)
    sign_up(client, "amina@border.gov.example")

    confirm(client, committed)

    amina = User.objects.get(email="amina@border.gov.example")
    assert amina.organisation is None
    request = MembershipRequest.objects.get(user=amina)
    assert (request.unit, request.status) == (tree.land_border, "pending")
    assert [m.to for m in mail.outbox] == [[border_manager.email]]


def test_a_unit_chosen_at_sign_up_goes_before_a_request_rule(client, tree, committed):
    rule("border.gov.example", tree.land_border, UnitDomainRule.Mode.REQUEST)
    sign_up(client, "amina@border.gov.example", organisation=tree.airport.pk)

    confirm(client, committed)

    requests = MembershipRequest.objects.filter(user__email="amina@border.gov.example")
    assert [(r.unit, r.status) for r in requests] == [(tree.airport, "pending")]


def test_a_place_rule_for_the_unit_chosen_settles_the_request(client, tree, committed):
    rule("border.gov.example", tree.airport, UnitDomainRule.Mode.PLACE)
    sign_up(client, "amina@border.gov.example", organisation=tree.airport.pk)

    confirm(client, committed)

    amina = User.objects.get(email="amina@border.gov.example")
    assert amina.organisation == tree.airport
    assert MembershipRequest.objects.get(user=amina).status == "approved"


def test_other_domains_and_people_with_a_unit_are_left_alone(tree, committed):
    from accounts.services import membership_address_verified

    rule("border.gov.example", tree.airport, UnitDomainRule.Mode.PLACE)
    elsewhere = person_in(None, email="amina@elsewhere.example")
    placed = person_in(tree.integration, email="omar@border.gov.example")
    subdomain = person_in(None, email="lina@airport.border.gov.example")

    for person in (elsewhere, placed, subdomain):
        membership_address_verified(user=person, email=person.email)
        person.refresh_from_db()

    assert (elsewhere.organisation, placed.organisation, subdomain.organisation) == (
        None,
        tree.integration,
        None,
    )


# --- the administrators' screen ------------------------------------------------------------


def test_an_administrator_adds_a_rule_and_the_domain_is_tidied(client, tree):
    client.force_login(administrator())

    response = client.post(
        f"{RULES}new/",
        {"domain": " @Border.Gov.Example ", "unit": tree.airport.pk, "mode": "place"},
    )

    assert response.status_code == 302, response.context["form"].errors
    added = UnitDomainRule.objects.get()
    assert (added.domain, added.unit, added.mode) == ("border.gov.example", tree.airport, "place")
    assert "border.gov.example" in client.get(RULES).content.decode()


@pytest.mark.parametrize("domain", ["someone@border.gov.example", "not a domain", "", "a..b"])
def test_a_malformed_domain_is_refused(client, tree, domain):
    client.force_login(administrator())

    response = client.post(
        f"{RULES}new/", {"domain": domain, "unit": tree.airport.pk, "mode": "place"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["domain"]
    assert not UnitDomainRule.objects.exists()


def test_a_manager_cannot_make_rules(client, tree, border_manager):
    client.force_login(border_manager)

    listing = client.get(RULES)
    response = client.post(
        f"{RULES}new/", {"domain": "border.gov.example", "unit": tree.airport.pk, "mode": "place"}
    )

    assert listing.status_code == 302 and response.status_code == 302
    assert response["Location"] == "/admin/"
    assert not UnitDomainRule.objects.exists()


# --- domains allowed to sign up ------------------------------------------------------------


def test_sign_up_from_a_domain_not_allowed_is_refused_with_a_clear_message(client, settings):
    settings.SIGNUP_ALLOWED_EMAIL_DOMAINS = ["border.gov.example", "interior.gov.example"]

    response = sign_up(client, "amina@gmail.example")

    assert response.status_code == 200
    assert (
        "Only addresses at border.gov.example, interior.gov.example can sign up here."
        in response.content.decode()
    )
    assert not User.objects.filter(email="amina@gmail.example").exists()
    assert mail.outbox == []


def test_sign_up_from_an_allowed_domain_goes_ahead(client, settings):
    settings.SIGNUP_ALLOWED_EMAIL_DOMAINS = ["Border.Gov.Example"]

    response = sign_up(client, "amina@border.gov.example")

    assert response.status_code == 302
    assert User.objects.filter(email="amina@border.gov.example").exists()


def test_with_no_list_anyone_may_sign_up(client, settings):
    settings.SIGNUP_ALLOWED_EMAIL_DOMAINS = []

    assert sign_up(client, "amina@anywhere.example").status_code == 302
