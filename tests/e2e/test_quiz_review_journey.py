"""A change to a live quiz goes through review (issue 14, item 4): a trainer edits a
question of a live quiz and submits it; a learner still gets the old question; the lead
compares and approves; the learner's next attempt has the new question."""

import pytest
from playwright.sync_api import Page, expect

from accounts import roles
from courses.models import ModulePage
from courses.services import enrollment_create
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, single
from tests.factories.courses import make_course

PASSWORD = "correct-horse-battery"
QUIZ = "Travel documents: check yourself"
OLD_QUESTION = "Which document proves the holder's nationality?"
NEW_QUESTION = "Which document proves nationality at the border?"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sign_in(page: Page, base_url: str, email: str, next_url: str) -> None:
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(f"{base_url}/accounts/login/?next={next_url}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def _start(page: Page, base_url: str, course_url: str) -> None:
    page.goto(f"{base_url}{course_url}")
    page.get_by_role("region", name="Modules").get_by_role("link", name=QUIZ).click()
    page.get_by_role("button", name="Start the quiz").click()


def test_a_trainer_changes_a_live_quiz_and_the_lead_approves_it(live_server, page, new_page, step):
    course = make_course(modules=1, lessons=1, title="Document examination")
    quiz = make_quiz(
        module=ModulePage.objects.child_of(course).get(),
        title=QUIZ,
        questions=[single(text=OLD_QUESTION)],
        max_attempts=None,
    )
    trainer = UserFactory(email="tariq.rahimi@example.org", roles=[roles.TRAINERS])
    lead = UserFactory(email="lena.lead@example.org", roles=[roles.LEAD_TRAINERS])
    learner = UserFactory(email="ana.ferreira@example.org", roles=[roles.LEARNERS])
    other = UserFactory(email="omar.other@example.org", roles=[roles.LEARNERS])
    for person in (learner, other):
        enrollment_create(user=person, course=course)
    edit_url = f"/admin/snippets/assessments/quiz/edit/{quiz.pk}/"

    with step("trainer-edits-and-submits"):
        _sign_in(page, live_server.url, trainer.email, next_url=edit_url)
        expect(page.get_by_role("button", name="Publish")).to_have_count(0)
        text = page.locator("#panel-questions-section").get_by_role(
            "textbox", name="Question text*"
        )
        text.fill(NEW_QUESTION)
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Submit to Lead trainer approval").click()
        expect(page.get_by_text("has been submitted for moderation")).to_be_visible()

    learner_page = new_page()
    with step("learner-still-gets-the-live-question"):
        _sign_in(learner_page, live_server.url, other.email, next_url=course.url)
        _start(learner_page, live_server.url, course.url)
        expect(learner_page.get_by_text(OLD_QUESTION)).to_be_visible()
        expect(learner_page.get_by_text(NEW_QUESTION)).to_have_count(0)

    lead_page = new_page()
    with step("lead-compares-and-approves"):
        _sign_in(lead_page, live_server.url, lead.email, next_url=edit_url)
        lead_page.goto(
            f"{live_server.url}/admin/snippets/assessments/quiz/history/{quiz.pk}"
            "/revisions/compare/live...latest/"
        )
        diff = lead_page.locator(".waypoint-question-diff")
        expect(diff.locator(".addition").first).to_be_visible()
        expect(diff).to_contain_text("Right answer: Passport")
        lead_page.goto(f"{live_server.url}{edit_url}")
        lead_page.get_by_role("button", name="More actions").click()
        lead_page.get_by_role("button", name="Approve and Publish", exact=True).click()
        expect(lead_page.get_by_text(f"Quiz '{QUIZ}' updated.")).to_be_visible()

    with step("learner-gets-the-new-question"):
        learner_page2 = new_page()
        _sign_in(learner_page2, live_server.url, learner.email, next_url=course.url)
        _start(learner_page2, live_server.url, course.url)
        expect(learner_page2.get_by_text(NEW_QUESTION)).to_be_visible()
        expect(learner_page2.get_by_text(OLD_QUESTION)).to_have_count(0)
