"""An enrolled learner takes a module quiz, fails, retries and passes; the course completes.

Along the way: answers save as they change (JavaScript on) and survive a reload, and the
retry is taken with the keyboard alone.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, short_text, single
from tests.factories.courses import lessons_of, make_course

COURSE = "Travel document checks"
QUIZ = "Travel documents: check your knowledge"
EMAIL = "tomas.horvat@example.org"
PASSWORD = "correct-horse-battery"
CHOICE_QUESTION = "Which document proves the holder's nationality?"
TEXT_QUESTION = "Name the ICAO document that specifies machine readable travel documents."
# Tabbing from the top of the page passes the skip link, the brand and the main navigation.
MAX_TABS = 25
AUTOSAVE_URL = re.compile(r"/attempts/\d+/answer/$")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _question(page: Page, text: str):
    return page.locator("fieldset.question").filter(has=page.locator("legend", has_text=text))


def _autosave(page: Page):
    """Wait for the answer that the next action saves in the background.

    Waiting keeps the journey's steps in order: the next click must see the saved answer.
    (The SQLite test database is a file now, so overlapping requests no longer fail, but
    an answer still in flight would make the checks that follow race it.)
    """
    return page.expect_response(
        lambda response: response.request.method == "POST" and AUTOSAVE_URL.search(response.url)
    )


def _tab_until_focused(page: Page, target) -> None:
    """Press Tab, as a keyboard user would, until ``target`` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {target}")


def test_learner_fails_a_module_quiz_retries_and_completes_the_course(live_server, page, step):
    course = make_course(modules=1, lessons=1, title=COURSE)
    (lesson,) = lessons_of(course)
    make_quiz(
        module=lesson.get_parent().specific,
        title=QUIZ,
        questions=[
            single(
                text=CHOICE_QUESTION,
                right="Passport",
                wrong=("Boarding pass", "Hotel booking"),
            ),
            short_text(text=TEXT_QUESTION, answers=("Doc 9303",)),
        ],
        pass_mark=100,
        max_attempts=3,
        review_policy="after_pass",
    )
    learner = UserFactory(email=EMAIL, roles=["Learners"])
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lesson)

    # Chromium's favicon request would be one more request racing the journey's own.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    with step("sign-in"):
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        expect(page.get_by_role("heading", name="My learning", level=1)).to_be_visible()

    with step("course-outline"):
        page.goto(live_server.url + course.url)
        expect(page.get_by_role("heading", name=COURSE, level=1)).to_be_visible()
        expect(page.get_by_text("50% complete (1 of 2 steps)")).to_be_visible()
        modules = page.get_by_role("region", name="Modules")
        modules.get_by_role("link", name=QUIZ).click()

    with step("quiz-overview"):
        expect(page.get_by_role("heading", name=QUIZ, level=1)).to_be_visible()
        expect(page.get_by_text("Pass mark: 100%")).to_be_visible()
        expect(page.get_by_text("Attempts: 0 of 3 used")).to_be_visible()
        page.get_by_role("button", name="Start the quiz").click()
        expect(page.get_by_text("Attempt 1 · 2 questions")).to_be_visible()

    choice = _question(page, CHOICE_QUESTION)
    text = _question(page, TEXT_QUESTION)
    with step("autosave"):
        with _autosave(page):
            choice.get_by_label("Boarding pass").check()
        expect(choice.locator(".question__status")).to_have_text("Saved")
        page.reload()
        expect(choice.get_by_label("Boarding pass")).to_be_checked()
        expect(choice.get_by_label("Passport")).not_to_be_checked()

    with step("first-attempt"):
        text.get_by_label("Your answer").fill("Schengen Borders Code")
        with _autosave(page):  # the text is saved when it loses the focus
            text.get_by_label("Your answer").blur()
        expect(text.locator(".question__status")).to_have_text("Saved")
        page.get_by_role("button", name="Review and submit").click()
        expect(page.get_by_text("You have answered 2 of 2 questions.")).to_be_visible()
        page.get_by_role("button", name="Submit all and finish").click()
        expect(page.get_by_role("heading", name="Not passed yet")).to_be_visible()
        expect(page.get_by_text("0 of 2 points (0%)")).to_be_visible()
        expect(page.get_by_text("You have 2 attempts left.")).to_be_visible()
        # The review policy hides the right answers until the learner passes.
        expect(page.get_by_text("They will be shown once you pass.")).to_be_visible()
        expect(page.get_by_text("Doc 9303")).to_have_count(0)
        page.get_by_role("button", name="Try again").click()
        expect(page.get_by_text("Attempt 2 · 2 questions")).to_be_visible()

    with step("retry-by-keyboard"):
        expect(choice.get_by_role("radio", checked=True)).to_have_count(0)
        _tab_until_focused(page, choice.get_by_label("Passport"))
        with _autosave(page):
            page.keyboard.press("ArrowDown")
        expect(choice.get_by_label("Boarding pass")).to_be_checked()
        with _autosave(page):
            page.keyboard.press("ArrowUp")
        expect(choice.get_by_label("Passport")).to_be_checked()
        expect(choice.locator(".question__status")).to_have_text("Saved")
        page.keyboard.press("Tab")
        expect(text.get_by_label("Your answer")).to_be_focused()
        page.keyboard.type("Doc 9303")
        with _autosave(page):
            page.keyboard.press("Tab")
        expect(text.locator(".question__status")).to_have_text("Saved")
        expect(page.get_by_role("button", name="Save my answers")).to_be_focused()
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Review and submit")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Summary of your attempt")).to_be_visible()
        _tab_until_focused(page, page.get_by_role("button", name="Submit all and finish"))
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Passed", exact=True)).to_be_visible()
        expect(page.get_by_text("2 of 2 points (100%)")).to_be_visible()
        expect(page.get_by_role("button", name="Try again")).to_have_count(0)

    with step("way-on-to-the-certificate"):
        # The quiz was the course's last step: the result leads to the certificate.
        expect(page.get_by_text(f"You have completed the course “{COURSE}”.")).to_be_visible()
        expect(page.get_by_role("link", name="Download your certificate")).to_be_visible()

    with step("course-complete"):
        page.goto(live_server.url + course.url)
        expect(page.get_by_text("100% complete (2 of 2 steps)")).to_be_visible()
        expect(page.get_by_text("You have completed this course.")).to_be_visible()
        quiz_step = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=QUIZ))
        expect(quiz_step).to_contain_text(re.compile(r"\bDone\b"))
