"""A course studied in two languages is one course in the reports: a learner who switched
is counted once, and the language of study filters (issue 15, item 4)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from accounts import roles
from courses.services import enrollment_create, lesson_complete
from tests.factories.courses import lessons_of, make_course
from tests.factories.reports import by_first_cell, screen_table
from tests.factories.translations import retitle, translate
from tests.reports.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def studied():
    course = make_course(title="Document examination", modules=1, lessons=3)
    retitle(translate(course, "fr"), "Examen des documents")
    french = Locale.objects.get(language_code="fr")
    switcher = person("switcher@example.org", "Sami Switcher", None)
    english_only = person("english@example.org", "Eva English", None)
    for learner in (switcher, english_only):
        enrollment_create(user=learner, course=course)
        lesson_complete(user=learner, lesson=lessons_of(course)[0])
    lesson_complete(user=switcher, lesson=lessons_of(course)[1].get_translation(french))
    return person("admin@example.org", "Admin", None, roles.ADMINISTRATORS)


def _rows(client, admin, name, **params):
    client.force_login(admin)
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return screen_table(response)[1]


def test_a_learner_who_studied_in_two_languages_is_counted_once(client, studied):
    rows = by_first_cell(_rows(client, studied, "reports_course_completion"))
    learners = _rows(client, studied, "reports_learner_progress")

    assert list(rows) == ["Document examination"]
    assert rows["Document examination"][2] == "2"  # enrolled
    assert sorted(row[0] for row in learners) == ["Eva English", "Sami Switcher"]


def test_the_reports_filter_by_language_of_study(client, studied):
    french = _rows(client, studied, "reports_learner_progress", language="fr")
    english = _rows(client, studied, "reports_learner_progress", language="en")
    spanish = _rows(client, studied, "reports_learner_progress", language="es")
    by_course = by_first_cell(_rows(client, studied, "reports_course_completion", language="fr"))

    assert [row[0] for row in french] == ["Sami Switcher"]
    assert sorted(row[0] for row in english) == ["Eva English", "Sami Switcher"]
    assert spanish == []
    assert by_course["Document examination"][2] == "1"


def test_an_unknown_language_is_refused_with_no_rows(client, studied):
    client.force_login(studied)

    response = client.get(reverse("reports_learner_progress"), {"language": "xx"})

    assert response.status_code == 200
    assert screen_table(response)[1] == []
