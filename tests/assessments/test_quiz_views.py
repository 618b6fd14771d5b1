"""The quiz pages as a learner meets them, the refusals, and the answer-key leak scan."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from assessments import questions as q
from assessments.models import Attempt, AttemptAnswer
from courses.models import ModulePage
from courses.services import enrollment_create
from tests.factories.assessments import make_quiz, numeric, right_answers, short_text, single
from tests.factories.courses import make_course
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db

SECRET_RIGHT = "Passport-RIGHT-7f3a"
SECRET_TEXT = "Doc-9303-SECRET"
CONFIRMED = {"finish": "confirmed"}  # "Submit all and finish" on the summary


def _quiz_for(learner, **settings):
    course = make_course(modules=1, lessons=1)
    questions = settings.pop(
        "questions",
        [
            single(right=SECRET_RIGHT, wrong=("Boarding pass", "Hotel booking")),
            short_text(answers=(SECRET_TEXT,)),
            numeric(value="2.5", tolerance="0.5"),
            q.QuestionData(
                type=q.MATCHING,
                text="Match the zone to its content.",
                choices=[
                    q.ChoiceData(text="Visual zone", match_text="Photo", is_correct=True),
                    q.ChoiceData(text="MRZ", match_text="Check digits", is_correct=True),
                ],
                partial_credit=True,
            ),
        ],
    )
    quiz = make_quiz(
        module=ModulePage.objects.child_of(course).get(), questions=questions, **settings
    )
    enrollment_create(user=learner, course=course)
    return quiz


def _start(client, quiz):
    response = client.post(reverse("assessments:start", args=[quiz.pk]))
    assert response.status_code == 302
    return Attempt.objects.latest("pk")


def test_a_learner_takes_a_quiz_without_javascript(client, learner):
    quiz = _quiz_for(learner, pass_mark=50)
    client.force_login(learner)
    attempt = _start(client, quiz)
    html = client.get(reverse("assessments:attempt", args=[attempt.pk])).content.decode()
    assert "Review and submit" in html

    right = right_answers(attempt)
    post = {"finish": "confirmed"}
    for item in attempt.frozen["questions"]:
        key = str(item["id"])
        if item["type"] == q.MATCHING:
            post.update({f"q{key}-{k}": v for k, v in right[key].items()})
        else:
            post[f"q{key}"] = str(right[key])
    response = client.post(reverse("assessments:submit", args=[attempt.pk]), post, follow=True)

    html = response.content.decode()
    assert "Passed" in html and "(100%)" in html


def test_each_answer_saves_with_a_small_post(client, learner):
    quiz = _quiz_for(learner)
    client.force_login(learner)
    attempt = _start(client, quiz)
    first = attempt.frozen["questions"][0]

    response = client.post(
        reverse("assessments:answer", args=[attempt.pk]),
        {"question": first["id"], f"q{first['id']}": str(first["choices"][0]["id"])},
        HTTP_X_REQUESTED_WITH="fetch",
    )

    assert response.json() == {"saved": True}
    assert AttemptAnswer.objects.get().response == first["choices"][0]["id"]


def test_another_learners_attempt_is_a_404(client, learner, other_learner):
    quiz = _quiz_for(learner)
    client.force_login(learner)
    attempt = _start(client, quiz)
    client.force_login(other_learner)

    for name in ("attempt", "result"):
        assert client.get(reverse(f"assessments:{name}", args=[attempt.pk])).status_code == 404
    for name in ("answer", "submit"):
        assert client.post(reverse(f"assessments:{name}", args=[attempt.pk])).status_code == 404
    assert Attempt.objects.get().is_open


def test_an_unenrolled_learner_is_told_to_enrol(client, learner, other_learner):
    quiz = _quiz_for(learner)
    client.force_login(other_learner)

    response = client.post(reverse("assessments:start", args=[quiz.pk]), follow=True)

    assert "Enrol in the course" in response.content.decode()
    assert not Attempt.objects.exists()


def test_a_quiz_attached_to_nothing_is_not_takeable(client, learner):
    bank = make_quiz(title="Question bank")
    client.force_login(learner)

    assert client.get(reverse("assessments:quiz", args=[bank.pk])).status_code == 404
    assert client.post(reverse("assessments:start", args=[bank.pk])).status_code == 404


def test_answer_keys_never_reach_the_browser_before_submission(client, learner):
    quiz = _quiz_for(learner, review_policy="always")
    client.force_login(learner)
    overview = client.get(reverse("assessments:quiz", args=[quiz.pk])).content.decode()
    attempt = _start(client, quiz)
    page = client.get(reverse("assessments:attempt", args=[attempt.pk])).content.decode()
    save = client.post(
        reverse("assessments:answer", args=[attempt.pk]),
        {"question": attempt.frozen["questions"][0]["id"]},
        HTTP_X_REQUESTED_WITH="fetch",
    ).content.decode()

    for body in (overview, page, save):
        assert SECRET_TEXT not in body  # the accepted short answer
        assert "is_correct" not in body and "correct" not in body.lower().replace("incorrect", "")
        assert "2.5" not in body and "tolerance" not in body
        assert "data-correct" not in body and "data-answer" not in body
    # The right option is listed, like the wrong ones, without any mark.
    options = re.findall(r'<input type="radio"[^>]*>\s*<label[^>]*>([^<]*)</label>', page)
    assert SECRET_RIGHT in options and "Boarding pass" in options
    # Matching shows the items and all options, never which goes with which.
    assert "Visual zone" in page and "Photo" in page
    assert json.dumps(attempt.frozen["questions"][1]["choices"]) not in page


def test_the_review_follows_the_policy(client, learner):
    quiz = _quiz_for(learner, review_policy="after_pass", max_attempts=3)
    client.force_login(learner)
    attempt = _start(client, quiz)
    html = client.post(
        reverse("assessments:submit", args=[attempt.pk]), CONFIRMED, follow=True
    ).content.decode()

    assert "Not passed yet" in html
    assert "You have 2 attempts left" in html
    assert SECRET_TEXT not in html and "once you pass" in html


def test_result_shows_answers_when_the_policy_allows(client, learner):
    quiz = _quiz_for(learner, review_policy="always")
    client.force_login(learner)
    attempt = _start(client, quiz)
    html = client.post(
        reverse("assessments:submit", args=[attempt.pk]), CONFIRMED, follow=True
    ).content.decode()

    assert SECRET_TEXT in html and "Correct answer" in html


def test_a_double_submit_grades_once(client, learner):
    quiz = _quiz_for(learner)
    client.force_login(learner)
    attempt = _start(client, quiz)
    url = reverse("assessments:submit", args=[attempt.pk])

    client.post(url, CONFIRMED)
    client.post(url, CONFIRMED)

    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 4


def test_malformed_posts_never_break_anything(client, learner):
    quiz = _quiz_for(learner)
    client.force_login(learner)
    attempt = _start(client, quiz)
    url = reverse("assessments:answer", args=[attempt.pk])

    bad = [
        {"question": "no-such-question", "qno-such-question": "1"},
        {
            "question": attempt.frozen["questions"][0]["id"],
            f"q{attempt.frozen['questions'][0]['id']}": "x" * 10_000,
        },
        {
            "question": attempt.frozen["questions"][0]["id"],
            f"q{attempt.frozen['questions'][0]['id']}": "٣",
        },
    ]
    statuses = [client.post(url, data, HTTP_X_REQUESTED_WITH="fetch").status_code for data in bad]

    assert statuses == [409, 200, 200]
    assert (
        client.post(
            reverse("assessments:submit", args=[attempt.pk]), {"q": "[]", **CONFIRMED}
        ).status_code
        == 302
    )


def test_forged_post_without_csrf_is_refused(learner):
    quiz = _quiz_for(learner)
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)

    assert client.post(reverse("assessments:start", args=[quiz.pk])).status_code == 403
    assert not Attempt.objects.exists()


QUESTION_COUNTS = [5, 20]


@pytest.mark.parametrize("count", QUESTION_COUNTS)
def test_saving_an_answer_costs_at_most_4_queries(client, learner, count):
    quiz = _quiz_for(learner, questions=[single(text=f"Q{i}?") for i in range(count)])
    client.force_login(learner)
    attempt = _start(client, quiz)
    first = attempt.frozen["questions"][0]
    data = {"question": first["id"], f"q{first['id']}": str(first["choices"][0]["id"])}
    url = reverse("assessments:answer", args=[attempt.pk])

    with assert_queries(4):
        client.post(url, data, HTTP_X_REQUESTED_WITH="fetch")


@pytest.mark.parametrize("count", QUESTION_COUNTS)
def test_starting_costs_at_most_8_queries(client, learner, count):
    quiz = _quiz_for(learner, questions=[single(text=f"Q{i}?") for i in range(count)])
    client.force_login(learner)
    client.get(reverse("assessments:quiz", args=[quiz.pk]))

    with assert_queries(8):
        client.post(reverse("assessments:start", args=[quiz.pk]))


@pytest.mark.parametrize("count", QUESTION_COUNTS)
def test_submitting_and_grading_costs_at_most_10_queries(client, learner, count):
    quiz = _quiz_for(learner, questions=[single(text=f"Q{i}?") for i in range(count)])
    client.force_login(learner)
    attempt = _start(client, quiz)
    post = {f"q{key}": str(value) for key, value in right_answers(attempt).items()}
    post.update(CONFIRMED)

    with assert_queries(9) as context:
        client.post(reverse("assessments:submit", args=[attempt.pk]), post)
    assert len(context.captured_queries) <= 10
