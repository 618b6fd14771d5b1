"""Issue 17: lessons a learner opened, and a course they made available offline, open
without a connection; a page never kept shows the offline page, which opens the page by
itself when the connection returns; signing out leaves nothing of the learner's on the
device."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from courses.services import enrollment_create
from tests.e2e.offline_helpers import kept_paths, sign_in, wait_for_worker, wait_until_kept
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COURSE = "Document examination offline"
EMAIL = "kofi.mensah@example.org"


def _course_with_learner():
    course = make_course(modules=2, lessons=2, title=COURSE)
    learner = UserFactory(email=EMAIL, roles=["Learners"])
    enrollment_create(user=learner, course=course)
    return course, lessons_of(course)


def _body(lesson) -> str:
    return f"The body of {lesson.title}"


def test_visited_lessons_open_offline_and_an_unvisited_page_shows_the_offline_page(
    live_server, page, step
):
    """...and the offline page opens the lesson by itself once the connection is back."""
    course, (first, second, third, _) = _course_with_learner()

    with step("visit-online"):
        sign_in(page, live_server.url, EMAIL)
        page.goto(live_server.url + first.url)
        wait_for_worker(page)
        wait_until_kept(page, first.url)  # kept although it loaded before the worker
        page.goto(live_server.url + course.url)
        page.goto(live_server.url + second.url)
        wait_until_kept(page, second.url)
        wait_until_kept(page, course.url)

    with step("read-offline"):
        page.context.set_offline(True)
        page.goto(live_server.url + first.url)
        expect(page.get_by_text(_body(first))).to_be_visible()
        expect(page.get_by_role("status").filter(has_text="You are offline")).to_be_visible()
        page.goto(live_server.url + course.url)
        expect(page.get_by_role("heading", name=COURSE, level=1)).to_be_visible()
        expect(page.get_by_role("link", name=third.title)).to_be_visible()  # the outline

    with step("unvisited-offline"):
        page.goto(live_server.url + third.url)
        expect(page.get_by_role("heading", name="No connection", level=1)).to_be_visible()
        expect(page.get_by_text(_body(third))).to_have_count(0)
        expect(page.get_by_text("This page opens by itself")).to_be_visible()

    with step("connection-returns"):
        page.context.set_offline(False)  # no click: the offline page tries again itself
        expect(page.get_by_text(_body(third))).to_be_visible(timeout=10_000)
        expect(page.get_by_role("heading", name="No connection")).to_have_count(0)


def test_signing_out_leaves_no_page_of_the_learner_on_the_device(live_server, page, step):
    course, (first, *_) = _course_with_learner()

    with step("visit"):
        sign_in(page, live_server.url, EMAIL)
        page.goto(live_server.url + first.url)
        wait_for_worker(page)
        wait_until_kept(page, first.url)

    with step("sign-out"):
        # Progress waiting to be sent is kept in the page's storage: it goes too.
        page.evaluate("() => localStorage.setItem('waypoint-pending-x', '[{}]')")
        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
        wait_for_worker(page)  # the worker was removed with the rest, and comes back empty
        assert kept_paths(page) == []
        assert page.evaluate("() => localStorage.length") == 0

    with step("offline-after-sign-out"):
        page.context.set_offline(True)
        page.goto(live_server.url + first.url)
        expect(page.get_by_role("heading", name="No connection", level=1)).to_be_visible()
        expect(page.get_by_text(_body(first))).to_have_count(0)


def test_the_offline_page_opened_at_its_own_address_stays_put(live_server, page):
    """It tries again only in place of a page that did not load: opened at its own address
    (as the service worker fetches it to keep it), it must not reload itself for ever."""
    loads = []
    page.on("load", lambda _page: loads.append(page.url))

    page.goto(live_server.url + reverse("offline:offline_page"))
    page.wait_for_timeout(4_500)  # the first try again would have come after 2 s

    assert loads == [live_server.url + reverse("offline:offline_page")]
