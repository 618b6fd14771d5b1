"""Requests that go wrong on the real stack: gunicorn serving the site from PostgreSQL, tasks
on Redis, a Celery worker where the outcome depends on one.

1. The database connection of a request is cut while the request writes (an answer, a
   submit, an enrolment, a finished lesson). A second connection holds a lock on the table
   the request is about to write, so that the request waits there; the test then terminates
   the request's backend (``pg_terminate_backend``). The learner gets a "try again" page,
   nothing was written, and the next request, served by the same process, succeeds once.
2. The same quiz form posted twice, at the same moment (released by a barrier) and one after
   the other: one attempt, one grading, one completion, one certificate.
3. The same enrolment, request for a place and bulk assignment posted twice: no duplicate.
"""

import re
import time
import uuid
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.utils import timezone
from django_celery_results.models import TaskResult

from assessments.models import Attempt, AttemptAnswer
from assessments.services import attempt_start
from certificates.models import Certificate
from courses.models import Enrollment, EnrollmentRequest, ModulePage, StepCompletion
from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.approvals import approval_course, person_in
from tests.factories.assessments import make_quiz, right_answers
from tests.factories.assignments import make_manager, make_staff, make_tree
from tests.factories.courses import lessons_of, make_course
from tests.services.conftest import _require_services, running_server, running_worker, wait_for
from tests.services.faults import (
    Stack,
    _answer_save,
    _cut_off_the_request_writing_to,
    _enrolment,
    _quiz_submit,
    _step_complete,
    messages_shown,
    post_together,
    signed_in,
    statuses,
)

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# --- the stack ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def one_process_server(django_db_setup, django_db_blocker):
    """One gunicorn process with one thread: the request after a failed one is served by the
    same process, which must notice that its database connection is gone."""
    with django_db_blocker.unblock():
        _require_services()
    queue = f"waypoint-test-faults-{uuid.uuid4().hex[:8]}"
    with running_server(workers=1, threads=1, queue=queue) as url:
        yield Stack(url, queue)
    redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(queue)


@pytest.fixture(scope="module")
def racing_stack(django_db_setup, django_db_blocker):
    """Two gunicorn processes of two threads each, so that two requests are served at the
    same time, and a Celery worker on the same private queue."""
    with django_db_blocker.unblock():
        _require_services()
    queue = f"waypoint-test-races-{uuid.uuid4().hex[:8]}"
    worker_env = {"WAYPOINT_TEST_QUEUE": queue}
    with (
        running_server(workers=2, threads=2, queue=queue) as url,
        running_worker("tests.services.private_queue_app", queue=queue, extra_env=worker_env),
    ):
        yield Stack(url, queue)


# --- 1. a database connection dropped mid-request -------------------------------------------


@pytest.mark.parametrize("make_write", [_answer_save, _quiz_submit, _enrolment, _step_complete])
def test_a_request_whose_database_connection_is_cut_saves_nothing_and_the_next_one_works(
    one_process_server, make_write
):
    stack = one_process_server
    redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(stack.queue)
    learner, write = make_write(stack)
    browser = signed_in(learner, stack)
    assert browser.get("/learning/").status_code == 200  # a healthy connection to lose
    before = write.rows()

    cut, terminated = _cut_off_the_request_writing_to(
        write.table, lambda: browser.post(write.path, write.data, **write.headers)
    )
    after_cut = write.rows()
    retried = browser.post(write.path, write.data, **write.headers)
    after_retry = write.rows()
    again = browser.post(write.path, write.data, **write.headers)

    print(
        f"\n{write.name}: 3 requests, {terminated} backend terminated mid-request; "
        f"cut off -> {cut.status_code}, retry -> {retried.status_code}, "
        f"repeat -> {again.status_code}\n  rows before: {before}\n  after the cut: "
        f"{after_cut}\n  after the retry: {after_retry}\n  after the repeat: {write.rows()}"
    )
    assert terminated == 1
    assert cut.status_code == 503
    assert "was not saved" in cut.text
    assert after_cut == before
    assert retried.status_code in (200, 302)
    assert after_retry != before
    assert write.rows() == after_retry  # the repeat changed nothing: nothing twice


def test_the_try_again_answer_to_a_background_save_is_json(one_process_server):
    learner, write = _answer_save(one_process_server)
    browser = signed_in(learner, one_process_server)

    cut, _ = _cut_off_the_request_writing_to(
        write.table, lambda: browser.post(write.path, write.data, **write.headers)
    )

    assert cut.status_code == 503
    assert cut.json()["saved"] is False
    assert "try again" in cut.json()["error"]


