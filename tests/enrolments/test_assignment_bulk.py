"""Assigning a course to a unit (its whole subtree) or a cohort, through the services: who
is enrolled, whose due date moves, who is left alone, and the manager's scope."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from courses.models import Enrollment
from courses.services import BULK_BATCH_SIZE, enrollment_create, enrollments_assign_bulk
from enrolments.services.assignments import (
    AssignmentError,
    AssignmentSummary,
    assignment_summary,
    assignment_to_cohort,
    assignment_to_unit,
    due_at_for,
)
from tests.factories.accounts import UserFactory
from tests.factories.assignments import (
    complete,
    make_cohort,
    make_manager,
    make_staff,
    make_tree,
)
from tests.factories.courses import make_course
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db

DUE_AT = due_at_for(timezone.localdate() + timedelta(days=30))


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def manager(tree):
    return make_manager(tree.police)


@pytest.fixture
def course(db):
    return make_course(modules=1, lessons=1, title="Border basics")


def _assigned(course):
    return {
        e.user.email: (e.status, e.due_at, e.assigned_by_id)
        for e in Enrollment.objects.current().filter(course=course).select_related("user")
    }


def test_a_unit_assignment_reaches_its_whole_subtree_and_nobody_else(tree, manager, course):
    (chief,) = make_staff(tree.police, email="chief@example.org")
    (airport,) = make_staff(tree.airport, email="airport@example.org")
    (land,) = make_staff(tree.land, email="land@example.org")
    make_staff(tree.integration, email="labour@example.org")
    make_staff(tree.interior, email="ministry@example.org")  # above the manager's unit
    make_staff(tree.airport, email="disabled@example.org", is_active=False)
    enrollment_create(user=land, course=course)
    complete(chief, course)

    summary = assignment_summary(manager=manager, course=course, organisation=tree.police)
    assert summary == AssignmentSummary(learners=3, to_enrol=1, to_update=1, completed=1)
    result = assignment_to_unit(
        manager=manager, organisation=tree.police, course=course, due_at=DUE_AT
    )

    assert result == summary
    assigned = _assigned(course)
    assert set(assigned) == {"chief@example.org", "airport@example.org", "land@example.org"}
    assert assigned["airport@example.org"] == ("active", DUE_AT, manager.pk)
    assert assigned["land@example.org"] == ("active", DUE_AT, manager.pk)
    assert assigned["chief@example.org"][0:2] == ("completed", None)
    assert airport.enrollments.get().assigned_by == manager


def test_a_sub_unit_gets_only_its_own_people(tree, manager, course):
    make_staff(tree.airport, count=2)
    make_staff(tree.land, email="land@example.org")

    result = assignment_to_unit(
        manager=manager, organisation=tree.airport, course=course, due_at=DUE_AT
    )

    assert result.to_enrol == 2
    assert "land@example.org" not in _assigned(course)


def test_assigning_again_moves_the_due_date(tree, manager, course):
    make_staff(tree.airport, count=2)
    assignment_to_unit(manager=manager, organisation=tree.airport, course=course, due_at=DUE_AT)
    later = DUE_AT + timedelta(days=14)

    result = assignment_to_unit(
        manager=manager, organisation=tree.airport, course=course, due_at=later
    )

    assert (result.to_enrol, result.to_update) == (0, 2)
    assert {due for _s, due, _by in _assigned(course).values()} == {later}
    assert Enrollment.objects.count() == 2


def test_a_cohort_assignment_reaches_its_active_members(tree, manager, course):
    inside = make_staff(tree.airport, count=2)
    (disabled,) = make_staff(tree.land, email="disabled@example.org", is_active=False)
    make_staff(tree.airport, email="not.a.member@example.org")
    cohort = make_cohort("2026 border intake", tree.police, [*inside, disabled])

    summary = assignment_summary(manager=manager, course=course, cohort=cohort)
    result = assignment_to_cohort(manager=manager, cohort=cohort, course=course, due_at=DUE_AT)

    assert summary == result == AssignmentSummary(2, 2, 0, 0, left_out=1)
    assert set(_assigned(course)) == {user.email for user in inside}


def test_a_manager_of_a_sub_unit_cannot_assign_the_cohort_of_the_unit_above(tree, course):
    airport_manager = make_manager(tree.airport)
    cohort = make_cohort("Border police intake", tree.police, make_staff(tree.airport, count=2))

    with pytest.raises(AssignmentError, match="not in your organisation"):
        assignment_to_cohort(manager=airport_manager, cohort=cohort, course=course, due_at=DUE_AT)
    assert not Enrollment.objects.exists()


def test_units_and_cohorts_outside_the_scope_are_refused_and_nothing_is_written(
    tree, manager, course
):
    make_staff(tree.integration, count=2)
    cohort = make_cohort("Labour intake", tree.labour, make_staff(tree.labour))

    for organisation in (tree.labour, tree.integration, tree.interior):
        with pytest.raises(AssignmentError, match="not in your organisation"):
            assignment_to_unit(
                manager=manager, organisation=organisation, course=course, due_at=DUE_AT
            )
        with pytest.raises(AssignmentError, match="not in your organisation"):
            assignment_summary(manager=manager, course=course, organisation=organisation)
    with pytest.raises(AssignmentError, match="not in your organisation"):
        assignment_to_cohort(manager=manager, cohort=cohort, course=course, due_at=DUE_AT)

    assert not Enrollment.objects.exists()


def test_an_administrator_may_assign_anywhere(tree, course):
    admin = UserFactory(roles=["Administrators"])
    make_staff(tree.integration, count=3)

    result = assignment_to_unit(
        manager=admin, organisation=tree.labour, course=course, due_at=DUE_AT
    )

    assert result.to_enrol == 3


@pytest.mark.parametrize("roles", [["Trainers"], ["Learners"], ["Managers"]])
def test_people_without_units_cannot_assign(tree, course, roles):
    make_staff(tree.airport)
    user = UserFactory(roles=roles)

    with pytest.raises(AssignmentError, match="manage no organisation unit"):
        assignment_to_unit(manager=user, organisation=tree.airport, course=course, due_at=DUE_AT)
    assert not Enrollment.objects.exists()


def test_an_unpublished_course_or_a_past_date_is_refused(tree, manager, course):
    make_staff(tree.airport)

    with pytest.raises(AssignmentError, match="in the past"):
        assignment_to_unit(
            manager=manager,
            organisation=tree.airport,
            course=course,
            due_at=timezone.now() - timedelta(days=1),
        )
    course.unpublish()
    with pytest.raises(AssignmentError, match="not published"):
        assignment_to_unit(manager=manager, organisation=tree.airport, course=course, due_at=None)
    assert not Enrollment.objects.exists()


# PostgreSQL takes an advisory lock so that two bulk assignments of a course take turns.
TURN_TAKING = 1 if connection.vendor == "postgresql" else 0


def test_the_bulk_service_takes_a_fixed_number_of_queries_per_batch(tree, manager, course):
    """Per batch: a SELECT of current enrolments, an INSERT, an UPDATE per due date."""
    people = make_staff(tree.airport, count=6)
    enrollment_create(user=people[0], course=course)
    complete(people[1], course)
    due_dates = {user.pk: DUE_AT for user in people}

    with assert_queries(5 + TURN_TAKING):  # savepoint, (lock), select, insert, update, release
        counts = enrollments_assign_bulk(course=course, due_dates=due_dates, assigned_by=manager)

    assert counts == {"created": 4, "updated": 1, "completed": 1, "unchanged": 0}
    assert BULK_BATCH_SIZE >= 500
    with assert_queries(3 + TURN_TAKING):  # nothing new or to change: the select alone
        counts = enrollments_assign_bulk(course=course, due_dates=due_dates, assigned_by=manager)
    assert counts == {"created": 0, "updated": 0, "completed": 1, "unchanged": 5}
