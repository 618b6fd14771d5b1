"""A learner coming back to a lesson over a slow link gets "304 Not Modified" when nothing on
their page changed; never another learner's page (courses.lesson_validators)."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory

from courses.services import enrollment_create, lesson_complete
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return make_course(modules=1, lessons=3)


def _enrolled_client(client, user, course):
    enrollment_create(user=user, course=course)
    client.force_login(user)
    return client


def test_repeated_lesson_request_answers_not_modified(client, learner, course):
    lesson = lessons_of(course)[1]
    _enrolled_client(client, learner, course)
    client.get(lesson.url)  # the first visit sets the CSRF cookie the page's form carries
    first = client.get(lesson.url)

    again = client.get(lesson.url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["ETag"]
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    for response in (first, again):
        assert "private" in response["Cache-Control"]
        assert "no-cache" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        vary = {part.strip().lower() for part in response["Vary"].split(",")}
        assert {"cookie", "save-data"} <= vary


def test_another_learner_with_the_same_etag_gets_their_own_page(
    client, learner, other_learner, course
):
    lesson = lessons_of(course)[1]
    _enrolled_client(client, learner, course)
    client.get(lesson.url)
    etag = client.get(lesson.url)["ETag"]
    other = _enrolled_client(Client(), other_learner, course)
    other.get(lesson.url)

    response = other.get(lesson.url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert response.context["user"] == other_learner
    assert response.context["enrollment"].user == other_learner


def test_completing_a_step_changes_the_etag(client, learner, course):
    first_lesson, lesson = lessons_of(course)[:2]
    _enrolled_client(client, learner, course)
    client.get(lesson.url)
    before = client.get(lesson.url)["ETag"]

    lesson_complete(user=learner, lesson=first_lesson)
    response = client.get(lesson.url, HTTP_IF_NONE_MATCH=before)

    assert response.status_code == 200
    assert response["ETag"] != before
    assert response.context["progress"].done == 1


def test_republished_lesson_changes_the_etag(client, learner, course):
    lesson = lessons_of(course)[1]
    _enrolled_client(client, learner, course)
    client.get(lesson.url)
    before = client.get(lesson.url)["ETag"]

    lesson.title = "Reading a passport's machine-readable zone"
    lesson.save_revision().publish()
    response = client.get(lesson.url, HTTP_IF_NONE_MATCH=before)

    assert response.status_code == 200
    assert "machine-readable zone" in response.content.decode()


def test_save_data_gets_its_own_etag(client, learner, course):
    lesson = lessons_of(course)[1]
    _enrolled_client(client, learner, course)
    client.get(lesson.url)
    full = client.get(lesson.url)["ETag"]

    response = client.get(lesson.url, HTTP_IF_NONE_MATCH=full, HTTP_SAVE_DATA="on")

    assert response.status_code == 200


def test_a_waiting_message_is_shown_not_answered_with_not_modified(client, learner, course):
    lesson = lessons_of(course)[1]
    _enrolled_client(client, learner, course)
    client.get(lesson.url)
    etag = client.get(lesson.url)["ETag"]
    # A message queued by an earlier request, as "mark as done" queues one.
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies[storage.cookie_name] = storage._encode(
        [Message(constants.SUCCESS, "Lesson marked as done.")]
    )

    response = client.get(lesson.url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "Lesson marked as done." in response.content.decode()
