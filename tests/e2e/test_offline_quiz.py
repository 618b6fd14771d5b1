"""Issue 17, item 4: quiz answers given without a connection are kept on the device, survive
a reload, and reach the server; the learner is told which are saved; the submit waits for
the connection. Nothing is graded on the device, and no answer key reaches it (R2)."""

import pytest
from django.templatetags.static import static
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import AttemptAnswer
from assessments.services import attempt_start
from courses.services import enrollment_create, lesson_complete
from tests.e2e.conftest import SCREENSHOT_DIR
from tests.e2e.offline_helpers import sign_in, wait_for_worker
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, short_text, single
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "noor.rahimi@example.org"
CHOICE = "Which document proves the holder's nationality?"
TEXT = "Name the ICAO document that specifies machine readable travel documents."
NOT_SAVED = "Not saved yet: there is no connection."


def _saved(attempt) -> dict:
    return dict(
        AttemptAnswer.objects.filter(attempt=attempt).values_list("question_key", "response")
    )


def test_answers_given_offline_survive_a_reload_and_reach_the_server(live_server, page, step):
    course = make_course(modules=1, lessons=1, title="Travel documents")
    (lesson,) = lessons_of(course)
    quiz = make_quiz(
        module=lesson.get_parent().specific,
        questions=[
            single(text=CHOICE, right="Passport", wrong=("Boarding pass", "Hotel booking")),
            short_text(text=TEXT, answers=("Doc 9303",)),
        ],
    )
    learner = UserFactory(email=EMAIL, roles=["Learners"])
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lesson)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_url = live_server.url + reverse("assessments:attempt", args=[attempt.id])
    choice_key, text_key = (str(q["id"]) for q in attempt.frozen["questions"])
    choice = page.locator(f'fieldset[data-question="{choice_key}"]')
    text = page.locator(f'fieldset[data-question="{text_key}"]')

    with step("answer-offline"):
        sign_in(page, live_server.url, EMAIL)
        page.goto(attempt_url)
        wait_for_worker(page)
        assert "Doc 9303" not in page.content()  # R2: no key on the device
        page.context.set_offline(True)
        # The quiz's script is on the device, not only in the browser's cache, which may
        # want to ask the server again: a link that drops while a quiz page loads still
        # leaves the script that keeps the answers (CI once lost it on the summary page).
        script = static("js/attempt.js")
        fetched = "url => fetch(url, {cache: 'no-cache'}).then(r => r.ok, () => false)"
        assert page.evaluate(fetched, script) is True
        choice.get_by_label("Passport").check()
        expect(choice.locator(".question__status")).to_contain_text(NOT_SAVED)
        text.get_by_label("Your answer").fill("Doc 9303")  # typed, never left
        page.screenshot(path=str(SCREENSHOT_DIR / "offline-quiz-not-saved.png"), full_page=True)
        assert _saved(attempt) == {}

    with step("tab-closed-offline-then-reopened-online"):
        context = page.context
        page.close()  # the answers were never sent: only the device has them
        context.set_offline(False)
        page = context.new_page()
        choice = page.locator(f'fieldset[data-question="{choice_key}"]')
        text = page.locator(f'fieldset[data-question="{text_key}"]')
        page.goto(attempt_url)
        expect(choice.get_by_label("Passport")).to_be_checked()
        expect(text.get_by_label("Your answer")).to_have_value("Doc 9303")
        expect(choice.locator(".question__status")).to_have_text("Saved")
        expect(text.locator(".question__status")).to_have_text("Saved")
        saved = _saved(attempt)
        assert saved[text_key] == "Doc 9303" and saved[choice_key] is not None
        kept = "() => Object.keys(localStorage).filter(k => k.includes('answers'))"
        assert page.evaluate(kept) == []

    with step("submit-waits-for-the-connection"):
        page.context.set_offline(True)
        text.get_by_label("Your answer").fill("ICAO Doc 9303")
        page.get_by_role("button", name="Review and submit").click()
        expect(page.locator(".offline-notice")).to_contain_text("You are offline")
        expect(page).to_have_url(attempt_url)
        page.context.set_offline(False)
        # The submit is sent again at once. The page it leads to may reach a service worker
        # that has not noticed the connection yet (CI saw it once); its "No connection" page
        # then tries again by itself, hence the longer wait.
        expect(page.get_by_text("You have answered 2 of 2 questions.")).to_be_visible(
            timeout=15_000
        )
        assert _saved(attempt)[text_key] == "ICAO Doc 9303"


def test_an_answer_given_before_the_quizs_script_arrives_is_saved_when_it_does(
    live_server, browser
):
    """On a slow link the questions show before the page's script has arrived: an answer
    chosen then is saved as soon as the script runs, not lost until the next change."""
    course = make_course(modules=1, lessons=1, title="Travel documents")
    (lesson,) = lessons_of(course)
    quiz = make_quiz(
        module=lesson.get_parent().specific,
        questions=[single(text=CHOICE, right="Passport", wrong=("Boarding pass",))],
    )
    learner = UserFactory(email=EMAIL, roles=["Learners"])
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=lesson)
    attempt = attempt_start(user=learner, quiz=quiz)
    (choice_key,) = (str(q["id"]) for q in attempt.frozen["questions"])
    context = browser.new_context(service_workers="block")  # the page's own requests only
    page = context.new_page()
    sign_in(page, live_server.url, EMAIL)
    held = []
    page.route("**/js/attempt.js*", lambda route: held.append(route))  # still on its way

    page.goto(
        live_server.url + reverse("assessments:attempt", args=[attempt.id]), wait_until="commit"
    )
    choice = page.locator(f'fieldset[data-question="{choice_key}"]')
    choice.get_by_label("Passport").check()
    page.wait_for_timeout(500)
    assert _saved(attempt) == {}  # nothing could send it yet
    held[0].continue_()

    expect(choice.locator(".question__status")).to_have_text("Saved")
    assert _saved(attempt)[choice_key] is not None
    context.close()
