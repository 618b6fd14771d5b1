"""A new learner signs up, verifies their address, finds a course by a word one of its lessons
teaches, enrols and works through half a course: "Done, next lesson", the done state, and a
lesson skipped for now."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.journeys import confirm_address_from_mail, sign_up
from tests.factories.courses import lessons_of, make_course

COURSE = "Document examination basics"
EMAIL = "amina.diallo@example.org"
PASSWORD = "quiet-harbour-lantern-47"
MRZ_SENTENCE = "The MRZ holds two lines of 44 characters: read it against the data page."

# Serialized rollback restores the site tree (home page, catalogue) that the migrations
# create, in case an earlier transactional test flushed it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _step_in(outline, title: str):
    """A step of the lesson page's course outline, by its exact title."""
    return outline.get_by_role("listitem").filter(
        has=outline.page.get_by_role("link", name=title, exact=True)
    )


def test_new_learner_signs_up_enrols_and_completes_two_lessons(live_server, mailoutbox, page, step):
    course = make_course(modules=2, lessons=2, title=COURSE)
    make_course(modules=1, lessons=1, title="Labour market integration")
    first, second, third, fourth = lessons_of(course)
    first.body = [("rich_text", f"<p>{MRZ_SENTENCE}</p>")]
    first.save_revision().publish()

    with step("sign-up"):
        sign_up(page, live_server.url, full_name="Amina Diallo", email=EMAIL, password=PASSWORD)

    with step("verify-email"):
        confirm_address_from_mail(page, live_server.url, mailoutbox, EMAIL)
        expect(page.get_by_role("heading", name="My learning", level=1)).to_be_visible()
        expect(page.get_by_text("You are not taking any course yet.")).to_be_visible()

    with step("search-lesson-text"):
        # Neither course's title nor summary says "MRZ": a lesson does (issue 16, learner 4).
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
        expect(page.get_by_role("heading", name="Courses", level=1)).to_be_visible()
        page.get_by_label("Search").fill("MRZ")
        page.get_by_role("button", name="Apply").click()
        expect(page.get_by_text("1 course", exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name="Labour market integration")).to_have_count(0)
        card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=COURSE))
        matches = card.get_by_role("list", name="Found in:")
        expect(matches.get_by_role("link", name=first.title)).to_have_attribute("href", first.url)
        expect(matches.locator("mark")).to_have_text("MRZ")
        expect(matches).to_contain_text("The MRZ holds two lines")

    with step("enrol"):
        page.get_by_role("heading", name=COURSE, level=2).get_by_role("link").click()
        expect(page.get_by_role("heading", name=COURSE, level=1)).to_be_visible()
        page.get_by_role("button", name="Enrol in this course").click()
        expect(page.get_by_text(f"You are enrolled. Welcome to {COURSE}!")).to_be_visible()
        expect(page.get_by_text("0% complete (0 of 4 steps)")).to_be_visible()
        page.get_by_role("link", name="Start the course").click()
        expect(page.get_by_role("heading", name=first.title, level=1)).to_be_visible()

    lesson_pager = page.get_by_role("navigation", name="Lesson navigation")
    outline = page.get_by_role("complementary", name="Course outline")
    with step("first-lesson"):
        # One press gives the credit and opens the next lesson (issue 16, learner 3).
        lesson_pager.get_by_role("button", name=re.compile(r"^Done, next lesson")).click()
        expect(page.get_by_role("heading", name=second.title, level=1)).to_be_visible()
        expect(page.get_by_text("25% complete (1 of 4 steps)")).to_be_visible()

    with step("done-state"):
        lesson_pager.get_by_role("link", name=re.compile(r"Previous")).click()
        expect(page.get_by_role("heading", name=first.title, level=1)).to_be_visible()
        expect(lesson_pager.locator(".lesson-done")).to_have_text(
            "Done ✓: You have completed this lesson."
        )
        expect(lesson_pager.get_by_role("button")).to_have_count(0)
        first_step = _step_in(outline, first.title)
        expect(first_step).to_contain_text("✓ Done")
        lesson_pager.get_by_role("link", name=re.compile(r"^Next lesson")).click()
        expect(page.get_by_role("heading", name=second.title, level=1)).to_be_visible()

    with step("second-lesson"):
        lesson_pager.get_by_role("button", name=re.compile(r"^Done, next lesson")).click()
        expect(page.get_by_role("heading", name=third.title, level=1)).to_be_visible()
        expect(page.get_by_text("50% complete (2 of 4 steps)")).to_be_visible()

    with step("skip-for-now"):
        lesson_pager.get_by_role("link", name=re.compile(r"^Skip for now")).click()
        expect(page.get_by_role("heading", name=fourth.title, level=1)).to_be_visible()
        expect(page.get_by_text("50% complete (2 of 4 steps)")).to_be_visible()
        expect(_step_in(outline, third.title)).not_to_contain_text("Done")

    with step("my-learning"):
        page.get_by_role("navigation", name="Main").get_by_role("link", name="My learning").click()
        expect(page.get_by_role("heading", name="My learning", level=1)).to_be_visible()
        in_progress = page.get_by_role("region", name="In progress")
        card = in_progress.get_by_role("listitem").filter(
            has=page.get_by_role("heading", name=COURSE)
        )
        expect(card.get_by_text("50% complete (2 of 4 steps)")).to_be_visible()
        # The course title is a visually hidden suffix, so the link makes sense out of context.
        continue_name = re.compile(rf"^Continue\W+{re.escape(COURSE)}$")
        continue_link = card.get_by_role("link", name=continue_name)
        expect(continue_link).to_have_attribute("href", third.url)
        expect(card.get_by_text(f"Next: {third.title}")).to_be_visible()
        continue_link.click()
        expect(page.get_by_role("heading", name=third.title, level=1)).to_be_visible()
