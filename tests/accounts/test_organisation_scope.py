"""The one organisation scope every report, export, assignment and approval goes through."""

import pytest

from accounts import roles
from accounts.selectors import organisation_scope_for
from accounts.services import manager_set_units
from courses.models import Enrollment
from courses.services import enrollment_create
from tests.factories.accounts import UserFactory, make_organisation
from tests.factories.courses import make_course
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    ministry = make_organisation("Ministry of Interior", code="moi")
    police = make_organisation("Border Police", parent=ministry, code="bp")
    airport = make_organisation("Airport Unit", parent=police, code="airport")
    land = make_organisation("Land Border Unit", parent=police, code="land")
    labour = make_organisation("Ministry of Labour", code="labour")
    return {"moi": ministry, "bp": police, "airport": airport, "land": land, "labour": labour}


def _manager_of(*units):
    manager = UserFactory(roles=[roles.MANAGERS])
    manager_set_units(manager=manager, organisations=list(units))
    return manager


def test_a_manager_sees_the_subtrees_of_their_units_and_nothing_else(tree):
    in_airport = UserFactory(organisation=tree["airport"])
    in_land = UserFactory(organisation=tree["land"])
    in_labour = UserFactory(organisation=tree["labour"])
    without_unit = UserFactory(organisation=None)

    scope = organisation_scope_for(_manager_of(tree["bp"]))

    assert set(scope.users()) == {in_airport, in_land}
    assert in_labour not in scope.users() and without_unit not in scope.users()
    assert set(scope.organisations()) == {tree["bp"], tree["airport"], tree["land"]}


def test_a_manager_of_two_units_sees_both_and_nested_units_count_once(tree):
    scope = organisation_scope_for(_manager_of(tree["airport"], tree["labour"], tree["bp"]))

    assert scope.paths == tuple(sorted([tree["bp"].path, tree["labour"].path]))
    assert set(scope.organisations()) == {tree["bp"], tree["airport"], tree["land"], tree["labour"]}


def test_narrowing_to_a_unit_outside_the_scope_gives_nothing(tree):
    scope = organisation_scope_for(_manager_of(tree["airport"]))
    UserFactory(organisation=tree["land"])

    assert scope.narrow_to(tree["land"]).is_empty
    assert not scope.narrow_to(tree["bp"]).users().exists()  # the parent is outside too
    assert scope.narrow_to(tree["airport"]).paths == (tree["airport"].path,)


def test_the_scope_filters_other_models_through_their_learner(tree):
    course = make_course(modules=1, lessons=1)
    inside = enrollment_create(user=UserFactory(organisation=tree["airport"]), course=course)
    enrollment_create(user=UserFactory(organisation=tree["labour"]), course=course)

    scope = organisation_scope_for(_manager_of(tree["bp"]))

    assert list(Enrollment.objects.filter(scope.q("user__organisation"))) == [inside]


@pytest.mark.parametrize("role", [roles.LEARNERS, roles.TRAINERS, roles.LEAD_TRAINERS])
def test_people_without_the_manager_role_see_nothing_even_if_linked_to_a_unit(tree, role):
    person = UserFactory(roles=[role], organisation=tree["bp"])
    person.managed_organisations.add(tree["bp"])
    UserFactory(organisation=tree["airport"])

    scope = organisation_scope_for(person)

    assert scope.is_empty and not scope.users().exists()


def test_a_manager_without_units_sees_nothing(tree):
    UserFactory(organisation=tree["airport"])

    scope = organisation_scope_for(UserFactory(roles=[roles.MANAGERS]))

    assert scope.is_empty and not scope.users().exists()


def test_administrators_see_everything(tree):
    without_unit = UserFactory(organisation=None)

    scope = organisation_scope_for(UserFactory(roles=[roles.ADMINISTRATORS]))

    assert scope.everything and without_unit in scope.users()
    assert scope.contains(tree["labour"]) and scope.contains(None)


def test_inactive_managers_see_nothing(tree):
    manager = _manager_of(tree["bp"])
    manager.is_active = False
    manager.save(update_fields=["is_active"])

    assert organisation_scope_for(manager).is_empty


def test_working_out_a_managers_scope_takes_two_queries(tree):
    manager = _manager_of(tree["airport"], tree["land"], tree["labour"])

    with assert_queries(2):
        organisation_scope_for(manager)


def test_setting_a_managers_units_gives_the_manager_role(tree):
    person = UserFactory(roles=[roles.LEARNERS])

    manager_set_units(manager=person, organisations=[tree["land"]])

    assert person.groups.filter(name=roles.MANAGERS).exists()
    assert organisation_scope_for(person).contains(tree["land"])
