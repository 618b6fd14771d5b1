"""A summary before an attempt is graded (issue 16, learner 2), as Moodle's "Submit all and
finish": answered and unanswered questions, each linked, the time left, and a confirmation.
Without JavaScript the summary is a page of its own; the timer's submit at the deadline and
an attempt whose time is up are graded without it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, AttemptAnswer
from courses.models import ModulePage
from courses.services import enrollment_create
from tests.factories.assessments import make_quiz, right_answers, short_text, single
from tests.factories.courses import make_course
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db

SECRET = "Doc-9303-SUMMARY-SECRET"


def _attempt(client, learner, **settings) -> Attempt:
    course = make_course(modules=1, lessons=1)
    questions = settings.pop(
        "questions",
        [single(text="First?"), single(text="Second?"), short_text(answers=(SECRET,))],
    )
    module = ModulePage.objects.child_of(course).get()
    quiz = make_quiz(module=module, questions=questions, **settings)
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    return Attempt.objects.get()


def _submit(client, attempt, data=None, **kwargs):
    return client.post(reverse("assessments:submit", args=[attempt.pk]), data or {}, **kwargs)


def _summary_url(attempt) -> str:
    return reverse("assessments:summary", args=[attempt.pk])


def test_the_attempt_page_leads_to_the_summary_not_to_the_grade(client, learner):
    attempt = _attempt(client, learner)
    first = attempt.frozen["questions"][0]
    page = client.get(reverse("assessments:attempt", args=[attempt.pk])).content.decode()
    assert "Review and submit" in page

    response = _submit(client, attempt, {f"q{first['id']}": str(first["choices"][0]["id"])})

    assert response.status_code == 302 and response["Location"] == _summary_url(attempt)
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.percent is None  # nothing graded
    # The answer posted with the button is kept, as "Save my answers" keeps it.
    assert AttemptAnswer.objects.get(attempt=attempt).response == first["choices"][0]["id"]


def test_the_summary_lists_answered_and_unanswered_questions_each_linked(client, learner):
    attempt = _attempt(client, learner)
    first, second, third = (str(q["id"]) for q in attempt.frozen["questions"])
    _submit(client, attempt, {f"q{first}": str(attempt.frozen["questions"][0]["choices"][1]["id"])})

    html = client.get(_summary_url(attempt)).content.decode()

    assert "You have answered 1 of 3 questions." in html
    assert "2 questions are not fully answered." in html
    attempt_url = reverse("assessments:attempt", args=[attempt.pk])
    rows = re.findall(
        r'<tr class="summary__row summary__row--(\w+)">\s*<th scope="row"><a href="([^"]+)">'
        r"Question (\d)</a>",
        html,
    )
    assert rows == [
        ("answered", f"{attempt_url}#question-{first}", "1"),
        ("unanswered", f"{attempt_url}#question-{second}", "2"),
        ("unanswered", f"{attempt_url}#question-{third}", "3"),
    ]
    assert html.count("Not answered") == 2
    assert 'name="finish" value="confirmed"' in html
    assert "Submit all and finish" in html and "Return to attempt" in html
    assert SECRET not in html  # the summary shows no answer key


def test_an_empty_quiz_is_never_graded_without_the_learner_confirming(client, learner):
    attempt = _attempt(client, learner)

    response = _submit(client, attempt, follow=True)

    html = response.content.decode()
    assert "You have not answered any question." in html
    assert "If you submit now, your score will be 0." in html
    attempt.refresh_from_db()
    assert attempt.is_open and not attempt.answers.exists()

    response = _submit(client, attempt, {"finish": "confirmed"})

    assert response["Location"] == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.percent == 0


def test_the_summary_shows_the_time_left(client, learner):
    attempt = _attempt(client, learner, time_limit_minutes=20)

    html = client.get(_summary_url(attempt)).content.decode()

    assert "Time left: about 20 minutes." in html
    assert 'class="timer"' in html  # the page's script counts down, and submits at zero


def test_the_timers_own_submit_at_the_deadline_needs_no_confirmation(client, learner):
    attempt = _attempt(client, learner, time_limit_minutes=20)
    post = {f"q{k}": str(v) for k, v in right_answers(attempt).items()}

    response = _submit(client, attempt, post | {"finish": "time_up"})

    assert response["Location"] == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.percent == 100


def test_an_attempt_past_its_deadline_is_graded_without_confirmation(client, learner):
    """The server's time limit decides: once time is up, any submit grades what was saved."""
    attempt = _attempt(client, learner, time_limit_minutes=5)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))

    response = _submit(client, attempt)

    assert response["Location"] == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.graded_at_deadline
    summary = client.get(_summary_url(attempt))
    assert summary["Location"] == reverse("assessments:result", args=[attempt.pk])


def test_the_pages_script_is_told_where_to_go(client, learner):
    """Sent with fetch (so that a lost connection keeps the learner on the page), a submit
    answers with the address to open next instead of a redirect."""
    attempt = _attempt(client, learner)
    fetch = {"headers": {"x-requested-with": "fetch"}}

    to_summary = _submit(client, attempt, **fetch)
    graded = _submit(client, attempt, {"finish": "confirmed"}, **fetch)

    assert to_summary.json() == {"url": _summary_url(attempt)}
    assert graded.json() == {"url": reverse("assessments:result", args=[attempt.pk])}


def test_another_learners_summary_is_a_404(client, learner, other_learner):
    attempt = _attempt(client, learner)
    client.force_login(other_learner)

    assert client.get(_summary_url(attempt)).status_code == 404
    assert _submit(client, attempt, {"finish": "confirmed"}).status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open


@pytest.mark.parametrize("count", [5, 20])
def test_the_summary_costs_the_same_queries_however_many_questions(client, learner, count):
    attempt = _attempt(client, learner, questions=[single(text=f"Q{i}?") for i in range(count)])
    client.get(_summary_url(attempt))

    with assert_queries(4):  # session, user, attempt with its quiz, saved answers
        client.get(_summary_url(attempt))
