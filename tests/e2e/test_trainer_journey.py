"""A trainer starts a course from "New course" on the admin dashboard, authors it in the
Wagtail admin (course, module, lesson with a content block, and a module quiz with a
question), previews the course with its drafts in the editor's preview panel, and submits
it for moderation; nobody outside the admin sees it; the lead trainer approves it from the
dashboard, where it is grouped under its course; learners find it, and its lesson and quiz
open.

Three people, three browser contexts: the trainer (``page``), the lead trainer and a learner.
"""

import re
from contextlib import contextmanager

import pytest
from django.utils.text import slugify
from playwright.sync_api import Page, expect

from accounts import roles
from tests.e2e.conftest import _screenshot
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_topic

PASSWORD = "correct-horse-battery"
TOPIC = "Border management"
COURSE = "Managing mixed migration flows"
MODULE = "Screening at the border"
LESSON = "First contact interviews"
LESSON_TEXT = "Greet the traveller, explain who you are, and listen before you ask."
QUIZ = "Screening: check your knowledge"
QUESTION = "Who decides on a claim for asylum?"
RIGHT = "The asylum authority"
WRONG = "The border guard at the first interview"
WORKFLOW_ACTION = "Submit to Lead trainer approval"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def step(page, new_page, request):
    """``with step(name):`` as in conftest, with a screenshot of every person's browser."""

    @contextmanager
    def _step(name: str):
        try:
            yield
        except BaseException:
            for number, each in enumerate([page, *new_page.opened]):
                _screenshot(each, f"{request.node.name}-{name}-{number}")
            raise

    return _step


def _sign_in(page: Page, base_url: str, email: str, next_url: str = "") -> None:
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(base_url + "/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def _fill_title(page: Page, title: str) -> None:
    """Type the page title; leaving the field fills in the slug, as it does for a trainer."""
    field = page.get_by_role("textbox", name="Title*")
    field.fill(title)
    field.press("Tab")
    expect(page.locator("#id_slug")).not_to_have_value("")


def _save_draft(page: Page, title: str) -> str:
    """Save the page as a draft; returns the path of its edit view."""
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(f"Page '{title}' created.")).to_be_visible()
    return re.sub(r"^https?://[^/]+", "", page.url)


def _submit_for_moderation(page: Page, title: str) -> None:
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=WORKFLOW_ACTION).click()
    submitted = re.compile(rf"Page '{re.escape(title)}' (created and|has been) submitted")
    expect(page.get_by_text(submitted)).to_be_visible()


def _add_child_page(page: Page) -> None:
    page.get_by_role("navigation", name="Actions", exact=True).get_by_role(
        "button", name="Actions"
    ).click()
    page.get_by_role("link", name="Add child page").click()


def _field_section(page: Page, field: str):
    """A field's section of the page editor, by the end of its id only: Wagtail names the
    tab part after the tab's heading in the language active when the page type's editor
    was first built in the process ("panel-child-contenu-body-section" once a French
    editor came first, which a full test run does)."""
    return page.locator(f"section[id$='-{field}-section']")


def _add_block(panel, page: Page, block: str | None = None) -> None:
    """The "+" of a StreamField; with more than one kind of block, pick one from the menu."""
    panel.get_by_role("button", name="Insert a block").last.click()
    if block:
        page.get_by_role("option", name=block, exact=True).click()


