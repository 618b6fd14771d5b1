"""A learner takes a whole quiz with the keyboard alone and can always see where the focus is.

After each page loads, only Tab, Shift+Tab, the arrow keys, Space, Enter and typing are
used. Every element the focus lands on must show it (an outline or a box-shadow from
``:focus-visible``), and the result is announced: its heading receives the focus.
"""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, multiple, short_text, single
from tests.factories.courses import lessons_of, make_course

QUIZ = "Travel documents: check your knowledge"
EMAIL = "lina.petrova@example.org"
PASSWORD = "correct-horse-battery"
SINGLE = "Which document proves the holder's nationality?"
MULTIPLE = "Which of these are travel documents?"
TEXT = "Name the ICAO document that specifies machine readable travel documents."
# From the top of a page the focus passes the skip link, the brand and the main navigation.
MAX_TABS = 25
AUTOSAVE_URL = re.compile(r"/attempts/\d+/answer/$")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FOCUS_INDICATOR = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "nothing has the focus";
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none";
    if (el.matches(":focus-visible") && (outline || shadow)) return "";
    return `${el.outerHTML.slice(0, 120)} has the focus but does not show it`
        + ` (outline: ${style.outlineStyle} ${style.outlineWidth}, box-shadow: ${style.boxShadow})`;
}"""


def _assert_focus_visible(page: Page) -> None:
    problem = page.evaluate(FOCUS_INDICATOR)
    assert not problem, problem


def _press(page: Page, key: str) -> None:
    """Press a key that moves the focus; wherever it lands must show it."""
    page.keyboard.press(key)
    _assert_focus_visible(page)


def _tab_to(page: Page, target: Locator) -> None:
    for _ in range(MAX_TABS):
        _press(page, "Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {target}")


def _question(page: Page, text: str) -> Locator:
    return page.locator("fieldset.question").filter(has=page.locator("legend", has_text=text))


def _autosave(page: Page):
    """Wait for the answer the next key saves in the background, so the steps stay in order."""
    return page.expect_response(
        lambda response: response.request.method == "POST" and AUTOSAVE_URL.search(response.url)
    )


def test_learner_takes_a_quiz_with_the_keyboard_only(live_server, page, step):
    course = make_course(modules=1, lessons=1, title="Travel document checks")
    (lesson,) = lessons_of(course)
    quiz = make_quiz(
        module=lesson.get_parent().specific,
        title=QUIZ,
        questions=[
            single(text=SINGLE, right="Passport", wrong=("Boarding pass", "Hotel booking")),
            multiple(
                text=MULTIPLE,
                right=("Passport", "Refugee travel document"),
                wrong=("Hotel booking",),
            ),
            short_text(text=TEXT, answers=("Doc 9303",)),
        ],
        pass_mark=100,
    )
    learner = UserFactory(email=EMAIL, roles=["Learners"])
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lesson)
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))

    with step("sign-in"):
        page.goto(live_server.url + "/accounts/login/")
        _tab_to(page, page.get_by_label("Email"))
        page.keyboard.type(EMAIL)
        _press(page, "Tab")
        expect(page.get_by_label("Password")).to_be_focused()
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="My learning", level=1)).to_be_visible()

    with step("start"):
        page.goto(f"{live_server.url}/learning/quizzes/{quiz.id}/")
        _tab_to(page, page.get_by_role("button", name="Start the quiz"))
        page.keyboard.press("Enter")
        expect(page.get_by_text("Attempt 1 · 3 questions")).to_be_visible()

    single_choice, multiple_choice, text = (_question(page, t) for t in (SINGLE, MULTIPLE, TEXT))
    with step("single-choice"):
        _tab_to(page, single_choice.get_by_label("Passport"))
        with _autosave(page):
            _press(page, "ArrowDown")
        expect(single_choice.get_by_label("Boarding pass")).to_be_checked()
        expect(single_choice.get_by_label("Boarding pass")).to_be_focused()

    with step("multiple-choice"):
        _press(page, "Tab")
        expect(multiple_choice.get_by_label("Passport")).to_be_focused()
        with _autosave(page):
            page.keyboard.press("Space")
        _press(page, "Tab")
        with _autosave(page):
            page.keyboard.press("Space")
        expect(multiple_choice.get_by_label("Passport")).to_be_checked()
        expect(multiple_choice.get_by_label("Refugee travel document")).to_be_checked()
        expect(multiple_choice.get_by_label("Hotel booking")).not_to_be_checked()

    with step("change-single-choice"):
        _press(page, "Shift+Tab")
        _press(page, "Shift+Tab")
        expect(single_choice.get_by_label("Boarding pass")).to_be_focused()
        with _autosave(page):
            _press(page, "ArrowUp")
        expect(single_choice.get_by_label("Passport")).to_be_checked()
        expect(single_choice.locator(".question__status")).to_have_text("Saved")

    with step("short-text"):
        _tab_to(page, text.get_by_label("Your answer"))
        page.keyboard.type("doc 9303")
        with _autosave(page):  # the text is saved when it loses the focus
            _press(page, "Tab")
        expect(text.locator(".question__status")).to_have_text("Saved")
        expect(page.get_by_role("button", name="Save my answers")).to_be_focused()

    with step("submit"):
        _press(page, "Tab")
        expect(page.get_by_role("button", name="Review and submit")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Summary of your attempt")).to_be_visible()
        _tab_to(page, page.get_by_role("button", name="Submit all and finish"))
        page.keyboard.press("Enter")

    with step("result"):
        result = page.get_by_role("heading", name="Passed", exact=True)
        expect(result).to_be_visible()
        expect(result).to_be_focused()
        expect(page.get_by_text("3 of 3 points (100%)")).to_be_visible()
        _press(page, "Shift+Tab")
        expect(page.get_by_role("link", name=QUIZ)).to_be_focused()
