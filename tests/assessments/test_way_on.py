"""Every quiz ends with the way on (issue 16, learner 1): after a pass, a fail with attempts
left or a fail without, the result and the quiz's own page lead to the next step of the
course, or to the certificate once the course is complete."""

import re

import pytest
from django.urls import reverse

from assessments.models import Attempt
from assessments.services import quiz_pass_record
from courses.models import Enrollment, ModulePage
from courses.services import enrollment_create, lesson_complete
from tests.factories.assessments import make_quiz, right_answers, wrong_answers
from tests.factories.courses import lessons_of, make_course
from tests.factories.reports import issue_certificate

pytestmark = pytest.mark.django_db

CONFIRMED = {"finish": "confirmed"}


def _module_quiz_course(learner, **settings):
    """Two modules of one lesson; the first module ends with a quiz. The first lesson is done."""
    course = make_course(
        modules=2, lessons=1, modules_in_order=settings.pop("modules_in_order", False)
    )
    first_module, _second = ModulePage.objects.child_of(course).order_by("path")
    quiz = make_quiz(module=first_module, count=2, pass_mark=100, **settings)
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    return course, quiz


def _take(client, quiz, *, right: bool) -> str:
    """Start, answer every question right or wrong, confirm; the result page's HTML."""
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.filter(quiz=quiz).latest("pk")
    answers = right_answers(attempt) if right else wrong_answers(attempt)
    post = {f"q{key}": str(value) for key, value in answers.items()} | CONFIRMED
    response = client.post(reverse("assessments:submit", args=[attempt.pk]), post, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def _continue_link(html: str) -> str | None:
    """The href of the "Continue" button, if the page has one."""
    found = re.search(r'<a class="button" href="([^"]+)">Continue<', html)
    return found.group(1) if found else None


def _try_again_button(html: str) -> str | None:
    found = re.search(r'<button type="submit" class="(button[^"]*)">Try again</button>', html)
    return found.group(1) if found else None


def test_a_pass_continues_to_the_next_lesson(client, learner):
    course, quiz = _module_quiz_course(learner)
    client.force_login(learner)

    html = _take(client, quiz, right=True)

    next_lesson = lessons_of(course)[1]
    assert _continue_link(html) == next_lesson.url
    # The title keeps its own direction inside a page of the other (<bdi>).
    assert f"Next: <strong><bdi>{next_lesson.title}</bdi></strong>" in html
    assert _try_again_button(html) is None
    overview = client.get(reverse("assessments:quiz", args=[quiz.pk])).content.decode()
    assert "You have passed this quiz." in overview
    assert _continue_link(overview) == next_lesson.url


def test_a_fail_with_attempts_left_offers_both_the_way_on_and_another_try(client, learner):
    course, quiz = _module_quiz_course(learner, max_attempts=3)
    client.force_login(learner)

    html = _take(client, quiz, right=False)

    assert "Not passed yet" in html and "You have 2 attempts left." in html
    assert _continue_link(html) == lessons_of(course)[1].url  # still the primary action
    assert _try_again_button(html) == "button button--secondary"
    overview = client.get(reverse("assessments:quiz", args=[quiz.pk])).content.decode()
    assert _continue_link(overview) == lessons_of(course)[1].url
    assert _try_again_button(overview) == "button button--secondary"


def test_a_fail_without_attempts_left_still_shows_the_way_on(client, learner):
    course, quiz = _module_quiz_course(learner, max_attempts=1)
    client.force_login(learner)

    html = _take(client, quiz, right=False)

    assert "You have used all your attempts." in html
    assert _try_again_button(html) is None
    assert _continue_link(html) == lessons_of(course)[1].url
    assert f'href="{course.url}"' in html  # and back to the course outline
    overview = client.get(reverse("assessments:quiz", args=[quiz.pk])).content.decode()
    assert _continue_link(overview) == lessons_of(course)[1].url


def test_modules_in_order_a_fail_says_the_rest_waits_for_this_quiz(client, learner):
    course, quiz = _module_quiz_course(learner, max_attempts=3, modules_in_order=True)
    client.force_login(learner)

    html = _take(client, quiz, right=False)

    assert _continue_link(html) is None  # the next module is closed until the quiz is passed
    assert "The rest of the course opens once you pass this quiz." in html
    assert _try_again_button(html) == "button"  # now the primary action
    assert f'href="{course.url}"' in html


def test_the_way_on_skips_steps_already_done(client, learner):
    course = make_course(modules=2, lessons=2)
    first_module = ModulePage.objects.child_of(course).order_by("path").first()
    quiz = make_quiz(module=first_module, count=1, pass_mark=100)
    enrollment_create(user=learner, course=course)
    lessons = lessons_of(course)
    for lesson in (lessons[0], lessons[1], lessons[2]):
        lesson_complete(user=learner, lesson=lesson)
    client.force_login(learner)

    html = _take(client, quiz, right=True)

    assert _continue_link(html) == lessons[3].url


@pytest.fixture
def final_assessment(learner):
    """A course of one lesson, done, and a final assessment."""
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(course=course, count=1, pass_mark=100, title="Final assessment")
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    return course, quiz


def test_the_last_step_leads_to_the_certificate_once_issued(client, learner, final_assessment):
    course, quiz = final_assessment
    client.force_login(learner)
    _take(client, quiz, right=True)
    attempt = Attempt.objects.get()
    quiz_pass_record(attempt=attempt)  # what the background job does after the commit
    certificate = issue_certificate(Enrollment.objects.get(user=learner))

    html = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()

    assert f"You have completed the course “{course.title}”." in html
    download = reverse("certificates:pdf", args=[certificate.code])
    assert f'<a class="button" href="{download}">Download your certificate</a>' in html
    assert _continue_link(html) is None


def test_a_certificate_still_being_issued_is_announced_with_my_learning(
    client, learner, final_assessment
):
    course, quiz = final_assessment
    client.force_login(learner)

    # The pass is recorded, and the certificate issued, by background jobs after the commit:
    # the result page is drawn before either has run.
    html = _take(client, quiz, right=True)

    assert f"You have completed the course “{course.title}”." in html
    assert "Your certificate is being issued." in html
    my_learning = reverse("learning:dashboard") + "#certificates-heading"
    assert f'<a class="button" href="{my_learning}">See it in My learning</a>' in html


def test_the_page_of_a_completed_course_leads_to_its_certificate(client, learner, final_assessment):
    """The course page is where a learner looks after the last step: it leads on too."""
    course, quiz = final_assessment
    client.force_login(learner)
    _take(client, quiz, right=True)
    quiz_pass_record(attempt=Attempt.objects.get())
    certificate = issue_certificate(Enrollment.objects.get(user=learner))

    html = client.get(course.url).content.decode()

    assert "You have completed this course." in html
    download = reverse("certificates:pdf", args=[certificate.code])
    assert f'<a class="button" href="{download}">Download your certificate</a>' in html
