"""Cohorts in the admin: managers create and edit the cohorts of their scope and choose
members from their scope only."""

import pytest
from django.urls import reverse

from accounts import roles
from accounts.models import Cohort
from accounts.services import cohort_create, cohort_set_members
from tests.factories.accounts import UserFactory
from tests.factories.approvals import administrator, make_tree, manager_of, person_in
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db

INDEX = reverse("cohorts:index")
ADD = reverse("cohorts:add")


def members_url(cohort):
    return reverse("cohorts:members", args=[cohort.pk])


@pytest.fixture
def tree():
    return make_tree()


@pytest.fixture
def manager(tree):
    return manager_of(tree.border_police, email="chief@example.org")


@pytest.fixture
def intake(tree):
    return cohort_create(name="2026 airport intake", organisation=tree.airport)


def test_a_manager_creates_a_cohort_in_their_scope(client, tree, manager):
    client.force_login(manager)

    response = client.post(
        ADD,
        {"name": " 2026  airport intake ", "organisation": tree.airport.pk, "description": ""},
    )

    cohort = Cohort.objects.get()
    assert response["Location"] == members_url(cohort)
    assert (cohort.name, cohort.organisation) == ("2026 airport intake", tree.airport)


def test_a_unit_outside_the_scope_is_not_a_choice(client, tree, manager):
    client.force_login(manager)

    response = client.post(ADD, {"name": "Sneaky", "organisation": tree.integration.pk})

    assert response.status_code == 400
    assert not Cohort.objects.exists()


def test_a_duplicate_name_is_refused(client, tree, manager, intake):
    client.force_login(manager)

    response = client.post(ADD, {"name": "2026 Airport Intake", "organisation": tree.airport.pk})

    assert response.status_code == 400
    assert "already has this name" in response.content.decode()
    assert Cohort.objects.count() == 1


def test_managers_see_the_cohorts_of_their_scope_only(client, tree, manager, intake):
    cohort_create(name="Integration officers", organisation=tree.integration)
    client.force_login(manager)

    page = client.get(INDEX).content.decode()

    assert "2026 airport intake" in page
    assert "Integration officers" not in page


def test_another_scopes_cohort_is_a_404(client, tree, intake):
    other = manager_of(tree.labour)
    client.force_login(other)

    assert client.get(members_url(intake)).status_code == 404
    assert client.post(members_url(intake), {"add": "x@example.org"}).status_code == 404
    assert client.post(reverse("cohorts:delete", args=[intake.pk])).status_code == 404
    assert Cohort.objects.filter(pk=intake.pk).exists()


def test_adding_and_removing_members_by_email(client, tree, manager, intake):
    staying = person_in(tree.airport, email="samir@example.org")
    leaving = person_in(tree.airport, email="lina@example.org")
    joining = person_in(tree.airport, email="amina@example.org")
    cohort_set_members(cohort=intake, members=[staying, leaving])
    client.force_login(manager)

    response = client.post(
        members_url(intake), {"remove": [leaving.pk], "add": "Amina@example.org"}, follow=True
    )

    assert "Members of 2026 airport intake saved" in response.content.decode()
    assert set(intake.members.all()) == {staying, joining}


def test_people_outside_the_managers_scope_cannot_be_added(client, tree, manager, intake):
    outsider = person_in(tree.integration, email="outsider@example.org")
    client.force_login(manager)

    response = client.post(members_url(intake), {"add": "outsider@example.org"})

    assert response.status_code == 400
    assert "Nobody in your organisation has these addresses" in response.content.decode()
    assert outsider not in intake.members.all()


def test_members_must_come_from_the_cohorts_unit(client, tree, manager, intake):
    """Land Border Unit is in the manager's scope but not below the airport."""
    person_in(tree.land_border, email="land@example.org")
    samir = person_in(tree.airport, email="samir@example.org")
    client.force_login(manager)

    response = client.post(members_url(intake), {"add": "samir@example.org land@example.org"})

    assert response.status_code == 400
    assert "land@example.org" in response.content.decode()
    assert not intake.members.exists()  # all or nothing: Samir was not added either
    assert samir.cohorts.count() == 0


def test_an_invalid_address_is_named(client, manager, intake):
    client.force_login(manager)

    response = client.post(members_url(intake), {"add": "not-an-address"})

    assert response.status_code == 400
    assert "Not e-mail addresses: not-an-address" in response.content.decode()


def test_giving_a_cohort_to_a_unit_its_members_are_outside_is_refused(
    client, tree, manager, intake
):
    cohort_set_members(cohort=intake, members=[person_in(tree.airport)])
    client.force_login(manager)

    response = client.post(
        reverse("cohorts:edit", args=[intake.pk]),
        {"name": intake.name, "organisation": tree.land_border.pk},
    )

    assert response.status_code == 400
    assert "outside Land Border Unit" in response.content.decode()
    intake.refresh_from_db()
    assert intake.organisation == tree.airport


def test_a_cohort_can_move_up_to_a_parent_unit(client, tree, manager, intake):
    cohort_set_members(cohort=intake, members=[person_in(tree.airport)])
    client.force_login(manager)

    client.post(
        reverse("cohorts:edit", args=[intake.pk]),
        {"name": "Border Police 2026", "organisation": tree.border_police.pk},
    )

    intake.refresh_from_db()
    assert (intake.name, intake.organisation) == ("Border Police 2026", tree.border_police)
    assert intake.members.count() == 1


def test_deleting_a_cohort_keeps_the_people(client, tree, manager, intake):
    person = person_in(tree.airport)
    cohort_set_members(cohort=intake, members=[person])
    client.force_login(manager)

    client.post(reverse("cohorts:delete", args=[intake.pk]))

    assert not Cohort.objects.exists()
    person.refresh_from_db()
    assert person.organisation == tree.airport


def test_an_administrator_sees_every_cohort(client, tree, intake):
    cohort_create(name="Integration officers", organisation=tree.integration)
    client.force_login(administrator())

    page = client.get(INDEX).content.decode()

    assert "2026 airport intake" in page and "Integration officers" in page


def test_people_without_a_scope_are_refused(client, intake):
    client.force_login(UserFactory(roles=[roles.TRAINERS]))

    for url in (INDEX, members_url(intake), ADD):
        assert client.get(url)["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("cohorts", [1, 6])
def test_the_listing_costs_the_same_queries_however_many_cohorts(client, tree, manager, cohorts):
    for n in range(cohorts):
        cohort = cohort_create(name=f"Intake {n}", organisation=tree.airport)
        cohort_set_members(cohort=cohort, members=[person_in(tree.airport)])
    client.force_login(manager)
    client.get(INDEX)

    with assert_queries(12):
        client.get(INDEX)


@pytest.mark.parametrize("name", ["add", "edit", "delete", "members"])
def test_every_cohort_screen_opens_for_a_manager(client, manager, intake, name):
    client.force_login(manager)
    url = reverse(f"cohorts:{name}", args=[] if name == "add" else [intake.pk])

    response = client.get(url)

    assert response.status_code == 200
    expected = "Airport Unit" if name == "add" else "2026 airport intake"  # the unit to choose
    assert expected in response.content.decode()
