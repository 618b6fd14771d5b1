"""Finishing a quiz (issue 16, learner 1, 2 and 8): the summary before grading, a lost
connection at the moment of submitting, and the way on to the next step of the course.

The learner answers one question of two, sees the other listed as not answered, follows its
link back, answers it while the connection is down, and presses "Review and submit" still
offline: the page stays, says so, and goes on to the summary when the connection returns.
"Submit all and finish" pressed offline is kept in the same way and sent when the
connection is back; the result then leads on to the next lesson.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, single
from tests.factories.courses import lessons_of, make_course

COURSE = "Detecting forged documents"
QUIZ = "Security features: check your knowledge"
EMAIL = "joao.silva@example.org"
PASSWORD = "correct-horse-battery"
FIRST = "Which feature changes colour when the page is tilted?"
SECOND = "Where is the machine readable zone of a passport?"
OFFLINE = "You are offline. Keep this page open"
AUTOSAVE_URL = re.compile(r"/attempts/\d+/answer/$")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _question(page: Page, text: str):
    return page.locator("fieldset.question").filter(has=page.locator("legend", has_text=text))


def test_learner_reviews_submits_offline_and_continues(live_server, page, step):
    course = make_course(modules=2, lessons=1, title=COURSE)
    first_lesson, next_lesson = lessons_of(course)
    make_quiz(
        module=first_lesson.get_parent().specific,
        title=QUIZ,
        questions=[
            single(text=FIRST, right="Optically variable ink", wrong=("Microprint", "Watermark")),
            single(text=SECOND, right="At the foot of the data page", wrong=("On the cover",)),
        ],
        pass_mark=100,
        max_attempts=3,
    )
    learner = UserFactory(email=EMAIL, roles=["Learners"])
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=first_lesson)
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))

    with step("sign-in-and-start"):
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.goto(live_server.url + course.url)
        page.get_by_role("region", name="Modules").get_by_role("link", name=QUIZ).click()
        page.get_by_role("button", name="Start the quiz").click()
        expect(page.get_by_text("Attempt 1 · 2 questions")).to_be_visible()

    with step("summary-shows-the-unanswered-question"):
        with page.expect_response(lambda r: AUTOSAVE_URL.search(r.url) is not None):
            _question(page, FIRST).get_by_label("Optically variable ink").check()
        page.get_by_role("button", name="Save my answers").click()  # saved in place
        expect(page.get_by_role("alert")).to_have_text("Your answers are saved.")
        page.get_by_role("button", name="Review and submit").click()
        expect(page.get_by_role("heading", name="Summary of your attempt")).to_be_visible()
        expect(page.get_by_text("You have answered 1 of 2 questions.")).to_be_visible()
        answers = page.get_by_role("table", name="Your answers")
        expect(answers.get_by_role("row", name=re.compile("^Question 1"))).to_contain_text(
            "Answered"
        )
        expect(answers.get_by_role("row", name=re.compile("^Question 2"))).to_contain_text(
            "Not answered"
        )
        answers.get_by_role("link", name="Question 2").click()
        expect(_question(page, SECOND)).to_be_in_viewport()
        assert re.search(r"#question-\w", page.url)
        page.wait_for_load_state("domcontentloaded")  # the quiz's script has run

    with step("offline-review-and-submit-stays-on-the-quiz"):
        page.context.set_offline(True)
        _question(page, SECOND).get_by_label("At the foot of the data page").check()
        expect(_question(page, SECOND).locator(".question__status")).to_contain_text(
            "Not saved yet"
        )
        page.get_by_role("button", name="Review and submit").click()
        expect(page.get_by_role("alert")).to_contain_text(OFFLINE)
        expect(page.get_by_text("Attempt 1 · 2 questions")).to_be_visible()
        expect(_question(page, SECOND).get_by_label("At the foot of the data page")).to_be_checked()

    with step("connection-returns-and-the-summary-follows"):
        page.context.set_offline(False)
        expect(page.get_by_role("heading", name="Summary of your attempt")).to_be_visible()
        expect(page.get_by_text("You have answered 2 of 2 questions.")).to_be_visible()
        # Its script has run (it comes from the device): a person does not click in the
        # few milliseconds between the text showing and the script starting.
        page.wait_for_load_state("domcontentloaded")

    with step("offline-submit-all-and-finish-is-kept"):
        page.context.set_offline(True)
        page.get_by_role("button", name="Submit all and finish").click()
        expect(page.get_by_role("alert")).to_contain_text(OFFLINE)
        expect(page.get_by_role("heading", name="Summary of your attempt")).to_be_visible()
        page.context.set_offline(False)
        expect(page.get_by_role("heading", name="Passed", exact=True)).to_be_visible()
        expect(page.get_by_text("2 of 2 points (100%)")).to_be_visible()

    with step("continue-to-the-next-lesson"):
        expect(page.get_by_text(f"Next: {next_lesson.title}")).to_be_visible()
        page.get_by_role("link", name=re.compile("^Continue")).click()
        expect(page.get_by_role("heading", name=next_lesson.title, level=1)).to_be_visible()
