"""A trainer creates a three-question quiz in the admin (multiple choice with four options,
true or false, short answer), saves it, and a learner takes it and passes.

The journey counts what the trainer does: clicks (links, buttons, ticks) and fields typed
into, and the fields the question forms show. Before issue 16 the same quiz took 16 clicks
(17 for a new trainer: the first save failed until the short answer was ticked "Correct")
and showed 36 question fields (every option its own block of four, each question its
points, category and explanation); the bounds below fail on that form.
"""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from accounts import roles
from assessments.models import Quiz
from courses.models import ModulePage
from courses.services import enrollment_create
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course

PASSWORD = "correct-horse-battery"
COURSE = "Document examination"
QUIZ = "Travel documents: check yourself"
MC_QUESTION = "Which document proves the holder's nationality?"
MC_OPTIONS = ("Passport", "Boarding pass", "Hotel booking", "Return ticket")
TF_QUESTION = "A visa is valid beyond the passport it is in."
SHORT_QUESTION = "Name the ICAO document on machine readable travel documents."
SHORT_ANSWER = "Doc 9303"
AUTOSAVE_URL = re.compile(r"/attempts/\d+/answer/$")

# What the journey may cost the trainer (before issue 16: 16-17 clicks, 9 fields, 36 shown).
MAX_CLICKS = 12
MAX_FIELDS_TYPED = 9
MAX_QUESTION_FIELDS_SHOWN = 13

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Effort:
    """The trainer's actions, counted as they are made."""

    def __init__(self):
        self.clicks = 0
        self.fields = 0

    def click(self, target: Locator) -> None:
        self.clicks += 1
        target.click()

    def tick(self, target: Locator) -> None:
        self.clicks += 1
        target.check()

    def type(self, target: Locator, text: str) -> None:
        self.fields += 1
        target.fill(text)


