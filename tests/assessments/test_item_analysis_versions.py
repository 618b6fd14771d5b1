"""Attempts record the quiz revision they were taken with, and item analysis reads one
version at a time (issue 14, item 4). Figures computed by hand in the comments."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Quiz
from assessments.selectors import quiz_item_analysis
from assessments.services import (
    attempt_start,
    attempt_submit,
    quiz_import_questions,
    quiz_publish,
)
from courses.models import ModulePage
from courses.services import enrollment_create
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, right_answers, single, wrong_answers
from tests.factories.courses import make_course
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db


def _take(course, quiz, *, right_keys):
    """A new learner answers the questions in ``right_keys`` right, the others wrong."""
    learner = UserFactory()
    enrollment_create(user=learner, course=course)
    attempt = attempt_start(user=learner, quiz=Quiz.objects.get(pk=quiz.pk))
    right, wrong = right_answers(attempt), wrong_answers(attempt)
    answers = {key: right[key] if key in right_keys else wrong[key] for key in right}
    return attempt_submit(attempt=attempt, responses=answers)


@pytest.fixture
def two_versions():
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(
        module=ModulePage.objects.child_of(course).get(),
        questions=[single(text="Question A?"), single(text="Question B, first wording?")],
        pass_mark=50,
    )
    a_key, b_key = [child.id for child in quiz.questions]
    v1 = quiz.live_revision_id
    # Version 1: one learner gets A and B right (100%), one only A (50%).
    _take(course, quiz, right_keys={a_key, b_key})
    _take(course, quiz, right_keys={a_key})
    # Version 2: B reworded (same question, same key), C added.
    draft = quiz.get_latest_revision_as_object()
    stream = list(draft.questions.raw_data)
    stream[1] = {**stream[1], "value": {**stream[1]["value"], "text": "Question B, reworded?"}}
    draft.questions = stream
    draft.save_revision()
    quiz = quiz_import_questions(questions=[single(text="Question C?")], quiz=quiz)
    quiz = quiz_publish(quiz=quiz)
    c_key = quiz.questions[2].id
    v2 = quiz.live_revision_id
    # Version 2: one learner gets all three right (100%), one none (0%).
    _take(course, quiz, right_keys={a_key, b_key, c_key})
    _take(course, quiz, right_keys=set())
    return course, quiz, v1, v2, (a_key, b_key, c_key)


def test_each_attempt_names_the_revision_it_was_taken_with(two_versions):
    _course, quiz, v1, v2, _keys = two_versions

    revisions = list(quiz.attempts.order_by("pk").values_list("quiz_revision_id", flat=True))

    assert v1 != v2 and revisions == [v1, v1, v2, v2]


def test_item_analysis_of_one_version(two_versions):
    _course, quiz, v1, v2, (a_key, b_key, c_key) = two_versions

    first = quiz_item_analysis(quiz=quiz, revision_id=v1)
    second = quiz_item_analysis(quiz=quiz, revision_id=v2)
    every = quiz_item_analysis(quiz=quiz)

    # Version 1: scores 100 and 50 → mean 75, both pass (mark 50); A 2/2, B 1/2.
    assert (first.attempts, first.mean_percent, first.pass_rate) == (2, 75, 100)
    by_key = {q.key: q for q in first.questions}
    assert set(by_key) == {a_key, b_key}
    assert by_key[a_key].percent_correct == 100 and by_key[b_key].percent_correct == 50
    assert by_key[b_key].text == "Question B, first wording?"
    # Version 2: scores 100 and 0 → mean 50, one passes of two; each question 1/2.
    assert (second.attempts, second.mean_percent, second.pass_rate) == (2, 50, 50)
    assert {q.key: q.percent_correct for q in second.questions} == {
        a_key: 50,
        b_key: 50,
        c_key: 50,
    }
    assert {q.key: q.text for q in second.questions}[b_key] == "Question B, reworded?"
    # All versions: 100, 50, 100, 0 → mean 62.5, three pass of four.
    assert (every.attempts, every.mean_percent, every.pass_rate) == (4, 62.5, 75)


def test_the_item_analysis_screen_filters_by_version_in_constant_queries(two_versions):
    course, quiz, v1, v2, _keys = two_versions
    client = Client()
    client.force_login(UserFactory(roles=["Trainers"]))
    url = reverse("assessments_item_analysis", args=[quiz.pk])

    html = client.get(url, {"version": v1}).content.decode()
    assert "2 submitted attempts" in html and "Question B, first wording?" in html
    assert "reworded" not in html and "(live)" in html

    client.get(url, {"version": v2})  # warm up
    before, _ = count_queries(lambda: client.get(url, {"version": v2}))
    for _ in range(3):
        _take(course, quiz, right_keys=set())
    after, response = count_queries(lambda: client.get(url, {"version": v2}))
    assert before == after
    assert "5 submitted attempts" in response.content.decode()


def test_a_forged_version_is_refused_with_a_message_and_shows_all(two_versions):
    _course, quiz, _v1, _v2, _keys = two_versions
    other = make_quiz(title="Another quiz", count=1)
    client = Client()
    client.force_login(UserFactory(roles=["Trainers"]))
    url = reverse("assessments_item_analysis", args=[quiz.pk])

    for forged in (other.live_revision_id, "abc", "-1"):
        response = client.get(url, {"version": forged})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Showing all versions." in html and "4 submitted attempts" in html
