"""An assignment is in the audit log (issue 13: services do the whole mutation): who assigned
which course to which unit or cohort, when due and how many it reached; an import, with its
counts and courses but no address or name from the file. A refused assignment logs
nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from enrolments.services.assignments import (
    AssignmentError,
    assignment_to_cohort,
    assignment_to_unit,
    due_at_for,
)
from enrolments.services.imports import assignment_import_csv_apply, assignment_import_csv_preview
from tests.factories.assignments import csv_bytes, make_cohort, make_manager, make_staff, make_tree
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + timedelta(days=30)


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def manager(tree):
    return make_manager(tree.police)


@pytest.fixture
def course(db):
    return make_course(modules=1, lessons=1, title="Border basics")


def _entries(action):
    return list(ModelLogEntry.objects.filter(action=action))


def test_a_unit_assignment_is_logged_on_the_unit(tree, manager, course):
    make_staff(tree.airport, count=2)

    assignment_to_unit(
        manager=manager, organisation=tree.police, course=course, due_at=due_at_for(DUE)
    )

    (entry,) = _entries("waypoint.assignment.unit")
    assert entry.user_id == manager.pk
    assert entry.object_id == str(tree.police.pk)
    assert entry.data["course_id"] == course.pk
    assert entry.data["due_at"] == due_at_for(DUE).isoformat()
    assert (entry.data["learners"], entry.data["to_enrol"]) == (2, 2)
    assert registry.get_action_label("waypoint.assignment.unit")


def test_a_cohort_assignment_is_logged_on_the_cohort(tree, manager, course):
    cohort = make_cohort("Airport intake", tree.airport, members=make_staff(tree.airport, 3))

    assignment_to_cohort(manager=manager, cohort=cohort, course=course, due_at=due_at_for(DUE))

    (entry,) = _entries("waypoint.assignment.cohort")
    assert (entry.object_id, entry.user_id) == (str(cohort.pk), manager.pk)
    assert entry.data["learners"] == 3


def test_a_refused_assignment_logs_nothing(tree, manager, course):
    make_staff(tree.integration)
    with pytest.raises(AssignmentError):
        assignment_to_unit(
            manager=manager, organisation=tree.integration, course=course, due_at=None
        )
    course.unpublish()
    with pytest.raises(AssignmentError):
        assignment_to_unit(manager=manager, organisation=tree.police, course=course, due_at=None)

    assert not ModelLogEntry.objects.filter(action__startswith="waypoint.assignment.").exists()


def test_an_import_is_logged_with_counts_and_no_address_or_name(tree, manager, course):
    make_staff(tree.airport, email="officer@example.org")
    rows = [
        ["officer@example.org", course.slug, DUE.isoformat(), "", ""],
        ["new@example.org", course.slug, DUE.isoformat(), "Nadia Benali", "airport-unit"],
    ]
    preview = assignment_import_csv_preview(manager=manager, file=csv_bytes(rows))

    assignment_import_csv_apply(manager=manager, token=preview.token)

    (entry,) = _entries("waypoint.assignment.import")
    assert (entry.object_id, entry.user_id) == (str(manager.pk), manager.pk)
    assert entry.data == {
        "rows": 2,
        "course_ids": [course.pk],
        "enrolled": 2,
        "updated": 0,
        "completed": 0,
        "invited": 1,
    }
    assert "example.org" not in str(entry.data) and "Nadia" not in str(entry.data)
