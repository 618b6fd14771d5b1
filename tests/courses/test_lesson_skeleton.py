"""A signed-in learner's lesson page is finished per request from a skeleton rendered once
per lesson and language (``courses.lesson_skeleton``, issue 19, P1). Each learner must still
see only their own page: their progress, their "Done" form with their own CSRF token, their
offline cache name, their path; someone with the admin link their admin link; and a
trainer's change at once."""

import re

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from courses import lesson_skeleton, page_cache
from courses.services import enrollment_create, lesson_complete
from offline.keys import user_cache_key
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


@pytest.fixture
def course():
    return make_course(modules=2, lessons=2)


def _signed_in(user, course) -> Client:
    enrollment_create(user=user, course=course)
    client = Client()
    client.force_login(user)
    return client


def _get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response


def _from_skeleton(response) -> bool:
    """Finished from a stored skeleton: only the learner's own parts were rendered."""
    names = {template.name for template in response.templates}
    return "base.html" not in names and "courses/_lesson_outline.html" in names


def _without_tokens(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value="…"', html)


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("save_data", ["", "on"])
def test_the_page_from_the_skeleton_is_the_page_rendered_whole(
    course, learner, settings, language, save_data
):
    first, second, third, fourth = lessons_of(course)
    client = _signed_in(learner, course)
    lesson_complete(user=learner, lesson=first)
    lesson_complete(user=learner, lesson=third)
    headers = {"HTTP_ACCEPT_LANGUAGE": language, "HTTP_SAVE_DATA": save_data}
    pages = {}
    for lesson in (first, second, third, fourth):  # done, open, done, open and last
        url = f"{lesson.url}?from=outline&x=<b>"
        _get(client, url, **headers)  # stores the skeleton
        warm = _get(client, url, **headers)
        assert _from_skeleton(warm)
        pages[lesson.pk] = warm.content.decode()

    settings.COURSE_PAGE_CACHE_ENABLED = False

    for lesson in (first, second, third, fourth):
        url = f"{lesson.url}?from=outline&x=<b>"
        whole = _get(client, url, **headers)
        assert not _from_skeleton(whole)
        assert _without_tokens(pages[lesson.pk]) == _without_tokens(whole.content.decode())
    assert ('dir="rtl"' in pages[first.pk]) is (language == "ar")
    assert (
        f'name="next" type="hidden" value="{second.url}?from=outline&amp;x=%3Cb%3E"'
        in (pages[second.pk])
    )


def _own_token(client, html: str) -> bool:
    tokens = TOKEN.findall(html)
    secret = client.cookies["csrftoken"].value
    return bool(tokens) and all(_unmask_cipher_token(token) == secret for token in tokens)


def test_learners_and_an_admin_on_one_lesson_each_see_their_own_page(course, learner):
    """From a warm cache: another learner's progress, "Done" form, token, offline name or
    admin link never shows on someone's page."""
    first, second, *_ = lessons_of(course)
    other = UserFactory(email="second@example.org", roles=["Learners"])
    admin = UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)
    clients = {user: _signed_in(user, course) for user in (learner, other, admin)}
    lesson_complete(user=learner, lesson=first)
    lesson_complete(user=learner, lesson=second)

    for round_ in range(3):  # the first round stores the skeleton, the others reuse it
        pages = {user: _get(client, second.url) for user, client in clients.items()}
        html = {user: response.content.decode() for user, response in pages.items()}
        if round_:
            assert _from_skeleton(pages[learner]) and _from_skeleton(pages[other])
            assert not _from_skeleton(pages[admin])  # the Wagtail user bar is rendered whole
        assert "50% complete (2 of 4 steps)" in html[learner]
        assert "You have completed this lesson." in html[learner]
        assert "Done, next lesson" not in html[learner]
        for someone in (other, admin):
            assert "0% complete (0 of 4 steps)" in html[someone]
            assert "You have completed this lesson." not in html[someone]
            assert "Done, next lesson" in html[someone]
        assert 'href="/admin/"' in html[admin]
        assert 'href="/admin/"' not in html[learner] + html[other]
        for user, client in clients.items():
            assert _own_token(client, html[user])
            assert f'content="{user_cache_key(user)}"' in html[user]
            for stranger in set(clients) - {user}:
                assert user_cache_key(stranger) not in html[user]


