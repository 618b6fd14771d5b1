"""A quiz taken in a translation (issue 15, item 4): the attempt is the original quiz's
(one record per course), freezes the French questions, says ``fr``, and is graded by the
questions' block ids, which the translation keeps. No answer key reaches the browser."""

import pytest
from django.urls import reverse

from assessments.models import Attempt
from courses.models import ModulePage, StepCompletion
from courses.services import enrollment_create
from tests.factories.assessments import make_quiz, right_answers, short_text, single
from tests.factories.courses import make_course
from tests.factories.translations import retitle, translate

pytestmark = pytest.mark.django_db

FRENCH = {"headers": {"accept-language": "fr"}}
RIGHT_FR = "Passeport-JUSTE-51c2"
TEXT_FR = "Doc-9303-SECRET-FR"


@pytest.fixture
def quizzes():
    course = make_course(modules=1, lessons=1, title="Document examination")
    quiz = make_quiz(
        module=ModulePage.objects.child_of(course).get(),
        title="Module quiz",
        pass_mark=100,
        questions=[single(right="Passport"), short_text(answers=("Doc 9303",))],
    )
    translate(course, "fr")
    french = translate(quiz, "fr", subtree=False)
    french.title = "Quiz du module"
    choice, text = french.questions[0].value, french.questions[1].value
    choice["text"] = "Quel document prouve la nationalité ?"
    for option in choice["options"]:
        option["text"] = RIGHT_FR if option["is_correct"] else f"Pas {option['text']}"
    text["text"] = "Nommez le document de l'OACI."
    text["options"][0]["text"] = TEXT_FR
    french.save_revision().publish()
    return course, quiz, type(french).objects.get(pk=french.pk)


def _answers_post(attempt) -> dict:
    right = right_answers(attempt)
    post = {"finish": "confirmed"}
    for item in attempt.frozen["questions"]:
        post[f"q{item['id']}"] = str(right[str(item["id"])])
    return post


def test_a_translated_quiz_is_attached_to_the_translated_module(quizzes):
    course, quiz, french = quizzes

    assert french.translation_key == quiz.translation_key
    assert french.module.locale.language_code == "fr"
    assert french.module.translation_key == quiz.module.translation_key
    assert [child.id for child in french.questions] == [child.id for child in quiz.questions]


def test_a_quiz_taken_in_french_is_recorded_against_the_original_and_graded(
    client, learner, quizzes, django_capture_on_commit_callbacks
):
    course, quiz, french = quizzes
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    client.post(reverse("assessments:start", args=[french.pk]), **FRENCH)
    attempt = Attempt.objects.get()
    page = client.get(reverse("assessments:attempt", args=[attempt.pk]), **FRENCH)
    with django_capture_on_commit_callbacks(execute=True):  # the pass is recorded on commit
        result = client.post(
            reverse("assessments:submit", args=[attempt.pk]), _answers_post(attempt), **FRENCH
        )

    attempt.refresh_from_db()
    assert attempt.quiz_id == quiz.pk and attempt.language == "fr"
    assert [item["id"] for item in attempt.frozen["questions"]] == [
        child.id for child in quiz.questions
    ]
    html = page.content.decode()
    assert "Quel document prouve la nationalité ?" in html and RIGHT_FR in html
    assert TEXT_FR not in html and "is_correct" not in html
    assert result.status_code == 302
    assert attempt.passed is True and attempt.percent == 100
    assert list(StepCompletion.objects.values_list("step_key", flat=True)) == [quiz.step_key]


def test_the_french_outline_names_the_french_quiz_with_the_originals_step(client, learner, quizzes):
    course, quiz, french = quizzes
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    html = client.get(french.module.url, **FRENCH).content.decode()

    assert "Quiz du module" in html
    assert reverse("assessments:quiz", args=[french.pk]) in html
    assert "Module quiz" not in html


def test_an_attempt_open_in_english_is_the_one_the_french_quiz_continues(client, learner, quizzes):
    course, quiz, french = quizzes
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    client.post(reverse("assessments:start", args=[quiz.pk]))
    client.post(reverse("assessments:start", args=[french.pk]), **FRENCH)

    assert Attempt.objects.count() == 1
    assert Attempt.objects.get().language == "en"


def test_a_learner_not_enrolled_cannot_start_the_french_quiz(client, learner, quizzes):
    _, _, french = quizzes
    client.force_login(learner)

    client.post(reverse("assessments:start", args=[french.pk]), **FRENCH)

    assert not Attempt.objects.exists()


def test_the_result_of_an_attempt_in_french_leads_back_to_the_french_quiz(client, learner, quizzes):
    """ "Try again", the breadcrumb and the way on are the French quiz's and course's, as the
    attempt was taken in French, whatever language the original is in."""
    course, quiz, french = quizzes
    retitle(french.module.get_parent(), "Examen des documents")
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    client.post(reverse("assessments:start", args=[french.pk]), **FRENCH)
    attempt = Attempt.objects.get()
    client.post(reverse("assessments:submit", args=[attempt.pk]), {"finish": "confirmed"})

    html = client.get(reverse("assessments:result", args=[attempt.pk]), **FRENCH).content.decode()
    overview = client.get(reverse("assessments:quiz", args=[french.pk]), **FRENCH)

    attempt.refresh_from_db()
    assert attempt.passed is False
    assert f'action="{reverse("assessments:start", args=[french.pk])}"' in html
    assert reverse("assessments:start", args=[quiz.pk]) not in html
    assert "Quiz du module" in html and "Module quiz" not in html
    assert "Examen des documents" in html and "Document examination" not in html
    assert "Examen des documents" in overview.content.decode()


def test_the_result_of_an_attempt_in_english_leads_back_to_the_english_quiz(
    client, learner, quizzes
):
    course, quiz, french = quizzes
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    client.post(reverse("assessments:submit", args=[attempt.pk]), {"finish": "confirmed"})

    html = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()

    assert f'action="{reverse("assessments:start", args=[quiz.pk])}"' in html
    assert reverse("assessments:start", args=[french.pk]) not in html
    assert "Module quiz" in html