# --- 2. double-submitted quiz forms ---------------------------------------------------------


def _quiz_course_ready_to_pass(learner):
    """A course whose last step is its quiz: passing it completes the course."""
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(module=ModulePage.objects.child_of(course).get(), count=3, max_attempts=3)
    enrollment = enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    return quiz, enrollment


GRADING = "assessments.tasks.record_quiz_pass"
ISSUE_CERTIFICATE = "certificates.tasks.issue_certificate"


def _tasks(name: str) -> int:
    return TaskResult.objects.filter(task_name=name).count()


def _settled(stack: Stack, enrollment, settle: float = 3.0) -> bool:
    """The certificate is issued and mailed, its task has finished, the queue is empty and
    no task has finished for ``settle`` seconds."""
    issued = Certificate.objects.filter(enrollment=enrollment, emailed_at__isnull=False)
    if not wait_for(lambda: issued.exists() and _tasks(ISSUE_CERTIFICATE), timeout=90):
        return False
    last, quiet_since = None, time.monotonic()
    while time.monotonic() - quiet_since < settle:
        state = (TaskResult.objects.count(), stack.queued())
        if state != last or state[1]:
            last, quiet_since = state, time.monotonic()
        time.sleep(0.2)
    return True


@pytest.mark.parametrize("how", ["at once", "one after the other"])
def test_a_double_submitted_quiz_is_graded_once_and_certified_once(racing_stack, how):
    learner = UserFactory()
    quiz, enrollment = _quiz_course_ready_to_pass(learner)
    attempt = attempt_start(user=learner, quiz=quiz)
    data = {f"q{key}": value for key, value in right_answers(attempt).items()}
    data["finish"] = "confirmed"  # as the summary's "Submit all and finish" posts it
    browser = signed_in(learner, racing_stack)
    path = f"/learning/attempts/{attempt.pk}/submit/"

    if how == "at once":
        responses = post_together(browser, path, data)
    else:
        responses = [browser.post(path, data), browser.post(path, data)]
    assert _settled(racing_stack, enrollment), "no certificate within 90 seconds"

    attempts = Attempt.objects.filter(user=learner, quiz=quiz)
    figures = {
        "responses": statuses(responses),
        "attempts": attempts.count(),
        "graded": attempts.filter(status=Attempt.Status.SUBMITTED).count(),
        "grading tasks": _tasks(GRADING),
        "quiz completions": StepCompletion.objects.filter(step_key=quiz.step_key).count(),
        "certificate tasks": _tasks(ISSUE_CERTIFICATE),
        "certificates": Certificate.objects.filter(enrollment=enrollment).count(),
    }
    print(f"\n2 submits {how} -> " + ", ".join(f"{k}: {v}" for k, v in figures.items()))
    result_url = f"/learning/attempts/{attempt.pk}/result/"
    assert [r.headers.get("Location") for r in responses] == [result_url, result_url]
    assert figures == {
        "responses": [302, 302],
        "attempts": 1,
        "graded": 1,
        "grading tasks": 1,
        "quiz completions": 1,
        "certificate tasks": 1,
        "certificates": 1,
    }
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED


def test_a_double_saved_answer_keeps_one_row_with_the_latest_value(racing_stack):
    learner = UserFactory()
    quiz, _enrollment = _quiz_course_ready_to_pass(learner)
    attempt = attempt_start(user=learner, quiz=quiz)
    key = str(attempt.frozen["questions"][0]["id"])
    first, second = (choice["id"] for choice in attempt.frozen["questions"][0]["choices"][:2])
    browser = signed_in(learner, racing_stack)
    path = f"/learning/attempts/{attempt.pk}/answer/"
    fetch = {"X-Requested-With": "fetch"}

    together = post_together(browser, path, {"question": key, f"q{key}": first}, **fetch)
    rows_after_together = list(AttemptAnswer.objects.values_list("question_key", "response"))
    in_turn = [
        browser.post(path, {"question": key, f"q{key}": value}, **fetch)
        for value in (first, second)
    ]
    rows = list(AttemptAnswer.objects.values_list("question_key", "response"))

    print(
        f"\n2 saves at once -> {rows_after_together}; then 2 saves in turn "
        f"({first} then {second}) -> {rows}"
    )
    assert [r.json() for r in together + in_turn] == [{"saved": True}] * 4
    assert rows_after_together == [(key, first)]
    assert rows == [(key, second)]


