import pytest
from django.contrib.auth.models import AnonymousUser

from courses.models import Enrollment
from courses.services import EnrollmentError, enrollment_create
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db


def test_a_learner_enrols_in_a_live_course(learner):
    course = make_course(modules=1, lessons=1)

    enrollment = enrollment_create(user=learner, course=course)

    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.enrolled_at is not None
    assert list(Enrollment.objects.values_list("user_id", "course_id")) == [(learner.id, course.id)]


def test_enrolling_twice_is_refused_and_keeps_one_enrolment(learner):
    course = make_course(modules=1, lessons=1)
    enrollment_create(user=learner, course=course)

    with pytest.raises(EnrollmentError, match="already enrolled"):
        enrollment_create(user=learner, course=course)

    assert Enrollment.objects.count() == 1


def test_an_unpublished_course_is_not_open(learner):
    course = make_course(modules=1, lessons=1)
    course.unpublish()

    with pytest.raises(EnrollmentError, match="not open"):
        enrollment_create(user=learner, course=course)

    assert not Enrollment.objects.exists()


def test_anonymous_visitors_cannot_enrol():
    course = make_course(modules=1, lessons=1)

    with pytest.raises(EnrollmentError):
        enrollment_create(user=AnonymousUser(), course=course)

    assert not Enrollment.objects.exists()
