"""Issue 17, P6: a lesson is readable on an emulated weak link, cold and warm (the timings
are measured by `make bench`, not asserted here); and the offline screens on a phone, in
Arabic, right to left."""

import re

import pytest
from playwright.sync_api import expect

from bench.offline import lesson_on_weak_link
from courses.services import enrollment_create
from tests.e2e.conftest import SCREENSHOT_DIR, TIMEOUT_MS
from tests.e2e.offline_helpers import sign_in, wait_for_worker, wait_until_kept
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "samira.haddad@example.org"
PHONE = {"width": 390, "height": 844}


def _learner_in(course):
    learner = UserFactory(email=EMAIL, roles=["Learners"])
    enrollment_create(user=learner, course=course)
    return learner


def test_a_lesson_is_readable_on_a_weak_link_cold_and_then_from_the_device(
    live_server, browser, page
):
    course = make_course(modules=1, lessons=2)
    lesson = lessons_of(course)[1]
    _learner_in(course)
    sign_in(page, live_server.url, EMAIL)

    measured = lesson_on_weak_link(
        browser, live_server.url, lesson.url, cookies=page.context.cookies()
    )

    print(f"\nweak link: {measured}")
    assert measured["kept"], "the lesson read on the weak link was kept on the device"


@pytest.mark.parametrize(
    "viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"]
)
def test_offline_screens_in_arabic(live_server, browser, step, viewport):
    course = make_course(modules=1, lessons=2, title="إدارة الحدود")
    first, second = lessons_of(course)
    _learner_in(course)
    context = browser.new_context(locale="en-GB", viewport=viewport)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    name = f"offline-ar-{viewport['width']}"
    try:
        sign_in(page, live_server.url, EMAIL)
        context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
        with step("keep-course"):
            page.goto(live_server.url + course.url)
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
            wait_for_worker(page)
            page.get_by_role("button", name="إتاحة هذه الدورة التدريبية دون اتصال").click()
            download = page.get_by_role("button", name=re.compile(r"^تنزيل \(.+\)$"))
            expect(download).to_be_focused()  # the size is known: one button says it
            download.click()
            expect(page.get_by_text("متاحة دون اتصال:")).to_be_visible()
            page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-course.png"), full_page=True)
            wait_until_kept(page, second.url)
        with step("lesson-offline"):
            context.set_offline(True)
            page.goto(live_server.url + first.url)
            expect(page.get_by_text(f"The body of {first.title}")).to_be_visible()
            page.get_by_role("button", name="تمّ، الدرس التالي").click()
            expect(page.get_by_role("status").filter(has_text="بانتظار الإرسال")).to_be_visible()
            page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-lesson.png"), full_page=True)
        with step("offline-page"):
            page.goto(live_server.url + "/accounts/profile/")
            expect(page.get_by_role("heading", name="لا يوجد اتصال")).to_be_visible()
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
            page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-offline.png"), full_page=True)
    finally:
        context.close()
