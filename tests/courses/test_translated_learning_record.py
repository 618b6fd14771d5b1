"""One learning record whatever language a course is studied in (issue 15, item 4):
progress, enrolment and the lesson lock are the original course's, read and written from
any of its translations."""

import re

import pytest
from django.urls import reverse

from courses.models import Enrollment, LessonPage, StepCompletion
from courses.services import enrollment_create, lesson_complete
from tests.factories.courses import lessons_of, make_course
from tests.factories.translations import retitle, translate
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db

FRENCH = {"headers": {"accept-language": "fr"}}


@pytest.fixture
def course():
    course = make_course(modules=2, lessons=2, title="Document examination", modules_in_order=True)
    french = retitle(translate(course, "fr"), "Examen des documents")
    for number, lesson in enumerate(_lessons(french), start=1):
        retitle(lesson, f"Leçon {number}")
    return course


def _lessons(course) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).live().order_by("path"))


def _french_lessons(course) -> list[LessonPage]:
    return [lesson.get_translation(_fr()) for lesson in lessons_of(course)]


def _fr():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="fr")


def _done_titles(html: str) -> list[str]:
    return re.findall(
        r'step--done[^"]*">\s*<a class="step__title" href="[^"]*"[^>]*>([^<]+)<', html
    )


def test_switching_to_french_keeps_the_lessons_done_in_english(client, learner, course):
    enrollment_create(user=learner, course=course)
    english = lessons_of(course)
    lesson_complete(user=learner, lesson=english[0])
    lesson_complete(user=learner, lesson=english[1])
    client.force_login(learner)

    french_course = course.get_translation(_fr())
    overview = client.get(french_course.url, **FRENCH).content.decode()
    next_lesson = client.get(_french_lessons(course)[2].url, **FRENCH)

    assert "Examen des documents" in overview
    assert _done_titles(overview) == ["Leçon 1", "Leçon 2"]
    assert next_lesson.status_code == 200  # the second module opened: the first is done
    assert "Leçon 3" in next_lesson.content.decode()


def test_a_lesson_completed_in_french_counts_on_the_same_enrolment(client, learner, course):
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    french_lesson = _french_lessons(course)[0]

    response = client.post(reverse("learning:complete_lesson", args=[french_lesson.id]), **FRENCH)

    assert response.status_code == 302
    enrollment = Enrollment.objects.get(user=learner)
    assert enrollment.course_id == course.id
    assert list(StepCompletion.objects.values_list("step_key", flat=True)) == [
        f"lesson:{lessons_of(course)[0].id}"
    ]
    english = client.get(course.url).content.decode()
    assert _done_titles(english) == [lessons_of(course)[0].title]


def test_enrolling_from_the_french_page_enrols_in_the_course_once(client, learner, course):
    client.force_login(learner)
    french_course = course.get_translation(_fr())

    client.post(reverse("learning:enroll", args=[french_course.id]), **FRENCH)
    again = client.post(reverse("learning:enroll", args=[course.id]), follow=True)

    assert list(Enrollment.objects.values_list("course_id", flat=True)) == [course.id]
    assert "already enrolled" in again.content.decode()


def test_a_learner_not_enrolled_cannot_read_a_translated_lesson(client, learner, course):
    client.force_login(learner)
    french_lesson = _french_lessons(course)[0]

    response = client.get(french_lesson.url, **FRENCH)

    assert response.status_code == 302
    assert response.url == course.get_translation(_fr()).url


def test_the_lesson_lock_holds_in_french(client, learner, course):
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    response = client.get(_french_lessons(course)[2].url, **FRENCH)
    refused = client.post(
        reverse("learning:complete_lesson", args=[_french_lessons(course)[2].id]), **FRENCH
    )

    assert response.status_code == 302  # the first module is not done yet
    assert refused.status_code == 302
    assert not StepCompletion.objects.exists()


def test_the_course_page_offers_the_other_languages_it_is_published_in(client, learner, course):
    client.force_login(learner)

    english = client.get(course.url).content.decode()
    french = client.get(course.url, **FRENCH).content.decode()

    assert 'name="language" value="fr"' in english
    assert 'name="language" value="en"' not in english
    assert 'name="language" value="en"' in french
    assert '<h1 dir="auto" lang="fr">Examen des documents</h1>' in french


@pytest.mark.parametrize("lessons", [2, 10])
def test_the_translated_lesson_page_costs_what_the_original_does(client, learner, lessons):
    course = make_course(modules=1, lessons=lessons)
    translate(course, "fr")
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    client.force_login(learner)
    url = _french_lessons(course)[1].url
    client.get(url, **FRENCH)  # warm up

    with assert_queries(3):
        response = client.get(url, **FRENCH)

    assert response.status_code == 200
    assert 'lang="fr"' in response.content.decode()


def test_my_learning_shows_the_course_in_the_reader_s_language(client, learner, course):
    """The enrolment is the original's; a French reader's "My learning" names the French
    copy, its next lesson and its address, for one query more than in the course's own
    language (the translations of the courses listed)."""
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    client.force_login(learner)
    url = reverse("learning:dashboard")
    client.get(url, **FRENCH)

    with assert_queries(8):
        french = client.get(url, **FRENCH).content.decode()
    with assert_queries(7):
        english = client.get(url).content.decode()

    assert "Examen des documents" in french and "Document examination" not in french
    assert "Leçon 2" in french
    assert "Document examination" in english and "Examen des documents" not in english
