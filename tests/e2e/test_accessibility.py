"""axe-core finds no serious or critical accessibility violation on the pages people use.

Each page is checked in the state its users see it: the public pages signed out, the
learner's pages as an enrolled learner part-way through a course, the report as a manager of
one unit. axe-core comes from the npm registry (package-lock.json; ``make test`` installs it).
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from accounts import roles
from accounts.services import manager_set_units
from assessments.services import attempt_start, attempt_submit
from courses.services import enrollment_create, lesson_complete
from tests.e2e.conftest import TIMEOUT_MS
from tests.factories.accounts import UserFactory, make_organisation
from tests.factories.assessments import make_quiz, multiple, short_text, single, wrong_answers
from tests.factories.courses import lessons_of, make_course
from tests.factories.reports import complete_course, issue_certificate

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
DANGLING_REFERENCE_RULES = ("aria-valid-attr-value",)
PASSWORD = "correct-horse-battery"
LEARNER = "amina.haddad@example.org"
MANAGER = "daniel.okafor@example.org"
TRAINER = "tariq.rahimi@example.org"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@dataclass(frozen=True)
class World:
    course_url: str
    lesson_url: str
    quiz_url: str
    attempt_url: str
    result_url: str
    verify_url: str


@dataclass(frozen=True)
class Check:
    name: str
    url: Callable[[World], str]
    signed_in_as: str | None = None
    ready: str = "main h1"
    then: Callable[[Page], None] | None = None
    exclude: tuple[str, ...] = ()  # parts of the page that are not ours to fix


# Wagtail's rich text editor (Draftail: the quiz's instructions field) gives its editable
# area no accessible name and an aria-describedby to a placeholder it has not rendered:
# Wagtail's own markup, the same on every admin form with rich text, not ours to change.
WAGTAIL_RICH_TEXT = (".DraftEditor-root",)


def _sign_up_with_a_short_password(page: Page) -> None:
    page.get_by_label("Email").fill("new.learner@example.org")
    page.get_by_label("Full name").fill("Yusuf Demir")
    page.locator("#id_password1").fill("short")
    page.locator("#id_password2").fill("short")
    page.get_by_role("button", name="Sign Up").click()


def _add_three_questions(page: Page) -> None:
    """The quiz editor with a question of each kind the trainers use most, typed in."""
    questions = page.locator("#panel-questions-section")
    for kind in ("Single choice", "True or false", "Short text"):
        questions.get_by_role("button", name="Insert a block").last.click()
        page.get_by_role("option", name=kind, exact=True).click()
    questions.get_by_role("textbox", name="Question text*").first.fill("Which proves nationality?")
    questions.get_by_role("textbox", name="Option").first.fill("Passport")


def _save_with_a_question_half_built(page: Page) -> None:
    page.get_by_role("textbox", name="Title*").fill("Half-built quiz")
    _add_three_questions(page)
    page.get_by_role("button", name="Save", exact=True).click()


CHECKS = [
    Check("home", lambda w: "/"),
    Check("catalogue", lambda w: "/courses/"),
    Check("course", lambda w: w.course_url, LEARNER),
    Check("lesson", lambda w: w.lesson_url, LEARNER),
    Check("quiz-overview", lambda w: w.quiz_url, LEARNER),
    Check("quiz-attempt", lambda w: w.attempt_url, LEARNER),
    Check("quiz-result", lambda w: w.result_url, LEARNER),
    Check("my-learning", lambda w: "/learning/", LEARNER),
    Check("certificate-verification", lambda w: w.verify_url),
    Check("login", lambda w: reverse("account_login")),
    Check("signup", lambda w: reverse("account_signup")),
    Check(
        "signup-with-errors",
        lambda w: reverse("account_signup"),
        ready=".errorlist",
        then=_sign_up_with_a_short_password,
    ),
    Check(
        "quiz-editor",
        lambda w: reverse("wagtailsnippets_assessments_quiz:add"),
        TRAINER,
        ready="#panel-questions-section .waypoint-answer-row",
        then=_add_three_questions,
        exclude=WAGTAIL_RICH_TEXT,
    ),
    Check(
        "quiz-editor-with-errors",
        lambda w: reverse("wagtailsnippets_assessments_quiz:add"),
        TRAINER,
        ready="#panel-questions-section .help-critical",
        then=_save_with_a_question_half_built,
        exclude=WAGTAIL_RICH_TEXT,
    ),
    Check(
        "manager-report",
        lambda w: reverse("reports_course_completion"),
        MANAGER,
        ready="table.waypoint-report-table",
    ),
    Check(
        "manager-report-invalid-filter",
        lambda w: reverse("reports_course_completion") + "?enrolled_from=2026-02-31",
        MANAGER,
        ready=".waypoint-report-filters .error-message",
    ),
]


def _world() -> World:
    """A learner of the Airport Unit part-way through one course, with a graded and an open
    attempt at its quiz, and a certificate from another course; their unit's manager."""
    police = make_organisation("Border Police", code="a11y-bp")
    airport = make_organisation("Airport Unit", parent=police, code="a11y-airport")
    learner = UserFactory(
        email=LEARNER, full_name="Amina Haddad", organisation=airport, roles=[roles.LEARNERS]
    )
    manager = UserFactory(email=MANAGER, full_name="Daniel Okafor")
    UserFactory(email=TRAINER, full_name="Tariq Rahimi", roles=[roles.TRAINERS])
    manager_set_units(manager=manager, organisations=[police])

    course = make_course(modules=2, lessons=2, title="Document Examination")
    first_lesson, second_lesson, *_ = lessons_of(course)
    quiz = make_quiz(
        module=first_lesson.get_parent().specific,
        title="Document checks: test yourself",
        questions=[single(), multiple(), short_text()],
        max_attempts=3,
    )
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=first_lesson)
    lesson_complete(user=learner, lesson=second_lesson)
    graded = attempt_start(user=learner, quiz=quiz)
    graded = attempt_submit(attempt=graded, responses=wrong_answers(graded))
    open_attempt = attempt_start(user=learner, quiz=quiz)

    finished = make_course(modules=1, lessons=1, title="Trafficking Indicators")
    enrollment_create(user=learner, course=finished)
    certificate = issue_certificate(complete_course(learner, finished))
    return World(
        course_url=course.url,
        lesson_url=lessons_of(course)[2].url,
        quiz_url=reverse("assessments:quiz", args=[quiz.id]),
        attempt_url=reverse("assessments:attempt", args=[open_attempt.id]),
        result_url=reverse("assessments:result", args=[graded.id]),
        verify_url=reverse("certificates:verify", args=[certificate.code]),
    )


