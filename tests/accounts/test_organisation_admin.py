"""Organisation management in the Wagtail admin: administrators shape the whole tree and
name managers; a manager sees their subtree and moves people between its units, nothing
else, whatever ids they type."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts import roles
from accounts.models import Organisation
from accounts.selectors import organisation_scope_for
from accounts.services import cohort_create, cohort_set_members, organisation_create
from tests.factories.accounts import UserFactory
from tests.factories.approvals import administrator, make_tree, manager_of, person_in
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db

INDEX = reverse("organisations:index")
HOME = reverse("wagtailadmin_home")


def detail(unit):
    return reverse("organisations:detail", args=[unit.pk])


@pytest.fixture
def tree():
    return make_tree()


@pytest.fixture
def manager(tree):
    return manager_of(tree.border_police, email="chief@example.org")


@pytest.fixture
def admin():
    return administrator(email="admin@example.org")


def names_on(page: str, tree) -> set[str]:
    all_names = {
        tree.interior.name,
        tree.border_police.name,
        tree.airport.name,
        tree.land_border.name,
        tree.labour.name,
        tree.integration.name,
    }
    return {name for name in all_names if name in page}


# --- seeing the tree -------------------------------------------------------------------------


def test_an_administrator_sees_the_whole_tree(client, tree, admin):
    client.force_login(admin)

    page = client.get(INDEX).content.decode()

    assert len(names_on(page, tree)) == 6
    assert reverse("organisations:add") in page


def test_a_manager_sees_their_subtree_only(client, tree, manager):
    client.force_login(manager)

    page = client.get(INDEX).content.decode()

    assert names_on(page, tree) == {"Border Police", "Airport Unit", "Land Border Unit"}
    assert reverse("organisations:add") not in page


def test_the_tree_lists_people_and_managers(client, tree, manager, admin):
    person_in(tree.airport)
    person_in(tree.airport)
    client.force_login(admin)

    response = client.get(INDEX)

    rows = {unit.name: unit for unit in response.context["object_list"]}
    assert rows["Airport Unit"].member_count == 2
    assert rows["Border Police"].manager_names == str(manager)


def test_a_unit_outside_the_scope_is_a_404(client, tree, manager):
    client.force_login(manager)

    assert client.get(detail(tree.integration)).status_code == 404
    assert client.get(detail(tree.interior)).status_code == 404
    assert client.get(detail(tree.airport)).status_code == 200


def test_people_without_a_scope_are_refused(client, tree):
    client.force_login(UserFactory(roles=[roles.TRAINERS]))

    for url in (INDEX, detail(tree.airport)):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, HOME)


@pytest.mark.parametrize("units", [0, 6])
def test_the_tree_costs_the_same_queries_however_big(client, tree, admin, units):
    for n in range(units):
        unit = organisation_create(name=f"Post {n}", code=f"post-{n}", parent=tree.airport)
        manager_of(unit)
        person_in(unit)
    client.force_login(admin)
    client.get(INDEX)

    with assert_queries(13):
        client.get(INDEX)


# --- moving people ---------------------------------------------------------------------------


def test_a_manager_moves_people_between_units_of_their_scope(client, tree, manager):
    moving = person_in(tree.airport, full_name="Samir Haddad")
    staying = person_in(tree.airport, full_name="Lina Odeh")
    client.force_login(manager)
    assert "Samir Haddad" in client.get(detail(tree.airport)).content.decode()

    response = client.post(
        detail(tree.airport), {"people": [moving.pk], "target": tree.land_border.pk}, follow=True
    )

    assert "Moved 1 person to Land Border Unit" in response.content.decode()
    moving.refresh_from_db()
    staying.refresh_from_db()
    assert (moving.organisation, staying.organisation) == (tree.land_border, tree.airport)
    entry = ModelLogEntry.objects.get(action="waypoint.organisation.move_person")
    assert (entry.user, entry.object_id) == (manager, str(moving.pk))


def test_a_manager_cannot_move_anyone_out_of_their_scope(client, tree, manager):
    person = person_in(tree.airport)
    client.force_login(manager)

    response = client.post(
        detail(tree.airport), {"people": [person.pk], "target": tree.integration.pk}
    )

    assert response.status_code == 400
    person.refresh_from_db()
    assert person.organisation == tree.airport


def test_a_crafted_person_from_another_unit_is_refused(client, tree, manager):
    outsider = person_in(tree.integration)
    client.force_login(manager)

    response = client.post(
        detail(tree.airport), {"people": [outsider.pk], "target": tree.land_border.pk}
    )

    assert response.status_code == 400
    outsider.refresh_from_db()
    assert outsider.organisation == tree.integration


def test_moving_nobody_says_what_to_do(client, tree, manager):
    person_in(tree.airport)
    client.force_login(manager)

    response = client.post(detail(tree.airport), {"target": tree.land_border.pk})

    assert response.status_code == 400
    assert "Tick the people to move" in response.content.decode()


def test_moving_someone_takes_them_out_of_cohorts_they_no_longer_belong_to(client, tree, manager):
    person = person_in(tree.airport)
    airport_intake = cohort_create(name="2026 airport intake", organisation=tree.airport)
    all_border = cohort_create(name="Border Police 2026", organisation=tree.border_police)
    cohort_set_members(cohort=airport_intake, members=[person])
    cohort_set_members(cohort=all_border, members=[person])
    client.force_login(manager)

    client.post(detail(tree.airport), {"people": [person.pk], "target": tree.land_border.pk})

    assert list(person.cohorts.values_list("name", flat=True)) == ["Border Police 2026"]


# --- administrators shape the tree -----------------------------------------------------------


def test_an_administrator_adds_a_unit(client, tree, admin):
    client.force_login(admin)

    response = client.post(
        reverse("organisations:add"),
        {
            "name": "Seaport Unit",
            "code": "seaport",
            "country": "jo",
            "parent": tree.border_police.pk,
        },
    )

    unit = Organisation.objects.get(code="seaport")
    assert response["Location"] == detail(unit)
    assert (unit.get_parent(), unit.country) == (tree.border_police, "JO")
    # the Border Police manager sees the new unit at once
    assert organisation_scope_for(manager_of(tree.border_police)).contains(unit)


def test_a_duplicate_code_is_refused(client, tree, admin):
    client.force_login(admin)

    response = client.post(
        reverse("organisations:add"), {"name": "Another", "code": "airport-unit", "parent": ""}
    )

    assert response.status_code == 400
    assert "already has this code" in response.content.decode()
    assert Organisation.objects.count() == 6


def test_an_administrator_moves_a_unit_with_its_people(client, tree, admin):
    person = person_in(tree.land_border)
    border_manager = manager_of(tree.border_police)
    client.force_login(admin)

    client.post(
        reverse("organisations:edit", args=[tree.land_border.pk]),
        {"name": "Land Border Unit", "code": "land-border-unit", "parent": tree.labour.pk},
    )

    tree.land_border.refresh_from_db()
    assert tree.land_border.get_parent() == tree.labour
    person.refresh_from_db()
    assert organisation_scope_for(manager_of(tree.labour)).contains(person.organisation)
    assert not organisation_scope_for(border_manager).contains(person.organisation)


def test_a_unit_cannot_move_below_itself(client, tree, admin):
    client.force_login(admin)

    response = client.post(
        reverse("organisations:edit", args=[tree.border_police.pk]),
        {"name": "Border Police", "code": "border-police", "parent": tree.airport.pk},
    )

    assert response.status_code == 400
    tree.border_police.refresh_from_db()
    assert tree.border_police.get_parent() == tree.interior


def test_renaming_keeps_siblings_in_name_order(client, tree, admin):
    client.force_login(admin)

    client.post(
        reverse("organisations:edit", args=[tree.land_border.pk]),
        {"name": "Aaa Land Border", "code": "land-border-unit", "parent": tree.border_police.pk},
    )

    children = list(tree.border_police.get_children().values_list("name", flat=True))
    assert children == ["Aaa Land Border", "Airport Unit"]


def test_a_manager_cannot_add_edit_or_delete_units(client, tree, manager):
    client.force_login(manager)

    add = client.post(
        reverse("organisations:add"),
        {"name": "Rogue", "code": "rogue", "parent": tree.border_police.pk},
    )
    edit = client.post(
        reverse("organisations:edit", args=[tree.airport.pk]),
        {"name": "Renamed", "code": "airport-unit", "parent": tree.border_police.pk},
    )
    delete = client.post(reverse("organisations:delete", args=[tree.land_border.pk]))

    assert [r["Location"] for r in (add, edit, delete)] == [HOME] * 3
    assert Organisation.objects.count() == 6
    assert Organisation.objects.filter(name="Renamed").count() == 0


def test_only_an_empty_unit_can_be_deleted(client, tree, admin):
    person_in(tree.airport)
    client.force_login(admin)

    refused = client.post(reverse("organisations:delete", args=[tree.airport.pk]), follow=True)
    client.post(reverse("organisations:delete", args=[tree.land_border.pk]))

    assert "Only an empty unit can be deleted" in refused.content.decode()
    assert Organisation.objects.filter(pk=tree.airport.pk).exists()
    assert not Organisation.objects.filter(pk=tree.land_border.pk).exists()
    assert not ModelLogEntry.objects.filter(action="wagtail.delete", object_id=tree.airport.pk)


# --- managers of a unit ----------------------------------------------------------------------


def test_an_administrator_makes_someone_a_manager(client, tree, admin):
    newcomer = person_in(tree.airport, email="newchief@example.org")
    client.force_login(admin)

    client.post(
        reverse("organisations:managers", args=[tree.airport.pk]),
        {"email": "NewChief@example.org"},
    )

    assert list(newcomer.managed_organisations.all()) == [tree.airport]
    assert newcomer.groups.filter(name=roles.MANAGERS).exists()
    client.force_login(newcomer)
    assert client.get(detail(tree.airport)).status_code == 200
    assert client.get(detail(tree.land_border)).status_code == 404


def test_an_unknown_address_is_refused(client, tree, admin):
    client.force_login(admin)

    response = client.post(
        reverse("organisations:managers", args=[tree.airport.pk]), {"email": "nobody@example.org"}
    )

    assert response.status_code == 400
    assert "No account has this e-mail address" in response.content.decode()


def test_an_administrator_removes_a_manager(client, tree, admin, manager):
    client.force_login(admin)

    client.post(
        reverse("organisations:managers", args=[tree.border_police.pk]), {"remove": manager.pk}
    )

    assert not manager.managed_organisations.exists()
    assert organisation_scope_for(manager).is_empty
    assert ModelLogEntry.objects.filter(action="waypoint.organisation.remove_manager").exists()


def test_a_manager_cannot_change_managers(client, tree, manager):
    intruder = person_in(tree.airport)
    client.force_login(manager)

    response = client.post(
        reverse("organisations:managers", args=[tree.airport.pk]), {"email": intruder.email}
    )

    assert response["Location"] == HOME
    assert not intruder.managed_organisations.exists()


@pytest.mark.parametrize("name", ["add", "edit", "delete", "managers", "detail"])
def test_every_tree_screen_opens_for_an_administrator(client, tree, admin, name):
    client.force_login(admin)
    url = reverse(f"organisations:{name}", args=[] if name == "add" else [tree.airport.pk])

    response = client.get(url)

    assert response.status_code == 200
    assert "Airport Unit" in response.content.decode()
