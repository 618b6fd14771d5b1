"""Every learner-facing page answers in a fixed number of queries, whatever the size of a
course: 3 lessons or 30 cost the same. The lesson page stays within the P1 budget of 10,
also when the shared cache of outlines and restrictions is empty.

The numbers here are the ones docs/query-budget.md lists."""

import pytest
from django.urls import reverse

from courses.page_cache import course_content_changed
from courses.services import enrollment_create, lesson_complete
from tests.factories.courses import lessons_of, make_course
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db

LESSON_PAGE_BUDGET = 10
SMALL = {"modules": 1, "lessons": 3}
LARGE = {"modules": 3, "lessons": 10}


def _enrolled_with_progress(learner, size):
    course = make_course(**size)
    enrollment_create(user=learner, course=course)
    lessons = lessons_of(course)
    lesson_complete(user=learner, lesson=lessons[0])
    return course, lessons


def _queries_for(client, url, expected):
    client.get(url)  # warm up: site root paths, session flags
    with assert_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["3-lessons", "30-lessons"])
def test_lesson_page(client, learner, size):
    _, lessons = _enrolled_with_progress(learner, size)
    client.force_login(learner)

    _queries_for(client, lessons[1].url, 3)


def test_lesson_page_is_within_the_p1_budget_right_after_a_trainer_publishes(client, learner):
    """The first view after any change reads the course, its outline and the
    restrictions again, and still fits the budget. One of the nine is the languages each
    page of the course is published in (its language switcher and ``lang``), read with the
    outline into the shared cache."""
    _, lessons = _enrolled_with_progress(learner, LARGE)
    client.force_login(learner)
    client.get(lessons[-1].url)
    course_content_changed()

    with assert_queries(9) as context:
        response = client.get(lessons[-1].url)
    assert response.status_code == 200
    assert len(context.captured_queries) <= LESSON_PAGE_BUDGET


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["3-lessons", "30-lessons"])
def test_course_page(client, learner, size):
    course, _ = _enrolled_with_progress(learner, size)
    client.force_login(learner)

    _queries_for(client, course.url, 3)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["3-lessons", "30-lessons"])
def test_dashboard(client, learner, size):
    _enrolled_with_progress(learner, size)
    _enrolled_with_progress(learner, size)
    client.force_login(learner)

    _queries_for(client, reverse("learning:dashboard"), 7)


@pytest.mark.parametrize("courses", [2, 8])
def test_catalogue(client, learner, courses):
    for _ in range(courses):
        _enrolled_with_progress(learner, SMALL)
    client.force_login(learner)

    _queries_for(client, "/courses/", 6)


@pytest.mark.parametrize("courses", [2, 8])
def test_catalogue_and_course_page_in_french_with_translated_topics(client, learner, courses):
    """Topic names in the reader's language cost no query: they come with the courses
    (``courses.topics``), and the filter lists one copy of each topic in its own query."""
    from tests.factories.translations import translate

    for number in range(courses):
        course, _ = _enrolled_with_progress(learner, SMALL)
        if number % 2:
            translate(course.topic, "fr").save()
            translate(course, "fr")
    # The French catalogue translated too (until then wagtail-localize keeps it an alias of
    # the English one, whose view restrictions Wagtail reads in four queries more).
    translate(course.get_parent().specific, "fr", subtree=False)
    client.force_login(learner)
    learner.preferred_language = "fr"
    learner.save()

    french = {"accept-language": "fr"}
    client.get("/courses/", headers=french)
    with assert_queries(6):
        assert client.get("/courses/", headers=french).status_code == 200
    # With the topic filter, one more (as before topics were translated): the topic.
    client.get("/courses/", {"topic": course.topic.slug}, headers=french)
    with assert_queries(7):
        response = client.get("/courses/", {"topic": course.topic.slug}, headers=french)
    assert response.status_code == 200
    client.get(course.url, headers=french)
    with assert_queries(3):
        assert client.get(course.url, headers=french).status_code == 200


@pytest.mark.parametrize("courses", [2, 8])
def test_catalogue_search_through_the_lessons(client, learner, courses):
    """Every lesson of the factory says "official": each course is found by its lessons,
    and its card names three of them with a snippet (issue 16, learner 4)."""
    for _ in range(courses):
        _enrolled_with_progress(learner, SMALL)
    client.force_login(learner)

    response = _queries_for(client, "/courses/?q=official", 8)
    assert response.content.decode().count("<mark>official</mark>") == 3 * courses


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["3-lessons", "30-lessons"])
def test_module_page(client, learner, size):
    course, lessons = _enrolled_with_progress(learner, size)
    client.force_login(learner)

    _queries_for(client, lessons[0].get_parent().url, 3)
