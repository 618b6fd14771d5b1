"""axe-core finds no serious or critical accessibility violation on the pages people use.

Each page is checked in the state its users see it: the public pages signed out, the
learner's pages as an enrolled learner part-way through a course, the report as a manager of
one unit. axe-core comes from the npm registry (package-lock.json; ``make test`` installs it).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from accounts import roles
from accounts.services import manager_set_units, membership_request_create
from assessments.services import attempt_start, attempt_submit
from certificates.services import certificate_revoke, requirement_add
from courses.models import Enrollment, LessonPage, ModulePage
from courses.services import enrollment_create, enrollment_request_create, lesson_complete
from tests.e2e.conftest import TIMEOUT_MS
from tests.factories.accounts import UserFactory, make_organisation
from tests.factories.assessments import (
    make_quiz,
    multiple,
    right_answers,
    short_text,
    single,
    wrong_answers,
)
from tests.factories.courses import lessons_of, make_course
from tests.factories.reports import complete_course, issue_certificate

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
DANGLING_REFERENCE_RULES = ("aria-valid-attr-value",)
PASSWORD = "correct-horse-battery"
LEARNER = "amina.haddad@example.org"
JOINER = "nadia.karimi@example.org"
MANAGER = "daniel.okafor@example.org"
ADMINISTRATOR = "registrar@example.org"
TRAINER = "tariq.rahimi@example.org"
LEAD_TRAINER = "lena.moreau@example.org"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@dataclass(frozen=True)
class World:
    course_url: str
    lesson_url: str
    done_lesson_url: str
    quiz_url: str
    attempt_url: str
    summary_url: str
    result_url: str
    verify_url: str
    revoked_pdf_url: str
    revoke_url: str
    certificate_admin_url: str
    course_preview_url: str
    approval_course_url: str
    membership_request_url: str


@dataclass(frozen=True)
class Check:
    name: str
    url: Callable[[World], str]
    signed_in_as: str | None = None
    ready: str = "main h1"
    then: Callable[[Page], None] | None = None
    status: int = 200
    within: str | None = None  # a part of the page: ours, on a page of Wagtail's admin
    exclude: tuple[str, ...] = ()  # parts of the page that are not ours to fix


def _revoke_without_a_reason(page: Page) -> None:
    page.get_by_role("button", name="Revoke", exact=True).click()


def _submit_while_offline(page: Page) -> None:
    """The summary's "Submit all and finish" pressed with no connection: the notice shows."""
    page.context.set_offline(True)
    page.get_by_role("button", name="Submit all and finish").click()


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
    # A draft may be incomplete; sending it for review checks every question.
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Lead trainer approval").click()


