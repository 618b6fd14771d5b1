"""Issue 17, items 2 and 3: "Done" pressed without a connection is kept on the device,
said to be waiting, and counted once when it is sent, however often it is replayed and on
however many devices; a whole course kept on the device opens offline and can be removed."""

import json
import re

import pytest
from playwright.sync_api import expect

from courses.models import StepCompletion
from courses.services import enrollment_create
from tests.e2e.conftest import SCREENSHOT_DIR
from tests.e2e.offline_helpers import kept_paths, sign_in, wait_for_worker, wait_until_kept
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

# Once the size is known, one button says it: "Download (82 kB)".
DOWNLOAD = re.compile(r"^Download \(\d[\d.,]* [kM]B\)$")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "lucia.fernandez@example.org"
PENDING = "Completed lessons waiting to be sent: 1."


def _completions(lesson) -> int:
    return StepCompletion.objects.filter(step_key=f"lesson:{lesson.id}").count()


def _pending_key(page) -> str:
    return "waypoint-pending-" + page.locator('meta[name="waypoint-offline"]').get_attribute(
        "content"
    )


def test_done_pressed_offline_is_sent_once_when_the_connection_returns(
    live_server, page, new_page, step
):
    course = make_course(modules=1, lessons=3, title="Interviewing at the border")
    first, second, third = lessons_of(course)
    learner = UserFactory(email=EMAIL, roles=["Learners"])
    enrollment_create(user=learner, course=course)

    with step("visit-online"):
        sign_in(page, live_server.url, EMAIL)
        for lesson in (second, first):
            page.goto(live_server.url + lesson.url)
            wait_for_worker(page)
            wait_until_kept(page, lesson.url)

    with step("done-offline"):
        page.context.set_offline(True)
        page.get_by_role("button", name="Done, next lesson").click()
        # The next lesson was kept on the device: the learner reads on.
        expect(page).to_have_url(live_server.url + second.url)
        expect(page.get_by_role("status").filter(has_text=PENDING)).to_be_visible()
        page.screenshot(path=str(SCREENSHOT_DIR / "offline-done-waiting.png"), full_page=True)
        assert _completions(first) == 0
        page.goto(live_server.url + first.url)
        expect(page.get_by_text("Done: kept on this device")).to_be_visible()

    with step("back-online"):
        page.context.set_offline(False)
        expect(
            page.get_by_role("status").filter(has_text="Your progress has been sent.")
        ).to_be_visible()
        assert _completions(first) == 1

    with step("replayed-twice"):
        stale = json.dumps([{"url": f"/learning/lessons/{first.id}/complete/", "at": 0}])
        key = _pending_key(page)
        for _ in range(2):
            page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, stale])
            page.reload()
            expect(
                page.get_by_role("status").filter(has_text="Your progress has been sent.")
            ).to_be_visible()
        assert _completions(first) == 1

    with step("second-device"):
        phone = new_page()
        sign_in(phone, live_server.url, EMAIL)
        phone.goto(live_server.url + first.url)
        expect(phone.get_by_role("button", name="Done, next lesson")).to_have_count(0)
        phone.goto(live_server.url + third.url)
        wait_for_worker(phone)
        wait_until_kept(phone, third.url)
        phone.context.set_offline(True)
        page.goto(live_server.url + third.url)
        page.context.set_offline(True)
        for device in (phone, page):
            device.get_by_role("button", name="Done, back to the course").click()
            expect(device.get_by_role("status").filter(has_text=PENDING)).to_be_visible()
        for device in (phone, page):
            device.context.set_offline(False)
            expect(
                device.get_by_role("status").filter(has_text="Your progress has been sent.")
            ).to_be_visible()
        assert _completions(third) == 1
        assert StepCompletion.objects.filter(enrollment__user=learner).count() == 2


def test_a_course_made_available_offline_opens_without_a_connection_and_can_be_removed(
    live_server, page, step
):
    course = make_course(modules=2, lessons=2, title="Risk analysis at the border")
    lessons = lessons_of(course)
    UserFactory(email=EMAIL, roles=["Learners"])
    enrollment_create(user=UserFactory._meta.model.objects.get(email=EMAIL), course=course)

    with step("size-first"):
        sign_in(page, live_server.url, EMAIL)
        page.goto(live_server.url + course.url)
        wait_for_worker(page)
        page.get_by_role("button", name="Make this course available offline").click()
        expect(page.get_by_text("takes about")).to_be_visible()
        assert not any(lesson.url in kept_paths(page) for lesson in lessons)

    with step("download"):
        page.get_by_role("button", name=DOWNLOAD).click()
        expect(page.get_by_text("Available offline:")).to_be_visible()
        expect(page.get_by_role("button", name="Remove the offline copy")).to_be_visible()
        page.screenshot(path=str(SCREENSHOT_DIR / "offline-course-kept.png"), full_page=True)

    with step("read-offline"):
        page.context.set_offline(True)
        for lesson in lessons:  # none was opened before
            page.goto(live_server.url + lesson.url)
            expect(page.get_by_text(f"The body of {lesson.title}")).to_be_visible()

    with step("remove"):
        page.context.set_offline(False)
        page.goto(live_server.url + course.url)
        page.get_by_role("button", name="Remove the offline copy").click()
        expect(page.get_by_text("The offline copy has been removed")).to_be_visible()
        page.context.set_offline(True)
        page.goto(live_server.url + lessons[-1].url)
        expect(page.get_by_role("heading", name="No connection", level=1)).to_be_visible()