def test_trainer_authors_a_course_lead_trainer_approves_it_learners_see_it(
    live_server, page, new_page, step
):
    # Topics are the lead trainers' and administrators' to create; trainers pick one.
    make_topic(TOPIC)
    trainer = UserFactory(
        email="tariq.rahimi@example.org", full_name="Tariq Rahimi", roles=[roles.TRAINERS]
    )
    lead = UserFactory(
        email="lena.moreau@example.org", full_name="Léna Moreau", roles=[roles.LEAD_TRAINERS]
    )
    learner = UserFactory(email="ana.ferreira@example.org", roles=[roles.LEARNERS])
    course_url = f"{live_server.url}/courses/{slugify(COURSE)}/"
    edit_urls = {}

    with step("trainer-signs-in"):
        _sign_in(page, live_server.url, trainer.email, next_url="/admin/")
        expect(page.get_by_role("link", name="Quizzes")).to_be_visible()
        your_courses = page.get_by_role("region", name="Your courses")
        expect(your_courses).to_contain_text("You have no drafts")

    with step("create-course"):
        # One labelled action, on the dashboard and in the menu: no "⊕" to find.
        expect(
            page.get_by_role("navigation").get_by_role("link", name="New course")
        ).to_be_visible()
        your_courses.get_by_role("link", name="New course").click()
        expect(page.get_by_role("heading", name="New: Course")).to_be_visible()
        _fill_title(page, COURSE)
        page.get_by_role("textbox", name="Summary*").fill(
            "How border officials screen and refer people arriving in mixed flows."
        )
        objectives = _field_section(page, "objectives")
        _add_block(objectives, page)
        objectives.get_by_role("textbox").fill("Tell refugees, migrants and victims apart")
        page.get_by_role("button", name="Choose topic").click()
        page.get_by_role("dialog").get_by_role("link", name=TOPIC).click()
        expect(page.get_by_role("dialog")).to_be_hidden()
        page.get_by_label("Level*").select_option(label="Intermediate")
        page.get_by_role("spinbutton", name="Duration (hours)*").fill("3")
        edit_urls[COURSE] = _save_draft(page, COURSE)

    with step("add-module"):
        _add_child_page(page)
        expect(page.get_by_role("heading", name="New: Module")).to_be_visible()
        _fill_title(page, MODULE)
        page.get_by_role("textbox", name="Summary").fill("Who is arriving, and what they need.")
        edit_urls[MODULE] = _save_draft(page, MODULE)

    with step("add-lesson-and-submit-it"):
        _add_child_page(page)
        expect(page.get_by_role("heading", name="New: Lesson")).to_be_visible()
        _fill_title(page, LESSON)
        page.get_by_role("spinbutton", name="Estimated minutes*").fill("15")
        body = _field_section(page, "body")
        _add_block(body, page, "Text")
        body.get_by_role("textbox").click()
        page.keyboard.type(LESSON_TEXT)
        # The rich text editor copies its content into the form a moment after typing.
        expect(body.locator("input[type=hidden][name$='-value']")).to_have_value(
            re.compile(re.escape(LESSON_TEXT))
        )
        _submit_for_moderation(page, LESSON)

    with step("preview-course-with-its-drafts"):
        page.goto(live_server.url + edit_urls[COURSE])
        page.get_by_role("button", name="Toggle preview").click()
        preview = page.frame_locator("#w-preview-iframe")
        expect(preview.get_by_role("heading", name=COURSE, level=1)).to_be_visible()
        expect(preview.get_by_text("1 module", exact=False)).to_be_visible()
        modules = preview.get_by_role("region", name="Modules")
        expect(modules.get_by_role("link", name=MODULE)).to_be_visible()
        expect(modules.get_by_role("link", name=LESSON)).to_be_visible()
        expect(preview.get_by_role("button", name="Enrol in this course")).to_be_disabled()
        expect(preview.get_by_text("Buttons do nothing in a preview")).to_be_visible()

    with step("author-quiz"):
        page.get_by_role("link", name="Quizzes").click()
        page.get_by_role("link", name="Add quiz").first.click()
        page.get_by_role("textbox", name="Title*").fill(QUIZ)
        page.get_by_role("button", name="Choose a page (Module)").click()
        page.get_by_role("dialog").get_by_role("link", name=MODULE, exact=True).click()
        expect(page.get_by_role("dialog")).to_be_hidden()
        page.get_by_role("spinbutton", name="Pass mark (%)*").fill("100")
        questions = page.locator("#panel-questions-section")
        _add_block(questions, page, "Single choice")
        questions.get_by_role("textbox", name="Question text*").fill(QUESTION)
        # A new question has four empty option rows; the rows left empty are dropped.
        questions.get_by_role("textbox", name="Option").first.fill(RIGHT)
        questions.get_by_role("checkbox", name="Correct").first.check()
        questions.get_by_role("textbox", name="Option").nth(1).fill(WRONG)
        # A quiz goes live only once a lead trainer approves it (issue 14, item 4).
        expect(page.get_by_role("button", name="Publish")).to_have_count(0)
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name=WORKFLOW_ACTION).click()
        expect(page.get_by_text(re.compile("submitted for moderation"))).to_be_visible()

    with step("submit-module-and-course"):
        for title in (MODULE, COURSE):
            page.goto(live_server.url + edit_urls[title])
            _submit_for_moderation(page, title)

    learner_page = new_page()
    with step("not-live-yet"):
        response = learner_page.goto(course_url)
        assert response.status == 404
        _sign_in(learner_page, live_server.url, learner.email)
        learner_page.goto(live_server.url + "/courses/")
        expect(learner_page.get_by_role("heading", name="Courses", level=1)).to_be_visible()
        expect(learner_page.get_by_role("link", name=COURSE)).to_have_count(0)
        assert learner_page.goto(course_url).status == 404

    lead_page = new_page()
    with step("lead-trainer-approves"):
        _sign_in(lead_page, live_server.url, lead.email, next_url="/admin/")
        awaiting = lead_page.get_by_role("region", name="Awaiting your review")
        # One group for the course, its pages with their kind and module.
        group = awaiting.get_by_role("region", name=f"Course: {COURSE}")
        expect(group.get_by_role("row").filter(has_text=LESSON)).to_contain_text(
            f"Lesson · module {MODULE}"
        )

        def row_of(title):
            return group.get_by_role("row").filter(
                has=lead_page.get_by_role("link", name=title, exact=True)
            )

        for title in (COURSE, MODULE, LESSON):
            expect(row_of(title)).to_contain_text(trainer.full_name)
        for title in (COURSE, MODULE, LESSON):
            row = row_of(title)
            row.get_by_role("button", name="Actions").click()
            row.get_by_role("button", name="Approve", exact=True).click()
            expect(row_of(title)).to_have_count(0)

    with step("lead-trainer-approves-the-quiz"):
        other_items = awaiting.get_by_role("region", name="Other items")
        other_items.get_by_role("link", name=QUIZ).click()
        lead_page.get_by_role("button", name="More actions").click()
        lead_page.get_by_role("button", name="Approve and Publish", exact=True).click()
        expect(lead_page.get_by_text(f"Quiz '{QUIZ}' updated.")).to_be_visible()

    with step("live-in-the-catalogue"):
        learner_page.goto(live_server.url + "/courses/")
        learner_page.get_by_role("heading", name=COURSE, level=2).get_by_role("link").click()
        expect(learner_page.get_by_role("heading", name=COURSE, level=1)).to_be_visible()
        expect(
            learner_page.get_by_text("Tell refugees, migrants and victims apart")
        ).to_be_visible()
        learner_page.get_by_role("button", name="Enrol in this course").click()
        expect(learner_page.get_by_text("0% complete (0 of 2 steps)")).to_be_visible()

    modules = learner_page.get_by_role("region", name="Modules")
    with step("lesson-opens"):
        modules.get_by_role("link", name=LESSON).click()
        expect(learner_page.get_by_role("heading", name=LESSON, level=1)).to_be_visible()
        expect(learner_page.get_by_text(LESSON_TEXT)).to_be_visible()

    with step("quiz-opens"):
        learner_page.goto(course_url)
        modules.get_by_role("link", name=QUIZ).click()
        expect(learner_page.get_by_role("heading", name=QUIZ, level=1)).to_be_visible()
        expect(learner_page.get_by_text("Pass mark: 100%")).to_be_visible()
        learner_page.get_by_role("button", name="Start the quiz").click()
        question = learner_page.locator("fieldset.question").filter(has_text=QUESTION)
        expect(question.get_by_label(RIGHT)).to_be_visible()
        expect(question.get_by_label(WRONG)).to_be_visible()
