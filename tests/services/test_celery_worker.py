"""Background work on the real stack: the task crosses Redis to a worker process, which
writes to PostgreSQL; delivering it twice changes nothing."""

import pytest
from django.urls import reverse

from courses.models import Enrollment
from courses.services import enrollment_create, lesson_complete
from courses.tasks import refresh_course_completion
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course
from tests.services.conftest import wait_for

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_unpublishing_a_lesson_completes_enrolments_through_the_worker(celery_worker_process):
    learner = UserFactory()
    course = make_course(modules=1, lessons=3)
    enrollment = enrollment_create(user=learner, course=course)
    for lesson in lessons_of(course)[:2]:
        lesson_complete(user=learner, lesson=lesson)

    lessons_of(course)[2].unpublish()  # commits; the task is queued on commit

    def completed():
        enrollment.refresh_from_db()
        return enrollment.status == Enrollment.Status.COMPLETED

    assert wait_for(completed), "the worker did not complete the enrolment within 30 s"


def test_a_task_delivered_twice_changes_nothing_the_second_time(celery_worker_process):
    learner = UserFactory()
    course = make_course(modules=1, lessons=2)
    enrollment = enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    lessons_of(course)[1].unpublish()

    def completed_at():
        enrollment.refresh_from_db()
        return enrollment.completed_at

    first_completion = wait_for(completed_at)
    assert first_completion is not None

    again = [refresh_course_completion.delay(course.id) for _ in range(2)]

    assert [result.get(timeout=30) for result in again] == [[], []]
    assert completed_at() == first_completion


def test_readyz_reports_the_real_broker(celery_worker_process, client):
    response = client.get(reverse("readyz"))

    assert response.status_code == 200
    assert response.json()["broker"] == "ok"
    assert response.json()["status"] == "ok"


def test_completion_is_certified_once_by_the_worker_even_when_delivered_twice(
    celery_worker_process,
):
    from certificates.models import Certificate
    from certificates.tasks import issue_certificate

    learner = UserFactory(full_name="Worker Test")
    course = make_course(modules=1, lessons=1)
    enrollment = enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])  # commits; the event queues

    certificate = wait_for(lambda: Certificate.objects.filter(enrollment=enrollment).first())
    assert certificate is not None, "the worker issued no certificate within 30 s"
    again = [issue_certificate.delay(enrollment.pk) for _ in range(2)]

    assert [result.get(timeout=60) for result in again] == [certificate.code] * 2
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    certificate.refresh_from_db()
    assert certificate.pdf_sha256 and certificate.emailed_at
