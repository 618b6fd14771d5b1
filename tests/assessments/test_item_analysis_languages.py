"""Item analysis across languages (issue 15): attempts taken in a translated quiz count
with the original's questions and version, not as a version of their own; a language
filter narrows them to one language."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Quiz
from assessments.selectors import quiz_get, quiz_item_analysis, quiz_versions_taken
from assessments.services import attempt_start, attempt_submit
from courses.models import ModulePage
from courses.services import enrollment_create
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, right_answers, single, wrong_answers
from tests.factories.courses import make_course
from tests.factories.translations import translate

pytestmark = pytest.mark.django_db


def _take(course, quiz, *, right: bool):
    """A new learner takes the quiz as a learner's request does (``quiz_get``)."""
    learner = UserFactory()
    enrollment_create(user=learner, course=course)
    attempt = attempt_start(user=learner, quiz=quiz_get(quiz_id=quiz.pk))
    answers = right_answers(attempt) if right else wrong_answers(attempt)
    return attempt_submit(attempt=attempt, responses=answers)


@pytest.fixture
def taken_in_two_languages():
    course = make_course(modules=1, lessons=1, title="Document examination")
    quiz = make_quiz(
        module=ModulePage.objects.child_of(course).get(),
        questions=[single(text="Which document proves nationality?")],
        pass_mark=100,
    )
    translate(course, "fr")
    french = translate(quiz, "fr", subtree=False)
    french.questions[0].value["text"] = "Quel document prouve la nationalité ?"
    french.save_revision().publish()
    french = Quiz.objects.get(pk=french.pk)
    # Two in English (one right), two in French (both right).
    _take(course, quiz, right=True)
    _take(course, quiz, right=False)
    _take(course, french, right=True)
    _take(course, french, right=True)
    return quiz, french


def test_attempts_in_a_translation_are_counted_with_the_originals_version(
    taken_in_two_languages,
):
    quiz, _french = taken_in_two_languages

    versions = quiz_versions_taken(quiz=quiz)

    assert [(v.revision_id, v.attempts, v.live) for v in versions] == [
        (quiz.live_revision_id, 4, True)
    ]
    one_version = quiz_item_analysis(quiz=quiz, revision_id=quiz.live_revision_id)
    assert (one_version.attempts, one_version.pass_rate) == (4, 75)
    [question] = one_version.questions
    assert question.text == "Which document proves nationality?"
    assert (question.attempts, question.percent_correct) == (4, 75)


def test_the_language_filter_narrows_to_the_attempts_taken_in_it(taken_in_two_languages):
    quiz, _french = taken_in_two_languages

    french = quiz_item_analysis(quiz=Quiz.objects.get(pk=quiz.pk), language="fr")
    english = quiz_item_analysis(quiz=Quiz.objects.get(pk=quiz.pk), language="en")

    assert (french.attempts, french.pass_rate) == (2, 100)
    assert (english.attempts, english.pass_rate) == (2, 50)
    assert french.questions[0].text == "Which document proves nationality?"  # the original's


def test_the_screen_filters_by_language_and_a_translation_opens_its_original(
    taken_in_two_languages,
):
    quiz, french = taken_in_two_languages
    client = Client()
    client.force_login(UserFactory(roles=["Trainers"]))
    url = reverse("assessments_item_analysis", args=[quiz.pk])

    every = client.get(url).content.decode()
    in_french = client.get(url, {"language": "fr"}).content.decode()
    forged = client.get(url, {"language": "xx", "version": quiz.live_revision_id})
    from_translation = client.get(reverse("assessments_item_analysis", args=[french.pk]))

    assert "4 submitted attempts" in every and every.count("Version of") == 1
    assert '<option value="fr">French</option>' in every
    assert "2 submitted attempts" in in_french
    assert forged.status_code == 200 and "Showing all languages." in forged.content.decode()
    assert "4 submitted attempts" in forged.content.decode()
    assert from_translation.status_code == 302
    assert from_translation["Location"] == f"{url}?language=fr"
