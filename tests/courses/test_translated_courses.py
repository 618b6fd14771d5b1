"""One course in several languages (issue 15, item 4): a translation stays linked to its
original, the catalogue lists the course once with its languages, and the language filter
finds it in French."""

import pytest

from courses.models import CoursePage, LessonPage, ModulePage
from courses.translations import original_of
from tests.factories.courses import lessons_of, make_course
from tests.factories.translations import retitle, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_in_french():
    course = make_course(modules=2, lessons=2, title="Document examination")
    french = retitle(translate(course, "fr"), "Examen des documents")
    return course, french


def test_translating_a_course_keeps_every_page_linked_to_its_original(course_in_french):
    course, french = course_in_french

    assert french.translation_key == course.translation_key
    assert french.locale.language_code == "fr"
    assert original_of(french) == course
    french_lessons = LessonPage.objects.descendant_of(french).live().order_by("path")
    assert [lesson.translation_key for lesson in french_lessons] == [
        lesson.translation_key for lesson in lessons_of(course)
    ]
    assert ModulePage.objects.descendant_of(french).count() == 2


def test_the_catalogue_lists_a_translated_course_once_with_its_languages(client, course_in_french):
    response = client.get("/courses/")

    page = response.content.decode()
    assert page.count("Document examination") == 1
    assert "Examen des documents" not in page
    assert "English, French" in page


def test_a_french_reader_sees_the_french_copy_in_the_catalogue(client, course_in_french):
    response = client.get("/courses/", headers={"accept-language": "fr"})

    page = response.content.decode()
    assert page.count("Examen des documents") == 1
    assert "Document examination" not in page
    assert "anglais, français" in page.lower()


def test_an_arabic_reader_sees_the_languages_joined_by_the_arabic_comma(client, course_in_french):
    page = client.get("/courses/", headers={"accept-language": "ar"}).content.decode()

    assert "الإنجليزية، الفرنسية" in page  # not the Latin comma


def test_the_language_filter_lists_courses_available_in_that_language(client, course_in_french):
    only_english = make_course(modules=1, lessons=1, title="Victims of trafficking")

    french = client.get("/courses/", {"language": "fr"}).content.decode()
    spanish = client.get("/courses/", {"language": "es"}).content.decode()
    english = client.get("/courses/", {"language": "en"}).content.decode()

    assert "Examen des documents" in french and only_english.title not in french
    assert "Examen des documents" not in spanish and "Document examination" not in spanish
    assert "Document examination" in english and only_english.title in english


def test_a_course_not_translated_opens_in_its_own_language_for_a_french_reader(
    client, course_in_french
):
    only_english = make_course(modules=1, lessons=1, title="Victims of trafficking")

    response = client.get(only_english.url, headers={"accept-language": "fr"})

    assert response.status_code == 200
    assert "Victims of trafficking" in response.content.decode()
    assert CoursePage.objects.filter(title="Victims of trafficking").count() == 1


def test_a_french_reader_finds_an_untranslated_course_by_its_lessons(client):
    make_course(modules=1, lessons=1, title="Document examination")
    french_course = make_course(modules=1, lessons=1, title="Victims of trafficking")
    translate(french_course, "fr")

    response = client.get("/courses/", {"q": "official"}, headers={"accept-language": "fr"})

    page = response.content.decode()
    assert "Document examination" in page and "Victims of trafficking" in page


def test_the_lead_trainer_may_publish_in_the_translated_catalogue(course_in_french):
    from wagtail.models import WorkflowPage

    from tests.factories.accounts import UserFactory

    _, french = course_in_french
    lead = UserFactory(email="lead@example.org", roles=["Lead trainers"])
    catalogue = french.get_parent()

    assert french.permissions_for_user(lead).can_publish()
    original = WorkflowPage.objects.filter(page=catalogue.get_translation(_english()))
    assert list(WorkflowPage.objects.filter(page=catalogue).values_list("workflow", flat=True)) == (
        list(original.values_list("workflow", flat=True))
    )


def _english():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")
