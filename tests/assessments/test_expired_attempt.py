"""An attempt whose time ran out: opening it (a GET) changes nothing; it says the time is up
and offers the result behind a POST, which grades the answers saved by the deadline."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, AttemptAnswer
from assessments.services import attempt_save_answers, attempt_start
from courses.models import ModulePage
from courses.services import enrollment_create
from tests.factories.assessments import make_quiz, right_answers, single
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def expired(learner):
    """An open attempt of a timed quiz, two answers of four saved (both right), past its
    deadline: nobody has submitted it and the expiry job has not run yet."""
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(
        module=ModulePage.objects.child_of(course).get(),
        questions=[single(text=f"Question {n}?", right="Yes") for n in range(4)],
        time_limit_minutes=10,
        pass_mark=50,
    )
    enrollment_create(user=learner, course=course)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_save_answers(attempt=attempt, responses=dict(list(right_answers(attempt).items())[:2]))
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    attempt.refresh_from_db()
    return attempt


def _database(attempt):
    row = Attempt.objects.values().get(pk=attempt.pk)
    answers = list(AttemptAnswer.objects.filter(attempt=attempt).order_by("pk").values())
    return row, answers


def test_opening_an_expired_attempt_changes_nothing(client, learner, expired):
    client.force_login(learner)
    before = _database(expired)

    page = client.get(reverse("assessments:attempt", args=[expired.pk]))
    result = client.get(reverse("assessments:result", args=[expired.pk]))

    assert _database(expired) == before
    assert before[0]["status"] == Attempt.Status.IN_PROGRESS
    assert page.status_code == 200
    html = page.content.decode()
    assert "Time is up" in html and "See my result" in html
    assert f'action="{reverse("assessments:submit", args=[expired.pk])}"' in html
    assert 'method="post"' in html
    assert "Review and submit" not in html  # no questions to answer any more
    assert result.status_code == 302
    assert result["Location"] == reverse("assessments:attempt", args=[expired.pk])


def test_see_my_result_grades_the_answers_saved_by_the_deadline(client, learner, expired):
    client.force_login(learner)
    late = {f"q{k}": str(v) for k, v in right_answers(expired).items()}  # typed too late

    response = client.post(reverse("assessments:submit", args=[expired.pk]), late)

    assert response["Location"] == reverse("assessments:result", args=[expired.pk])
    expired.refresh_from_db()
    assert expired.status == Attempt.Status.SUBMITTED
    assert expired.graded_at_deadline and expired.submitted_at == expired.deadline
    assert expired.percent == 50
    result = client.get(response["Location"]).content.decode()
    assert "Time ran out, so the answers saved by then were graded." in result