@pytest.fixture
def axe_page(browser: Browser):
    """A page whose context ignores the site's Content-Security-Policy.

    Playwright injects axe-core as an inline <script>, which our policy (``script-src
    'self'``, no 'unsafe-inline') rightly blocks. Only this test's context bypasses it, so
    the journeys elsewhere keep proving the site works under its real policy.
    """
    if not AXE.exists():
        pytest.fail(
            f"{AXE} is missing: the accessibility checks need axe-core from npm. "
            "Install it with: npm ci (make test does it)",
            pytrace=False,
        )
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    yield page
    context.close()


def _sign_in(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + reverse("account_login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign In")).to_have_count(0)


def _blocking_violations(page: Page, exclude: tuple[str, ...] = ()) -> list[dict]:
    """Serious and critical violations, and ARIA references to elements that do not exist.

    axe-core reports a dangling ``aria-describedby`` only as "needs review" (the element
    might be added later), but on our server-rendered pages it never is: a field whose help
    text or error is announced nowhere.
    """
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "exclude => axe.run({include: [document], exclude: exclude.map(s => [s])},"
        " {resultTypes: ['violations', 'incomplete']})",
        list(exclude),
    )
    dangling = [v for v in results["incomplete"] if v["id"] in DANGLING_REFERENCE_RULES]
    return [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS] + dangling


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


@pytest.mark.parametrize("check", CHECKS, ids=[check.name for check in CHECKS])
def test_page_has_no_serious_accessibility_violations(check: Check, axe_page: Page, live_server):
    world = _world()
    if check.signed_in_as:
        _sign_in(axe_page, live_server.url, check.signed_in_as)

    response = axe_page.goto(live_server.url + check.url(world))
    assert response is not None and response.ok, f"{check.name} answered {response.status}"
    if check.then:
        check.then(axe_page)
    expect(axe_page.locator(check.ready).first).to_be_visible()
    violations = _blocking_violations(axe_page, check.exclude)

    assert not violations, (
        f"{len(violations)} serious or critical accessibility violations on {check.name} "
        f"({axe_page.url}):\n{_describe(violations)}"
    )