def test_a_learners_token_from_the_skeleton_signs_them_out(course, learner):
    client = _signed_in(learner, course)
    lesson = lessons_of(course)[0]
    _get(client, lesson.url)
    page = _get(client, lesson.url)
    assert _from_skeleton(page)
    client.handler.enforce_csrf_checks = True
    token = TOKEN.findall(page.content.decode())[0]

    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_title_published_shows_at_once_on_a_warm_skeleton(course, learner):
    client = _signed_in(learner, course)
    lesson = lessons_of(course)[0]
    _get(client, lesson.url)
    assert _from_skeleton(_get(client, lesson.url))

    lesson.title = "Referral of presumed victims"
    lesson.save_revision().publish()

    html = _get(client, lesson.url).content.decode()
    assert '<h1 dir="auto" lang="en">Referral of presumed victims</h1>' in html


def test_a_waiting_message_is_shown_on_the_page_and_only_once(course, learner):
    client = _signed_in(learner, course)
    lesson = lessons_of(course)[0]
    _get(client, lesson.url)
    client.post(reverse("learning:enroll", args=[course.pk]))  # enrolled already: a warning

    shown = _get(client, lesson.url)
    again = _get(client, lesson.url)

    assert 'class="messages"' in shown.content.decode()
    assert not _from_skeleton(shown)
    assert 'class="messages"' not in again.content.decode()
    assert _from_skeleton(again)


def test_nothing_of_a_person_is_in_the_stored_skeleton(course, learner, rf):
    client = _signed_in(learner, course)
    lesson = lessons_of(course)[0]
    _get(client, lesson.url)
    request = rf.get(lesson.url)
    request.user = learner

    stored, _, _ = page_cache.lookup(lesson_skeleton.cache_name(request, lesson))

    parts = [stored["page"], *stored["pagers"].values()]
    assert any("csrfmiddlewaretoken" in text for text in parts[0] if isinstance(text, str))
    text = repr(stored)
    for personal in (learner.email, user_cache_key(learner), client.cookies["csrftoken"].value):
        assert personal not in text
    assert ("value", "csrf_token") in parts[0] and ("value", "offline_cache_key") in parts[0]
    assert all(("value", "csrf_token") in pager for pager in parts[2:])  # "open": a form


def test_each_pager_from_the_skeleton_is_the_pager_rendered_whole(learner, other_learner, settings):
    """Modules in order give the pagers the other test does not: "Done, next" only once
    this step is done (the next module opens then), or back to the course (it stays
    closed)."""
    course = make_course(modules=2, lessons=2)
    course.modules_in_order = True
    course.save_revision().publish()
    first, second, *_ = lessons_of(course)
    clients = {user: _signed_in(user, course) for user in (learner, other_learner)}
    lesson_complete(user=other_learner, lesson=first)
    pages = {}
    for user, client in clients.items():
        for lesson in (first, second):
            _get(client, lesson.url)
            pages[user, lesson] = _get(client, lesson.url)
            assert _from_skeleton(pages[user, lesson])
    html = {key: page.content.decode() for key, page in pages.items()}
    skip = 'class="pager__skip" href="{}"'
    assert skip.format(second.url) in html[learner, first]
    assert "Done, next lesson" in html[learner, first]
    assert skip.format(course.url) in html[learner, second]  # the next module stays closed
    assert "Done, back to the course" in html[learner, second]
    assert skip.format(course.url) in html[other_learner, second]  # it opens once done
    assert "Done, next lesson" in html[other_learner, second]
    assert "You have completed this lesson." in html[other_learner, first]

    settings.COURSE_PAGE_CACHE_ENABLED = False

    for (user, lesson), page in html.items():
        whole = _get(clients[user], lesson.url).content.decode()
        assert _without_tokens(page) == _without_tokens(whole)


def test_the_site_and_data_saver_variant_are_worked_out_once_per_page(course, learner, monkeypatch):
    """The skeleton's name is asked for twice per page (the prefetch, then the page); the
    parts of it that come from the request (the host, the data saver) are worked out once
    (issue 19, P1), and the page is the one for the learner's variant."""
    first = lessons_of(course)[0]
    client = _signed_in(learner, course)
    _get(client, first.url, HTTP_SAVE_DATA="on")  # stores the skeleton
    worked_out = []
    original = lesson_skeleton.media_preferences
    monkeypatch.setattr(
        lesson_skeleton,
        "media_preferences",
        lambda request: worked_out.append(request) or original(request),
    )

    warm = _get(client, first.url, HTTP_SAVE_DATA="on")

    assert _from_skeleton(warm)
    assert len(worked_out) == 1
    name = lesson_skeleton.cache_name(warm.wsgi_request, first)
    assert ":save-data:" in name
    assert len(worked_out) == 1
