"""A manager's assignment enrols a learner with a due date, or moves the due date of the
enrolment they already have; a finished course is left alone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Enrollment
from courses.services import EnrollmentError, enrollment_assign, enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return make_course(modules=1, lessons=1)


def test_assigning_enrols_the_learner_with_the_due_date_and_the_manager(course):
    learner, manager = UserFactory(), UserFactory()
    due = timezone.now() + timedelta(days=30)

    enrollment, created = enrollment_assign(
        user=learner, course=course, due_at=due, assigned_by=manager
    )

    assert created
    assert (enrollment.due_at, enrollment.assigned_by) == (due, manager)


def test_assigning_again_moves_the_due_date_without_a_second_enrolment(course):
    learner, manager = UserFactory(), UserFactory()
    enrollment_create(user=learner, course=course)
    due = timezone.now() + timedelta(days=7)

    enrollment, created = enrollment_assign(
        user=learner, course=course, due_at=due, assigned_by=manager
    )

    assert not created
    assert Enrollment.objects.filter(user=learner).count() == 1
    enrollment.refresh_from_db()
    assert enrollment.due_at == due and enrollment.assigned_by == manager


def test_a_completed_course_keeps_its_record(course):
    learner, manager = UserFactory(), UserFactory()
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])

    enrollment, created = enrollment_assign(
        user=learner, course=course, due_at=timezone.now(), assigned_by=manager
    )

    assert not created and enrollment.is_completed
    assert enrollment.due_at is None and enrollment.assigned_by is None


def test_an_unpublished_course_cannot_be_assigned(course):
    course.unpublish()

    with pytest.raises(EnrollmentError, match="not open"):
        enrollment_assign(user=UserFactory(), course=course, due_at=None, assigned_by=UserFactory())

    assert not Enrollment.objects.exists()
