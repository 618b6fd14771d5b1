"""Joining a unit (issue 14): a new learner signs up choosing their unit, confirms their
address and sees who decides; the unit's manager approves from the admin; the learner now
sees their unit, and the manager's report counts them."""

import pytest
from playwright.sync_api import expect

from accounts.models import MembershipRequest, User
from accounts.services import manager_set_units
from tests.e2e.journeys import confirm_address_from_mail, sign_up
from tests.factories.accounts import UserFactory, make_organisation

PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "Border-Crossing-2031"
EMAIL = "nadia.karimi@example.org"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_learner_joins_a_unit_once_its_manager_approves(
    page, new_page, live_server, step, mailoutbox
):
    ministry = make_organisation("Ministry of Interior", code="e2e-moi")
    police = make_organisation("Border Police", parent=ministry, code="e2e-bp")
    make_organisation("Airport Unit", parent=police, code="e2e-airport")
    manager = UserFactory(email="okafor@example.org", full_name="Daniel Okafor")
    manager_set_units(manager=manager, organisations=[police])
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))

    with step("sign-up-choosing-a-unit"):
        sign_up(
            page,
            live_server.url,
            full_name="Nadia Karimi",
            email=EMAIL,
            password=NEW_PASSWORD,
            unit="Airport Unit",
        )
        confirm_address_from_mail(page, live_server.url, mailoutbox, EMAIL)

    with step("learner-sees-who-decides"):
        page.goto(live_server.url + "/accounts/profile/")
        expect(page.get_by_text("You asked to join Airport Unit.")).to_be_visible()
        expect(page.get_by_text("was sent to the managers of Border Police")).to_be_visible()
        expect(page.get_by_text("You do not belong to a unit yet.")).to_be_visible()
        assert [m.to for m in mailoutbox[1:]] == [[manager.email]]

    admin = new_page()
    with step("manager-approves"):
        admin.goto(live_server.url + "/accounts/login/?next=/admin/")
        admin.get_by_label("Email").fill(manager.email)
        admin.get_by_label("Password").fill(PASSWORD)
        admin.get_by_role("button", name="Sign In").click()
        admin.get_by_role("link", name="Unit requests").click()
        admin.get_by_role("link", name=f"Nadia Karimi · {EMAIL}").click()
        admin.get_by_label("Note to the person").fill("Welcome to the airport team.")
        admin.get_by_role("button", name="Approve").click()
        expect(
            admin.get_by_text("Approved: Nadia Karimi is now a member of Airport Unit")
        ).to_be_visible()

    with step("learner-sees-their-unit"):
        page.reload()
        expect(page.get_by_text("You belong to Airport Unit.", exact=False)).to_be_visible()
        expect(page.get_by_label("Ask to move to another unit")).to_be_visible()

    nadia = User.objects.get(email=EMAIL)
    assert nadia.organisation.name == "Airport Unit"
    assert MembershipRequest.objects.get(user=nadia).status == "approved"
    assert mailoutbox[-1].to == [EMAIL]