def _sign_in(page: Page, base_url: str, email: str, next_url: str) -> None:
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(f"{base_url}/accounts/login/?next={next_url}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def _add_question(effort: Effort, page: Page, kind: str) -> Locator:
    """The "+" at the end of the questions, then the kind; returns the new question."""
    questions = page.locator("#panel-questions-section")
    effort.click(questions.get_by_role("button", name="Insert a block").last)
    effort.click(page.get_by_role("option", name=kind, exact=True))
    return questions.locator("[data-streamfield-child]").filter(has_text=kind).last


def _fields_shown(page: Page) -> int:
    """Inputs a trainer sees in the questions (not those behind a settings button)."""
    return page.locator("#panel-questions-section").evaluate(
        """panel => [...panel.querySelectorAll('input:not([type=hidden]), textarea, select')]
            .filter(field => field.checkVisibility()).length"""
    )


def _autosave(page: Page):
    return page.expect_response(
        lambda response: response.request.method == "POST" and AUTOSAVE_URL.search(response.url)
    )


def test_trainer_authors_a_three_question_quiz_and_a_learner_passes_it(
    live_server, page, new_page, step
):
    course = make_course(modules=1, lessons=1, title=COURSE)
    module = ModulePage.objects.child_of(course).get()
    trainer = UserFactory(email="tariq.rahimi@example.org", roles=[roles.TRAINERS])
    learner = UserFactory(email="ana.ferreira@example.org", roles=[roles.LEARNERS])
    enrollment_create(user=learner, course=course)
    effort = Effort()

    with step("trainer-opens-a-new-quiz"):
        _sign_in(page, live_server.url, trainer.email, next_url="/admin/")
        effort.click(page.get_by_role("link", name="Quizzes"))
        effort.click(page.get_by_role("link", name="Add quiz").first)
        effort.type(page.get_by_role("textbox", name="Title*"), QUIZ)
        effort.click(page.get_by_role("button", name="Choose a page (Module)"))
        effort.click(page.get_by_role("dialog").get_by_role("link", name=module.title))
        expect(page.get_by_role("dialog")).to_be_hidden()

    with step("multiple-choice"):
        question = _add_question(effort, page, "Single choice")
        expect(question.get_by_role("textbox", name="Option")).to_have_count(4)
        effort.type(question.get_by_role("textbox", name="Question text*"), MC_QUESTION)
        rows = question.get_by_role("textbox", name="Option").all()
        for row, option in zip(rows, MC_OPTIONS, strict=True):
            effort.type(row, option)
        effort.tick(question.get_by_role("checkbox", name="Correct").first)

    with step("true-or-false"):
        question = _add_question(effort, page, "True or false")
        effort.type(question.get_by_role("textbox", name="Question text*"), TF_QUESTION)
        # False is the answer: nothing to tick.

    with step("short-answer"):
        question = _add_question(effort, page, "Short text")
        effort.type(question.get_by_role("textbox", name="Question text*"), SHORT_QUESTION)
        effort.type(question.get_by_role("textbox", name="Answer"), SHORT_ANSWER)

    with step("no-warning-before-saving"):
        expect(page.get_by_text("The minimum number of items")).to_have_count(0)
        expect(page.locator("#panel-questions-section .help-critical")).to_have_count(0)
        shown = _fields_shown(page)

    with step("save"):
        effort.click(page.get_by_role("button", name="Save draft", exact=True))
        expect(page.get_by_text(f"Quiz '{QUIZ}' created.")).to_be_visible()
        print(f"Trainer: {effort.clicks} clicks, {effort.fields} fields, {shown} fields shown")
        assert effort.clicks <= MAX_CLICKS
        assert effort.fields <= MAX_FIELDS_TYPED
        assert shown <= MAX_QUESTION_FIELDS_SHOWN

    # A new quiz is a draft until a lead trainer approves it (issue 14, item 4): submitting
    # is the review's step, not the authoring's, so it is not counted above.
    with step("submit-for-review"):
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Submit to Lead trainer approval").click()
        expect(page.get_by_text("has been submitted for moderation")).to_be_visible()
        lead = UserFactory(email="lena.lead@example.org", roles=[roles.LEAD_TRAINERS])
        quiz = Quiz.objects.get(title=QUIZ)
        quiz.current_workflow_task_state.approve(user=lead)

    learner_page = new_page()
    with step("learner-takes-the-quiz"):
        _sign_in(learner_page, live_server.url, learner.email, next_url=course.url)
        learner_page.get_by_role("region", name="Modules").get_by_role("link", name=QUIZ).click()
        learner_page.get_by_role("button", name="Start the quiz").click()
        expect(learner_page.get_by_text("Attempt 1 · 3 questions")).to_be_visible()
        questions = learner_page.locator("fieldset.question")
        with _autosave(learner_page):
            questions.filter(has_text=MC_QUESTION).get_by_label("Passport").check()
        with _autosave(learner_page):
            questions.filter(has_text=TF_QUESTION).get_by_label("False").check()
        answer = questions.filter(has_text=SHORT_QUESTION).get_by_label("Your answer")
        answer.fill("doc 9303")
        with _autosave(learner_page):
            answer.blur()
        learner_page.get_by_role("button", name="Review and submit").click()
        expect(learner_page.get_by_text("You have answered 3 of 3 questions.")).to_be_visible()
        learner_page.get_by_role("button", name="Submit all and finish").click()
        expect(learner_page.get_by_text("3 of 3 points (100%)")).to_be_visible()


def test_problems_are_named_by_question_number_and_the_editor_stays_put(live_server, page, step):
    """Saving with a question half-built names the question; "Go to the first error"
    scrolls to the message without moving the editor sideways."""
    trainer = UserFactory(email="tariq.rahimi@example.org", roles=[roles.TRAINERS])
    effort = Effort()

    with step("a-question-without-a-right-option"):
        _sign_in(
            page, live_server.url, trainer.email, next_url="/admin/snippets/assessments/quiz/add/"
        )
        page.get_by_role("textbox", name="Title*").fill("Half-built quiz")
        question = _add_question(effort, page, "True or false")
        question.get_by_role("textbox", name="Question text*").fill(TF_QUESTION)
        question = _add_question(effort, page, "Single choice")
        question.get_by_role("textbox", name="Question text*").fill(MC_QUESTION)
        rows = question.get_by_role("textbox", name="Option").all()
        for row, option in zip(rows, MC_OPTIONS, strict=True):
            row.fill(option)
        # Saving a draft keeps a half-built question; submitting it for review checks it.
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Submit to Lead trainer approval").click()

    with step("the-question-is-named"):
        messages = page.locator("#panel-questions-section .help-critical")
        summary = messages.first  # above the questions; then the one in question 2
        expect(summary).to_have_text("Question 2: Options: Tick exactly one option as correct.")
        expect(messages).to_have_count(2)
        editor = page.locator("#panel-questions-section")
        left_before = editor.evaluate("panel => panel.getBoundingClientRect().left")
        page.get_by_role("button", name="Go to the first error").click()
        expect(summary).to_be_in_viewport()
        expect(summary).to_be_focused()
        assert editor.evaluate("panel => panel.getBoundingClientRect().left") == left_before
        # Nothing to scroll sideways to: before issue 16 the collapsed minimap stuck out of
        # the editor's scrolling area, and bringing a field into view could shift it.
        main = page.locator("main")
        assert main.evaluate("main => [main.scrollLeft, main.scrollWidth - main.clientWidth]") == [
            0,
            0,
        ]
