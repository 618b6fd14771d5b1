"""Races on PostgreSQL: parallel starts, submits and enrolments, each thread on its own
database connection, released together by a barrier."""

import threading

import pytest
from django.db import connection

from assessments.models import Attempt, AttemptAnswer
from assessments.services import AttemptError, attempt_start, attempt_submit
from courses.models import Enrollment, ModulePage
from courses.services import EnrollmentError, enrollment_create
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, right_answers
from tests.factories.courses import make_course
from tests.services.conftest import _require_services

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PARALLEL = 20


def run_together(func, count=PARALLEL):
    """Call func in `count` threads at once; return (results, errors)."""
    barrier = threading.Barrier(count)
    results, errors, lock = [], [], threading.Lock()

    def worker():
        try:
            barrier.wait()
            value = func()
            with lock:
                results.append(value)
        except Exception as error:  # noqa: BLE001 - collected and asserted by the test
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


@pytest.fixture
def learner_in_quiz_course():
    _require_services()
    learner = UserFactory()
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(module=ModulePage.objects.child_of(course).get(), count=20, max_attempts=1)
    enrollment_create(user=learner, course=course)
    return learner, quiz


def test_twenty_parallel_starts_create_one_attempt(learner_in_quiz_course):
    learner, quiz = learner_in_quiz_course

    results, errors = run_together(lambda: attempt_start(user=learner, quiz=quiz).pk)

    assert errors == []
    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 1
    assert set(results) == {Attempt.objects.get().pk}
    print(f"\n{PARALLEL} parallel starts -> {Attempt.objects.count()} attempt")


def test_twenty_parallel_submits_grade_once(learner_in_quiz_course):
    learner, quiz = learner_in_quiz_course
    attempt = attempt_start(user=learner, quiz=quiz)
    answers = right_answers(attempt)

    results, errors = run_together(
        lambda: attempt_submit(attempt=attempt, responses=answers).submitted_at
    )

    assert errors == []
    assert len(set(results)) == 1  # every caller saw the one grading
    attempt.refresh_from_db()
    assert attempt.percent == 100
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 20
    with pytest.raises(AttemptError, match="used all your attempts"):
        attempt_start(user=learner, quiz=quiz)


def test_twenty_parallel_enrolments_make_one(learner_in_quiz_course):
    _require_services()
    learner = UserFactory()
    course = make_course(modules=1, lessons=1)

    def enrol():
        try:
            return enrollment_create(user=learner, course=course).pk
        except EnrollmentError:
            return None

    results, errors = run_together(enrol)

    assert errors == []
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1
    assert len([r for r in results if r]) == 1
