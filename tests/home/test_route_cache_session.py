"""A signed-in page's session is read from the shared cache in the same round trip as its
route (home.middleware, issue 19, P1): the same session, never another's, and read from
the database as usual when the cache no longer has it."""

from unittest import mock

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.cache import cache

from courses.services import enrollment_create
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db

CACHED_DB = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def lesson_and_learner(settings):
    settings.SESSION_ENGINE = CACHED_DB
    settings.COURSE_PAGE_CACHE_ENABLED = True
    cache.clear()
    course = make_course(modules=1, lessons=1, title="Travel documents")
    (lesson,) = lessons_of(course)
    learner = UserFactory(roles=["Learners"], full_name="Amina Haddad")
    enrollment_create(user=learner, course=course)
    yield lesson, learner
    cache.clear()


def _signed_in(html: str) -> bool:
    return "Sign out" in html


def test_the_session_comes_with_the_route_in_one_round_trip(client, lesson_and_learner):
    lesson, learner = lesson_and_learner
    client.force_login(learner)
    client.get(lesson.url)  # routes the slow way and remembers the route

    with mock.patch.object(
        SessionStore, "load", autospec=True, side_effect=SessionStore.load
    ) as load:
        response = client.get(lesson.url)

    assert response.status_code == 200 and _signed_in(response.content.decode())
    assert load.call_count == 0  # the store did not read it again


def test_a_session_the_cache_lost_is_read_from_the_database(client, lesson_and_learner):
    lesson, learner = lesson_and_learner
    client.force_login(learner)
    client.get(lesson.url)
    session_key = client.session.session_key
    cache.delete(SessionStore(session_key).cache_key)  # evicted

    with mock.patch.object(
        SessionStore, "load", autospec=True, side_effect=SessionStore.load
    ) as load:
        response = client.get(lesson.url)

    assert response.status_code == 200 and _signed_in(response.content.decode())
    assert load.call_count == 1


def test_a_forged_or_ended_session_signs_nobody_in(client, lesson_and_learner, settings):
    lesson, learner = lesson_and_learner
    course_url = lesson.get_parent().get_parent().url  # a page every visitor may open
    client.force_login(learner)
    assert "Start the course" in client.get(course_url).content.decode()
    assert "Start the course" in client.get(course_url).content.decode()  # route now cached

    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32  # no such session
    assert "Sign in to enrol" in client.get(course_url).content.decode()

    client.force_login(UserFactory(roles=["Learners"]))  # not enrolled: their own page
    html = client.get(course_url).content.decode()
    assert "Enrol in this course" in html and "Start the course" not in html
    ended = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.logout()  # ends the session in the database and in the cache
    client.cookies[settings.SESSION_COOKIE_NAME] = ended  # a copy of the cookie, kept
    assert "Sign in to enrol" in client.get(course_url).content.decode()
