"""Helpers of the request-fault tests (tests/services/test_request_faults.py): a stack's
queue, a signed-in browser that posts from any thread, and the writes whose database
connection a test cuts mid-request."""

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import psycopg
import redis
import requests
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.utils.crypto import get_random_string

from assessments.models import Attempt, AttemptAnswer
from assessments.services import attempt_save_answers, attempt_start
from courses.models import Enrollment, ModulePage, StepCompletion
from courses.services import enrollment_create
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, right_answers, wrong_answers
from tests.factories.courses import lessons_of, make_course
from tests.services.conftest import wait_for

TIMEOUT = 30  # seconds a request may take before the test gives up on it


# --- the stack ------------------------------------------------------------------------------


@dataclass
class Stack:
    url: str
    queue: str

    def queued(self) -> int:
        """Tasks waiting on this stack's queue (no worker reads it)."""
        return redis.Redis.from_url(settings.CELERY_BROKER_URL).llen(self.queue)


@dataclass
class Browser:
    """A signed-in learner's cookies, usable from any thread (one request each)."""

    url: str
    cookies: dict
    token: str

    def get(self, path: str) -> requests.Response:
        return requests.get(
            self.url + path, cookies=self.cookies, allow_redirects=False, timeout=TIMEOUT
        )

    def post(self, path: str, data: dict | None = None, **headers) -> requests.Response:
        return requests.post(
            self.url + path,
            data={"csrfmiddlewaretoken": self.token, **(data or {})},
            cookies=self.cookies,
            headers=headers,
            allow_redirects=False,
            timeout=TIMEOUT,
        )


def signed_in(user, stack: Stack) -> Browser:
    client = Client()
    client.force_login(user)
    token = get_random_string(32)
    cookies = {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: token,
    }
    return Browser(stack.url, cookies, token)


def post_together(browser: Browser, path: str, data: dict | None = None, count=2, **headers):
    """The same POST ``count`` times at the same moment, as a double click sends it."""
    barrier = threading.Barrier(count)

    def send(_):
        barrier.wait()
        return browser.post(path, data, **headers)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(send, range(count)))


def statuses(responses) -> list[int]:
    return [response.status_code for response in responses]


def messages_shown(response) -> list[str]:
    """The messages the redirect's next page will show (they travel in a signed cookie)."""
    request = HttpRequest()
    request.COOKIES = {"messages": response.cookies.get("messages", "")}
    return [
        str(message)
        for message in CookieStorage(request)._decode(request.COOKIES["messages"]) or []
    ]


# --- 1. a database connection dropped mid-request -------------------------------------------


def _database_params() -> dict:
    db = connection.settings_dict
    return {
        "host": db["HOST"],
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "dbname": db["NAME"],
    }


def _cut_off_the_request_writing_to(table: str, send_request) -> tuple[requests.Response, int]:
    """Hold a lock that stops writes to ``table``, send the request, terminate the backend
    that waits for the lock (the request's), then let go. Returns the response and how many
    backends were terminated."""
    with ThreadPoolExecutor(1) as pool, psycopg.connect(**_database_params()) as blocker:
        blocker.execute(f'LOCK TABLE "{table}" IN SHARE MODE')
        pending = pool.submit(send_request)
        with psycopg.connect(**_database_params(), autocommit=True) as admin:
            waiting = wait_for(
                lambda: admin.execute(
                    "SELECT pid FROM pg_stat_activity WHERE %s = ANY(pg_blocking_pids(pid))",
                    [blocker.info.backend_pid],
                ).fetchall(),
                timeout=TIMEOUT,
                interval=0.05,
            )
            assert waiting, "the request never reached the locked table"
            for (pid,) in waiting:
                admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        blocker.rollback()
        return pending.result(timeout=TIMEOUT), len(waiting)


@dataclass
class InterruptedWrite:
    name: str
    table: str
    path: str
    data: dict
    rows: object  # () -> a snapshot of what the write changes
    headers: dict


def _quiz_setup():
    learner = UserFactory()
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(module=ModulePage.objects.child_of(course).get(), count=3)
    enrollment_create(user=learner, course=course)
    attempt = attempt_start(user=learner, quiz=quiz)
    return learner, attempt


def _answer_save(stack: Stack) -> tuple:
    learner, attempt = _quiz_setup()
    attempt_save_answers(attempt=attempt, responses=wrong_answers(attempt))
    key, right = next(iter(right_answers(attempt).items()))

    def rows():
        return sorted(AttemptAnswer.objects.values_list("question_key", "response"))

    return learner, InterruptedWrite(
        "answer save",
        AttemptAnswer._meta.db_table,
        f"/learning/attempts/{attempt.pk}/answer/",
        {"question": key, f"q{key}": right},
        rows,
        {"X-Requested-With": "fetch"},
    )


def _quiz_submit(stack: Stack) -> tuple:
    learner, attempt = _quiz_setup()
    data = {f"q{key}": value for key, value in right_answers(attempt).items()}
    data["finish"] = "confirmed"  # as the summary's "Submit all and finish" posts it

    def rows():
        graded = Attempt.objects.values_list("status", "percent").get()
        scored = AttemptAnswer.objects.filter(score__isnull=False).count()
        return {"attempt": graded, "scored answers": scored, "tasks queued": stack.queued()}

    return learner, InterruptedWrite(
        "quiz submit",
        AttemptAnswer._meta.db_table,
        f"/learning/attempts/{attempt.pk}/submit/",
        data,
        rows,
        {},
    )


def _enrolment(stack: Stack) -> tuple:
    learner = UserFactory()
    course = make_course(modules=1, lessons=1)

    def rows():
        return {"enrolments": Enrollment.objects.filter(user=learner, course=course).count()}

    return learner, InterruptedWrite(
        "enrolment",
        Enrollment._meta.db_table,
        f"/learning/courses/{course.pk}/enrol/",
        {},
        rows,
        {},
    )


def _step_complete(stack: Stack) -> tuple:
    learner = UserFactory()
    course = make_course(modules=1, lessons=2)
    enrollment = enrollment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]

    def rows():
        enrollment.refresh_from_db()
        return {
            "completions": StepCompletion.objects.filter(enrollment=enrollment).count(),
            "activity recorded": enrollment.last_activity_at is not None,
        }

    return learner, InterruptedWrite(
        "step complete",
        StepCompletion._meta.db_table,
        f"/learning/lessons/{lesson.pk}/complete/",
        {},
        rows,
        {},
    )
