"""The WSGI handler gunicorn serves (``config.wsgi``) resolves a page the route cache knows
against Wagtail's patterns alone, without trying every include of ``config.urls`` first
(issue 19, P1); everything else, and every other resolve or reverse, is Django's."""

import io
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import get_resolver

from config.handlers import KnownPagesWSGIHandler
from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


def _get(handler, path: str, cookie: str = "") -> tuple[int, str]:
    status = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    # As Django's test client does: the test's transaction keeps its connection open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = handler(environ, lambda s, h, e=None: status.append(s))
        body = b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return int(status[0].split()[0]), body.decode()


@pytest.fixture
def signed_in_lesson(client):
    cache.clear()
    course = make_course(modules=1, lessons=2, title="Document examination")
    first, second = lessons_of(course)
    learner = UserFactory(roles=["Learners"])
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=first)
    client.force_login(learner)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    yield second, cookie
    cache.clear()


def test_a_known_page_is_resolved_without_trying_the_sites_other_urls(signed_in_lesson):
    lesson, cookie = signed_in_lesson
    handler = KnownPagesWSGIHandler()
    full = get_resolver(settings.ROOT_URLCONF)

    with mock.patch.object(full, "resolve", wraps=full.resolve) as site_resolve:
        first_status, _ = _get(handler, lesson.url, cookie)  # routed the slow way, remembered
        first_calls = site_resolve.call_count
        status, html = _get(handler, lesson.url, cookie)

    assert first_status == status == 200
    assert first_calls >= 1  # the first time, Django's URLconf decides
    assert site_resolve.call_count == first_calls  # then it is not asked again
    assert lesson.title in html and "Document examination" in html
    assert 'href="/learning/"' in html  # reverse() still uses the whole URLconf


def test_our_own_views_and_unknown_paths_are_resolved_as_django_does(signed_in_lesson):
    _, cookie = signed_in_lesson
    handler = KnownPagesWSGIHandler()

    assert _get(handler, "/learning/", cookie)[0] == 200
    assert _get(handler, "/healthz", "")[0] == 200
    assert _get(handler, "/no-such-page/", cookie)[0] == 404