CHECKS = [
    Check("home", lambda w: "/"),
    Check("catalogue", lambda w: "/courses/"),
    Check("catalogue-search-in-lessons", lambda w: "/courses/?q=official", LEARNER, "mark"),
    Check("course", lambda w: w.course_url, LEARNER),
    Check("lesson", lambda w: w.lesson_url, LEARNER),
    Check("lesson-done", lambda w: w.done_lesson_url, LEARNER, ".lesson-done"),
    Check("quiz-overview", lambda w: w.quiz_url, LEARNER),
    Check("quiz-attempt", lambda w: w.attempt_url, LEARNER),
    Check("quiz-summary", lambda w: w.summary_url, LEARNER),
    Check(
        "quiz-summary-offline",
        lambda w: w.summary_url,
        LEARNER,
        ready=".offline-notice:not(:empty)",
        then=_submit_while_offline,
    ),
    Check("quiz-result", lambda w: w.result_url, LEARNER),
    Check("my-learning", lambda w: "/learning/", LEARNER),
    Check("certificate-pdf-revoked", lambda w: w.revoked_pdf_url, LEARNER, status=410),
    Check("profile-in-a-unit", lambda w: reverse("accounts:profile"), LEARNER),
    Check("profile-request-pending", lambda w: reverse("accounts:profile"), JOINER),
    Check("certificate-verification", lambda w: w.verify_url),
    Check("login", lambda w: reverse("account_login")),
    Check("signup", lambda w: reverse("account_signup")),
    Check(
        "signup-with-errors",
        lambda w: reverse("account_signup"),
        ready=".errorlist",
        then=_sign_up_with_a_short_password,
    ),
    Check("course-preview-with-drafts", lambda w: w.course_preview_url, TRAINER),
    # Wagtail's own dashboard has a dangling aria-labelledby (its site summary): our panels.
    Check(
        "trainer-dashboard",
        lambda w: "/admin/",
        TRAINER,
        ready="#course-work-section",
        within="#course-work-section",
    ),
    Check(
        "lead-trainer-dashboard",
        lambda w: "/admin/",
        LEAD_TRAINER,
        ready="#awaiting-review-section",
        within="#awaiting-review-section",
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
    Check("manager-dashboard", lambda w: "/admin/", MANAGER, ready="#waypoint-units-section"),
    Check(
        "manager-learner-progress",
        lambda w: reverse("reports_learner_progress"),
        MANAGER,
        ready=".waypoint-scroll table.waypoint-report-table",
    ),
    Check(
        "manager-assign-course",
        lambda w: reverse("reports_assign_course"),
        MANAGER,
        ready="form .w-field__wrapper",
    ),
    Check(
        "course-request-pending",
        lambda w: w.approval_course_url,
        LEARNER,
        ready=".enrol-box [role=status]",
    ),
    Check(
        "manager-unit-requests",
        lambda w: reverse("membership_requests:index"),
        MANAGER,
        ready="table",
    ),
    Check(
        "manager-unit-request-decide",
        lambda w: w.membership_request_url,
        MANAGER,
        ready="form textarea",
    ),
    Check(
        "manager-report-invalid-filter",
        lambda w: reverse("reports_course_completion") + "?enrolled_from=2026-02-31",
        MANAGER,
        ready=".waypoint-report-filters .error-message",
    ),
    Check(
        "manager-compliance",
        lambda w: reverse("reports_compliance"),
        MANAGER,
        ready=".waypoint-chart svg",
    ),
    Check(
        "manager-required-courses",
        lambda w: reverse("required_courses:index"),
        MANAGER,
        ready="table",
    ),
    Check("admin-revoke", lambda w: w.revoke_url, ADMINISTRATOR, ready="main form"),
    Check(
        "admin-revoke-without-reason",
        lambda w: w.revoke_url,
        ADMINISTRATOR,
        ready=".w-field--error, .error-message",
        then=_revoke_without_a_reason,
    ),
    Check("admin-certificate", lambda w: w.certificate_admin_url, ADMINISTRATOR, ready="main"),
]


def _world() -> World:
    """A learner of the Airport Unit part-way through one course (overdue), with a graded
    attempt (one answer right) and an open one at its quiz, a certificate from another
    course and a revoked one from a third; their unit's manager; an administrator."""
    police = make_organisation("Border Police", code="a11y-bp")
    airport = make_organisation("Airport Unit", parent=police, code="a11y-airport")
    learner = UserFactory(
        email=LEARNER, full_name="Amina Haddad", organisation=airport, roles=[roles.LEARNERS]
    )
    manager = UserFactory(email=MANAGER, full_name="Daniel Okafor")
    manager_set_units(manager=manager, organisations=[police])
    joiner = UserFactory(email=JOINER, full_name="Nadia Karimi", roles=[roles.LEARNERS])
    membership_request = membership_request_create(user=joiner, unit=airport)

    course = make_course(modules=2, lessons=2, title="Document Examination")
    first_lesson, second_lesson, *_ = lessons_of(course)
    quiz = make_quiz(
        module=first_lesson.get_parent().specific,
        title="Document checks: test yourself",
        questions=[single(), multiple(), short_text()],
        max_attempts=3,
    )
    enrollment = enrollment_create(user=learner, course=course)
    Enrollment.objects.filter(pk=enrollment.pk).update(due_at=timezone.now() - timedelta(days=2))
    lesson_complete(user=learner, lesson=first_lesson)
    lesson_complete(user=learner, lesson=second_lesson)
    graded = attempt_start(user=learner, quiz=quiz)
    # One answer right, the others wrong: the review shows both marks, and the way on.
    first = str(graded.frozen["questions"][0]["id"])
    responses = wrong_answers(graded) | {first: right_answers(graded)[first]}
    graded = attempt_submit(attempt=graded, responses=responses)
    open_attempt = attempt_start(user=learner, quiz=quiz)

    # A trainer's draft module, submitted for review and sent back once.
    trainer = UserFactory(email=TRAINER, full_name="Tariq Rahimi", roles=[roles.TRAINERS])
    UserFactory(email=LEAD_TRAINER, full_name="Léna Moreau", roles=[roles.LEAD_TRAINERS])
    draft_module = ModulePage(title="Interviewing with an interpreter", live=False, owner=trainer)
    course.add_child(instance=draft_module)
    draft_module.save_revision(user=trainer)
    draft_lesson = LessonPage(title="Seating and turn-taking", live=False, owner=trainer)
    draft_module.add_child(instance=draft_lesson)
    draft_lesson.save_revision(user=trainer)
    draft_lesson.get_workflow().start(draft_lesson, trainer).current_task_state.reject(
        comment="Add the seating diagram."
    )
    draft_module.get_workflow().start(draft_module, trainer)

    # A request for a place waiting for the manager, and an assignment past its due date:
    # the manager's dashboard shows both, the course page says who decides.
    approval = make_course(
        modules=1, lessons=1, title="Document Fraud Detection", enrolment_requires_approval=True
    )
    enrollment_request_create(user=learner, course=approval, message="For my post.")
    overdue = make_course(modules=1, lessons=1, title="Integrated Border Management")
    enrollment_create(user=learner, course=overdue, due_at=timezone.now() - timedelta(days=3))

    finished = make_course(modules=1, lessons=1, title="Trafficking Indicators")
    enrollment_create(user=learner, course=finished)
    certificate = issue_certificate(complete_course(learner, finished))
    withdrawn = make_course(modules=1, lessons=1, title="Passport Security Features")
    enrollment_create(user=learner, course=withdrawn)
    revoked = issue_certificate(complete_course(learner, withdrawn))
    certificate_revoke(certificate=revoked, reason="issued_in_error", user=None)
    for required in (course, finished, withdrawn):  # in progress, valid, lapsed
        requirement_add(unit=police, course=required)
    UserFactory(email=ADMINISTRATOR, full_name="Rania Saleh", is_superuser=True)
    return World(
        course_url=course.url,
        lesson_url=lessons_of(course)[2].url,
        done_lesson_url=first_lesson.url,
        quiz_url=reverse("assessments:quiz", args=[quiz.id]),
        attempt_url=reverse("assessments:attempt", args=[open_attempt.id]),
        summary_url=reverse("assessments:summary", args=[open_attempt.id]),
        result_url=reverse("assessments:result", args=[graded.id]),
        verify_url=reverse("certificates:verify", args=[certificate.code]),
        revoked_pdf_url=reverse("certificates:pdf", args=[revoked.code]),
        revoke_url=reverse("certificates_revoke", args=[certificate.pk]),
        certificate_admin_url=reverse(
            "wagtailsnippets_certificates_certificate:edit", args=[certificate.pk]
        ),
        course_preview_url=reverse("wagtailadmin_pages:view_draft", args=[course.pk]),
        approval_course_url=approval.url,
        membership_request_url=reverse("membership_requests:decide", args=[membership_request.pk]),
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


def _blocking_violations(
    page: Page, within: str | None = None, exclude: tuple[str, ...] = ()
) -> list[dict]:
    """Serious and critical violations, and ARIA references to elements that do not exist.

    axe-core reports a dangling ``aria-describedby`` only as "needs review" (the element
    might be added later), but on our server-rendered pages it never is: a field whose help
    text or error is announced nowhere.

    Transitions and animations are stopped first: axe reads colours as they are at that
    instant, and the admin's error badges fade in, so a busy machine once caught them
    half-drawn and reported a contrast the finished page does not have.
    """
    page.add_style_tag(
        content="*, *::before, *::after { transition: none !important;"
        " animation: none !important; }"
    )
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "([within, exclude]) => axe.run({include: [within ? document.querySelector(within)"
        " : document], exclude: exclude.map(s => [s])},"
        " {resultTypes: ['violations', 'incomplete']})",
        [within, list(exclude)],
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
    assert response is not None and response.status == check.status, (
        f"{check.name} answered {response.status}"
    )
    if check.then:
        check.then(axe_page)
    expect(axe_page.locator(check.ready).first).to_be_visible()
    violations = _blocking_violations(axe_page, check.within, check.exclude)

    assert not violations, (
        f"{len(violations)} serious or critical accessibility violations on {check.name} "
        f"({axe_page.url}):\n{_describe(violations)}"
    )
