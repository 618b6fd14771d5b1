"""The lesson pages' read of a learner's enrolment and completed steps is one plain
statement (``courses.enrollment_read``, issue 19, P1): it must read what the ORM's
``Enrollment.objects.current()`` with its completions reads, for every learner."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.enrollment_read import current_enrollment_with_completed_keys
from courses.models import Enrollment
from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


def _by_the_orm(user, course):
    enrollment = Enrollment.objects.current().filter(user=user, course=course).first()
    if enrollment is None:
        return None, set()
    return enrollment, set(enrollment.completions.values_list("step_key", flat=True))


def _fields(enrollment):
    if enrollment is None:
        return None
    return {f.attname: getattr(enrollment, f.attname) for f in Enrollment._meta.concrete_fields}


def test_the_statement_reads_what_the_orm_reads(learner, other_learner):
    course, other_course = make_course(modules=1, lessons=3), make_course(modules=1, lessons=1)
    first, second, _ = lessons_of(course)
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=first)
    lesson_complete(user=learner, lesson=second)
    enrollment_create(user=other_learner, course=course)
    enrollment_create(user=other_learner, course=other_course)
    lesson_complete(user=other_learner, lesson=lessons_of(other_course)[0])
    stranger = UserFactory(email="stranger@example.org")
    # A cycle a recertification replaced is not current: neither reads it.
    replaced = UserFactory(email="replaced@example.org")
    old = enrollment_create(user=replaced, course=course)
    Enrollment.objects.filter(pk=old.pk).update(superseded_at=timezone.now())

    cases = [
        (learner, course),
        (other_learner, course),
        (other_learner, other_course),
        (learner, other_course),
        (stranger, course),
        (replaced, course),
    ]
    for user, a_course in cases:
        with CaptureQueriesContext(connection) as queries:
            enrollment, keys = current_enrollment_with_completed_keys(
                user_id=user.pk, course_id=a_course.pk
            )
        expected, expected_keys = _by_the_orm(user, a_course)
        assert len(queries) == 1
        assert keys == expected_keys
        assert _fields(enrollment) == _fields(expected)
    enrollment, keys = current_enrollment_with_completed_keys(
        user_id=learner.pk, course_id=course.pk
    )
    assert len(keys) == 2
    assert timezone.is_aware(enrollment.enrolled_at)
    assert enrollment._state.adding is False and enrollment._state.db == "default"


def test_the_enrolment_is_read_once_however_many_steps_are_done(learner):
    """The enrolment's columns (four timestamps, each costly to turn into a ``datetime``)
    come back in one row, not repeated beside each completed step."""
    from courses.enrollment_read import _statement

    course = make_course(modules=1, lessons=4)
    enrollment = enrollment_create(user=learner, course=course)
    for lesson in lessons_of(course)[:3]:
        lesson_complete(user=learner, lesson=lesson)

    statement = _statement("default")
    with connection.cursor() as cursor:
        cursor.execute(statement, [learner.pk, course.pk] * (statement.count("%s") // 2))
        rows = cursor.fetchall()

    enrolment_ids = [row[0] for row in rows if row[0] is not None]
    assert enrolment_ids == [enrollment.pk]
    assert len(rows) == 4  # the enrolment, then one row per completed step
    _, keys = current_enrollment_with_completed_keys(user_id=learner.pk, course_id=course.pk)
    assert len(keys) == 3