def test_a_double_started_attempt_is_one_attempt(racing_stack):
    learner = UserFactory()
    quiz, _enrollment = _quiz_course_ready_to_pass(learner)
    browser = signed_in(learner, racing_stack)

    responses = post_together(browser, f"/learning/quizzes/{quiz.pk}/start/")
    attempts = list(Attempt.objects.filter(user=learner, quiz=quiz).values_list("pk", flat=True))

    print(f"\n2 starts at once -> responses {statuses(responses)}, {len(attempts)} attempt")
    assert len(attempts) == 1
    assert [r.headers.get("Location") for r in responses] == [
        f"/learning/attempts/{attempts[0]}/"
    ] * 2


# --- 3. double-submitted enrolment forms ----------------------------------------------------


@pytest.mark.parametrize("how", ["at once", "one after the other"])
def test_a_double_submitted_enrolment_enrols_once(racing_stack, how):
    learner = UserFactory()
    course = make_course(modules=1, lessons=1)
    browser = signed_in(learner, racing_stack)
    path = f"/learning/courses/{course.pk}/enrol/"

    if how == "at once":
        responses = post_together(browser, path)
    else:
        responses = [browser.post(path), browser.post(path)]
    enrolments = Enrollment.objects.filter(user=learner, course=course).count()

    shown = sorted(message for response in responses for message in messages_shown(response))
    print(
        f"\n2 enrolments {how} -> responses {statuses(responses)}, {enrolments} enrolment: {shown}"
    )
    assert statuses(responses) == [302, 302]
    assert enrolments == 1
    assert shown == [
        "You are already enrolled in this course.",
        f"You are enrolled. Welcome to {course.title}!",
    ]


@pytest.mark.parametrize("how", ["at once", "one after the other"])
def test_a_double_submitted_request_for_a_place_is_one_request(racing_stack, how):
    learner = person_in(None)
    course = approval_course()
    browser = signed_in(learner, racing_stack)
    path = f"/learning/courses/{course.pk}/request/"
    data = {"message": "My unit needs this before the summer rotation."}

    if how == "at once":
        responses = post_together(browser, path, data)
    else:
        responses = [browser.post(path, data), browser.post(path, data)]
    requests_made = EnrollmentRequest.objects.filter(user=learner, course=course).count()

    shown = sorted(message for response in responses for message in messages_shown(response))
    print(
        f"\n2 requests {how} -> responses {statuses(responses)}, {requests_made} request: {shown}"
    )
    assert statuses(responses) == [302, 302]
    assert shown == [
        "You have already requested a place in this course.",
        "Your request has been sent to the platform administrators. You will get an e-mail "
        "when they decide.",
    ]
    assert requests_made == 1
    assert not Enrollment.objects.filter(user=learner, course=course).exists()


@pytest.mark.parametrize("how", ["at once", "one after the other"])
def test_a_double_submitted_bulk_assignment_enrols_each_learner_once(racing_stack, how):
    tree = make_tree()
    manager = make_manager(tree.police)
    staff = make_staff(tree.airport, count=4) + make_staff(tree.land, count=4)
    already = staff[0]
    course = make_course(modules=1, lessons=1)
    enrollment_create(user=already, course=course)
    browser = signed_in(manager, racing_stack)
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    data = {
        "course": course.pk,
        "due_date": due,
        "target": "unit",
        "organisation": tree.police.pk,
        "confirm": "1",
    }
    path = "/admin/assignments/assign/"

    if how == "at once":
        responses = post_together(browser, path, data)
    else:
        responses = [browser.post(path, data), browser.post(path, data)]
    enrolments = Enrollment.objects.filter(course=course)
    learners = enrolments.values("user").distinct().count()

    print(
        f"\n2 assignments of a unit of {len(staff)} {how} -> responses {statuses(responses)}, "
        f"{enrolments.count()} enrolments of {learners} learners, "
        f"{enrolments.filter(due_at__isnull=False).count()} with the due date; "
        f"{[messages_shown(response) for response in responses]}"
    )
    assert statuses(responses) == [302, 302]
    assert enrolments.count() == learners == len(staff)
    assert enrolments.filter(due_at__isnull=False).count() == len(staff)
    # The manager is told the truth: between them the two messages count each new
    # enrolment once (the second assignment waits for the first and finds them made).
    reported = [
        int(found.group(1))
        for response in responses
        for message in messages_shown(response)
        if (found := re.search(r"(\d+) enrolled", message))
    ]
    assert sum(reported) == len(staff) - 1, reported
