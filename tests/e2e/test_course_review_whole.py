"""A course reviewed as a whole (issue 14, items 3 and 4), in the browser: a trainer has
edited a live lesson and written a new module with its lessons and its quiz; from the
course's actions they send all of it for review at once; the lead trainer opens the one
submission from the dashboard, sees what changed on each page, and approves it once; a
learner then finds every page live and takes the new quiz.
"""

import pytest
from playwright.sync_api import expect

from accounts import roles
from courses.models import LessonPage, ModulePage
from courses.services import enrollment_create
from tests.e2e.test_trainer_journey import PASSWORD, _sign_in
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, single
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COURSE = "Identifying victims of trafficking"
EDITED = "Indicators of trafficking, 2026 edition"
MODULE = "Referral to protection services"
LESSONS = ["Who to call first", "Consent and confidentiality"]
QUIZ = "Referral: check your knowledge"
QUESTION = "Who decides whether a presumed victim is referred?"


def _drafts(trainer):
    course = make_course(title=COURSE, modules=1, lessons=2)
    lesson = lessons_of(course)[0].get_latest_revision_as_object()
    lesson.title = EDITED
    lesson.save_revision(user=trainer)
    module = ModulePage(title=MODULE, summary="Where a presumed victim goes next.", live=False)
    course.add_child(instance=module)
    module.save_revision(user=trainer)
    for title in LESSONS:
        page = LessonPage(
            title=title, live=False, body=[("rich_text", f"<p>{title}: the steps.</p>")]
        )
        module.add_child(instance=page)
        page.save_revision(user=trainer)
    make_quiz(module=module, title=QUIZ, questions=[single(text=QUESTION)], live=False)
    return course


def test_a_trainer_submits_a_course_once_and_the_lead_approves_it_once(
    live_server, page, new_page, step
):
    trainer = UserFactory(email="tariq@example.org", roles=[roles.TRAINERS], password=PASSWORD)
    lead = UserFactory(email="lena@example.org", roles=[roles.LEAD_TRAINERS], password=PASSWORD)
    learner = UserFactory(email="ana@example.org", roles=[roles.LEARNERS], password=PASSWORD)
    course = _drafts(trainer)

    with step("trainer-submits-the-course"):
        _sign_in(page, live_server.url, trainer.email, next_url=f"/admin/pages/{course.pk}/")
        page.get_by_role("navigation", name="Actions", exact=True).get_by_role(
            "button", name="Actions"
        ).click()
        page.get_by_role("link", name="Submit for review with everything below it").click()
        expect(
            page.get_by_text("These 5 items will go to review as one submission")
        ).to_be_visible()
        for title in (EDITED, MODULE, *LESSONS, QUIZ):
            expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
        page.get_by_role("button", name="Submit all for review").click()
        expect(page.get_by_text("was submitted for review with 5 items")).to_be_visible()

    lead_page = new_page()
    with step("lead-sees-one-submission"):
        _sign_in(lead_page, live_server.url, lead.email, next_url="/admin/")
        whole = lead_page.get_by_role("region", name="Submitted as a whole")
        expect(whole).to_contain_text("5 items")
        whole.get_by_role("link", name=COURSE).click()
        expect(lead_page.locator(".comparison .addition").first).to_be_visible()
        expect(lead_page.get_by_text(EDITED, exact=True).first).to_be_visible()

    with step("lead-approves-once"):
        lead_page.get_by_role("button", name="Approve all and publish").click()
        expect(lead_page.get_by_text("Approved 5 items")).to_be_visible()

    learner_page = new_page()
    with step("learner-finds-it-live-and-takes-the-quiz"):
        enrollment_create(user=learner, course=course)
        _sign_in(learner_page, live_server.url, learner.email, next_url=course.url)
        expect(learner_page.get_by_text(EDITED).first).to_be_visible()
        modules = learner_page.get_by_role("region", name="Modules")
        expect(modules.get_by_text(MODULE).first).to_be_visible()
        modules.get_by_role("link", name=QUIZ).click()
        learner_page.get_by_role("button", name="Start the quiz").click()
        expect(learner_page.get_by_text(QUESTION)).to_be_visible()
