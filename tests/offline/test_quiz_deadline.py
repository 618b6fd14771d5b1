"""Issue 17, item 4: answers kept on the device and sent when the connection returns meet
the server's deadline, which stays the only judge. The grace period is zero: an answer that
reaches the server before the deadline counts; one that arrives at or after it does not,
however long ago it was typed (docs/offline.md)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, AttemptAnswer
from assessments.services import attempt_start
from courses.models import ModulePage
from courses.services import enrollment_create
from tests.factories.assessments import make_quiz, right_answers, short_text, single
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

AS_SCRIPT = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def timed_attempt(learner):
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(
        module=ModulePage.objects.child_of(course).get(),
        questions=[single(text=f"Question {n}?", right="Yes") for n in range(2)]
        + [short_text(text="Name the ICAO document.", answers=("Doc 9303",))],
        time_limit_minutes=10,
        pass_mark=50,
    )
    enrollment_create(user=learner, course=course)
    return attempt_start(user=learner, quiz=quiz)


def _move_deadline(attempt, seconds_from_now: int) -> None:
    deadline = timezone.now() + timedelta(seconds=seconds_from_now)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline)


def _save(client, attempt, key, value):
    url = reverse("assessments:answer", args=[attempt.pk])
    return client.post(url, {"question": key, f"q{key}": value}, **AS_SCRIPT)


def test_an_answer_resent_before_the_deadline_counts(client, learner, timed_attempt):
    client.force_login(learner)
    key, value = next(iter(right_answers(timed_attempt).items()))
    _move_deadline(timed_attempt, 2)

    response = _save(client, timed_attempt, key, str(value))

    assert response.json() == {"saved": True}
    assert AttemptAnswer.objects.filter(attempt=timed_attempt, question_key=key).exists()


def test_an_answer_resent_after_the_deadline_is_refused_with_a_reason(
    client, learner, timed_attempt
):
    client.force_login(learner)
    key, value = next(iter(right_answers(timed_attempt).items()))
    _move_deadline(timed_attempt, -1)

    response = _save(client, timed_attempt, key, str(value))

    assert response.status_code == 409
    assert response.json()["saved"] is False
    assert "Time is up" in response.json()["error"]  # the page shows it; the device forgets it
    assert not AttemptAnswer.objects.exists()


def test_a_submit_that_arrives_late_grades_only_what_arrived_in_time(
    client, learner, timed_attempt
):
    client.force_login(learner)
    answers = right_answers(timed_attempt)
    first = next(iter(answers))
    _save(client, timed_attempt, first, str(answers[first]))
    _move_deadline(timed_attempt, -1)
    late = {f"q{k}": str(v) for k, v in answers.items()} | {"finish": "time_up"}

    response = client.post(
        reverse("assessments:submit", args=[timed_attempt.pk]), late, **AS_SCRIPT
    )

    assert response.json()["url"] == reverse("assessments:result", args=[timed_attempt.pk])
    timed_attempt.refresh_from_db()
    assert timed_attempt.graded_at_deadline
    assert round(float(timed_attempt.percent)) == 33  # 1 of 3: the late answers did not count


def test_the_attempt_page_holds_no_answer_key(client, learner, timed_attempt):
    client.force_login(learner)

    html = client.get(reverse("assessments:attempt", args=[timed_attempt.pk])).content.decode()

    assert "Name the ICAO document." in html
    assert "Doc 9303" not in html
