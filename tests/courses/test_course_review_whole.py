"""A course or module reviewed as a whole (issue 14, item 3): a trainer submits it with
every draft below it as one submission; the lead trainer sees one item with what changed on
each page, approves it once (everything goes live together) or sends all of it back with a
comment; one e-mail to the reviewers per submission, one to the trainer per decision."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from courses.models import LessonPage, ModulePage, ReviewSubmission
from courses.services import course_review_decide, course_review_submit
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course
from tests.query_counts import assert_queries, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_mail_claims_from_earlier_tests():
    cache.clear()


@pytest.fixture
def lead(db):
    return UserFactory(email="lena@example.org", roles=["Lead trainers"], preferred_language="fr")


def draft(parent, page, owner):
    page.live, page.owner = False, owner
    parent.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def edit(page, owner, **fields):
    page = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision(user=owner)
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def course_with_drafts(trainer):
    """A live course: one live lesson edited, and a new module with two new lessons."""
    course = make_course(title="Document examination", modules=1, lessons=2)
    edited = edit(lessons_of(course)[0], trainer, title="Security features, revised")
    module = draft(course, ModulePage(title="Impostors"), trainer)
    new = [draft(module, LessonPage(title=f"Look-alikes {n}"), trainer) for n in (1, 2)]
    return course, edited, module, new


def submit(user, root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return course_review_submit(user=user, root=root)


def refused(response) -> bool:
    """A 403, or the admin's "no permission" redirect to its home (or to sign in)."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response.url.startswith(("/admin/", "/accounts/login"))


def states_of(pages):
    return {
        page.title: WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()
        for page in pages
    }


def test_a_course_goes_to_review_with_every_draft_below_it_in_one_mail(
    trainer, lead, course_with_drafts, mailoutbox, django_capture_on_commit_callbacks
):
    course, edited, module, new = course_with_drafts
    submission = submit(trainer, course, django_capture_on_commit_callbacks)

    in_review = {state.object_id for state in submission.workflow_states.all()}
    assert in_review == {str(page.pk) for page in [edited, module, *new]}
    untouched = lessons_of(course)[1]
    assert str(untouched.pk) not in in_review  # live and unchanged: nothing to review
    assert all(
        s.status == WorkflowState.STATUS_IN_PROGRESS for s in submission.workflow_states.all()
    )
    to_lead = [m for m in mailoutbox if m.to == [lead.email]]
    assert len(to_lead) == 1, "one mail per submission, not one per page"
    body = to_lead[0].body
    assert "Document examination" in to_lead[0].subject
    for title in ("Security features, revised", "Impostors", "Look-alikes 1", "Look-alikes 2"):
        assert title in body
    assert reverse("courses_review_submission", args=[submission.pk]) in body
    assert "Bonjour" in body  # the lead reads French


def test_nothing_to_submit_is_refused_and_changes_nothing(
    trainer, django_capture_on_commit_callbacks
):
    course = make_course(modules=1, lessons=1)
    with pytest.raises(ValidationError, match="Nothing here has changes"):
        submit(trainer, course, django_capture_on_commit_callbacks)
    assert not ReviewSubmission.objects.exists()
    assert not WorkflowState.objects.exists()


def test_one_approval_publishes_all_of_it_together(
    trainer, lead, course_with_drafts, mailoutbox, django_capture_on_commit_callbacks
):
    course, edited, module, new = course_with_drafts
    submission = submit(trainer, course, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        decided = course_review_decide(user=lead, submission=submission, approve=True)

    assert decided == 4
    live = {page.title for page in Page.objects.descendant_of(course).live()}
    assert {"Security features, revised", "Impostors", "Look-alikes 1", "Look-alikes 2"} <= live
    assert not Page.objects.descendant_of(course).filter(has_unpublished_changes=True).exists()
    assert [m.to for m in mailoutbox] == [[trainer.email]], (
        "one mail to the trainer, no mail per page"
    )
    assert "Approved" in mailoutbox[0].subject
    submission.refresh_from_db()
    assert (submission.decision, submission.decided_by) == (ReviewSubmission.APPROVED, lead)


def test_one_rejection_with_a_comment_returns_all_of_it_and_it_can_come_back(
    trainer, lead, course_with_drafts, mailoutbox, django_capture_on_commit_callbacks
):
    course, edited, module, new = course_with_drafts
    submission = submit(trainer, course, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    with pytest.raises(ValidationError, match="Say what must change"):
        course_review_decide(user=lead, submission=submission, approve=False, comment="  ")
    assert all(s.status == "in_progress" for s in submission.workflow_states.all())

    with django_capture_on_commit_callbacks(execute=True):
        course_review_decide(
            user=lead, submission=submission, approve=False, comment="Cite the 2024 ICAO guide."
        )
    states = submission.workflow_states.all()
    assert {s.status for s in states} == {WorkflowState.STATUS_NEEDS_CHANGES}
    assert not Page.objects.get(pk=module.pk).live  # nothing went live
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [trainer.email]
    assert "Cite the 2024 ICAO guide." in mailoutbox[0].body

    # The trainer edits one lesson and sends the whole course again: everything resumes.
    edit(new[0], trainer, title="Look-alikes 1 (ICAO 2024)")
    again = submit(trainer, course, django_capture_on_commit_callbacks)
    assert {s.status for s in again.workflow_states.all()} == {WorkflowState.STATUS_IN_PROGRESS}
    assert again.workflow_states.count() == 4


def test_only_a_reviewer_decides_and_a_refusal_changes_nothing(
    trainer, lead, course_with_drafts, django_capture_on_commit_callbacks, client
):
    course, *_ = course_with_drafts
    submission = submit(trainer, course, django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        course_review_decide(user=trainer, submission=submission, approve=True)
    other_trainer = UserFactory(roles=["Trainers"])
    client.force_login(other_trainer)
    url = reverse("courses_review_submission", args=[submission.pk])
    assert refused(client.get(url))  # not theirs, not their review
    assert refused(client.post(url, {"action": "approve"}))
    assert {s.status for s in submission.workflow_states.all()} == {"in_progress"}
    assert not Page.objects.get(pk=course_with_drafts[2].pk).live


def test_the_lead_sees_one_item_with_what_changed_on_each_page(
    trainer, lead, course_with_drafts, django_capture_on_commit_callbacks, client
):
    course, edited, module, new = course_with_drafts
    submission = submit(trainer, course, django_capture_on_commit_callbacks)
    client.force_login(lead)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("courses_review_submission", args=[submission.pk]) in page

    response = client.get(reverse("courses_review_submission", args=[submission.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    # The edited lesson's new title shows as a change against the live one.
    assert '<span class="addition">Security features, revised</span>' in html
    assert '<span class="deletion">' in html  # the live title it replaces
    # In tree order: the first module's lesson, then the new module and its lessons.
    assert html.index("Security features, revised") < html.index("Impostors")
    assert html.index("Impostors") < html.index("Look-alikes 1") < html.index("Look-alikes 2")
    assert 'value="approve"' in html and 'value="reject"' in html

    client.force_login(trainer)  # the trainer follows their own submission, without buttons
    html = client.get(reverse("courses_review_submission", args=[submission.pk])).content.decode()
    assert "Impostors" in html and 'value="approve"' not in html


def test_the_submit_page_lists_what_will_go_and_a_learner_is_refused(
    trainer, learner, course_with_drafts, client
):
    course, *_ = course_with_drafts
    url = reverse("courses_review_submit", args=[course.pk])
    client.force_login(learner)
    assert refused(client.get(url))
    assert refused(client.post(url))
    assert not ReviewSubmission.objects.exists()
    client.force_login(trainer)
    html = client.get(url).content.decode()
    assert "These 4 items will go to review as one submission" in html
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert url in edit_page  # the header's button


def test_the_submission_page_reads_in_a_fixed_number_of_queries(
    trainer, lead, client, django_capture_on_commit_callbacks
):
    course = make_course(title="Interviewing", modules=0)
    module = draft(course, ModulePage(title="Module"), trainer)
    draft(module, LessonPage(title="Lesson 1"), trainer)
    submission = submit(trainer, course, django_capture_on_commit_callbacks)
    client.force_login(lead)
    url = reverse("courses_review_submission", args=[submission.pk])

    def more():
        for n in range(2, 5):
            lesson = draft(module, LessonPage(title=f"Lesson {n}"), trainer)
            state = lesson.get_workflow().start(lesson, trainer)
            submission.workflow_states.add(state)

    client.get(url)  # warm
    queries, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    more()
    with assert_queries(queries):
        assert client.get(url).content.decode().count("Lesson ") >= 4


def test_a_quiz_changed_under_the_course_goes_with_it_and_goes_live_with_it(
    trainer, lead, learner, django_capture_on_commit_callbacks
):
    from assessments.models import Quiz
    from assessments.services import quiz_import_questions
    from tests.factories.assessments import make_quiz, single

    course = make_course(title="Border interviews", modules=1, lessons=1)
    module = ModulePage.objects.child_of(course).get()
    quiz = make_quiz(module=module, title="Interviews: check", count=2)
    quiz_import_questions(questions=[single(text="Who may interview a child?")], quiz=quiz)
    assert Quiz.objects.get(pk=quiz.pk).has_unpublished_changes

    submission = submit(trainer, course, django_capture_on_commit_callbacks)
    kinds = {state.base_content_type.model for state in submission.workflow_states.all()}
    assert kinds == {"quiz"}, "the unchanged pages stay out; the changed quiz goes in"

    course_review_decide(user=lead, submission=submission, approve=True)
    live = Quiz.objects.get(pk=quiz.pk)
    assert not live.has_unpublished_changes
    assert "Who may interview a child?" in str(live.questions.raw_data)


def test_pages_already_in_review_join_and_a_second_submission_of_them_is_refused(
    trainer, lead, course_with_drafts, client, django_capture_on_commit_callbacks
):
    course, edited, module, new = course_with_drafts
    edited.get_workflow().start(edited, trainer)  # submitted alone from the editor first
    submission = submit(trainer, course, django_capture_on_commit_callbacks)
    assert submission.workflow_states.count() == 4  # the one in review joined as it was

    client.force_login(trainer)
    html = client.get(reverse("courses_review_submit", args=[course.pk])).content.decode()
    assert "You may not edit it" not in html  # locked by its review, not refused
    with pytest.raises(ValidationError, match="already awaiting review"):
        submit(trainer, course, django_capture_on_commit_callbacks)
    assert ReviewSubmission.objects.count() == 1


def test_the_submit_and_review_pages_say_what_they_are(
    trainer, lead, course_with_drafts, client, django_capture_on_commit_callbacks
):
    course, *_ = course_with_drafts
    client.force_login(trainer)
    html = client.get(reverse("courses_review_submit", args=[course.pk])).content.decode()
    assert '<h1 class="w-header__title" id="header-title">' in html
    assert "Submit for review: Document examination" in html.split("</h1>")[0]
    submission = submit(trainer, course, django_capture_on_commit_callbacks)
    client.force_login(UserFactory(roles=["Lead trainers"], preferred_language="en"))
    html = client.get(reverse("courses_review_submission", args=[submission.pk])).content.decode()
    assert "Review: Document examination" in html.split("</h1>")[0]


def test_the_submit_page_reads_in_a_fixed_number_of_queries(trainer, client):
    course = make_course(title="Interviewing", modules=0)
    module = draft(course, ModulePage(title="Module"), trainer)
    draft(module, LessonPage(title="Lesson 1"), trainer)
    client.force_login(trainer)
    url = reverse("courses_review_submit", args=[course.pk])
    client.get(url)  # warm
    queries, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    for n in range(2, 6):
        draft(module, LessonPage(title=f"Lesson {n}"), trainer)
    with assert_queries(queries):
        assert "Lesson 5" in client.get(url).content.decode()


def test_a_page_another_trainer_sent_for_review_stays_in_their_review(
    trainer, lead, course_with_drafts, mailoutbox, django_capture_on_commit_callbacks
):
    course, edited, module, new = course_with_drafts
    colleague = UserFactory(email="colleague@example.org", roles=["Trainers"])
    state = edited.get_workflow().start(edited, colleague)

    submission = submit(trainer, course, django_capture_on_commit_callbacks)

    assert state not in submission.workflow_states.all()
    assert submission.workflow_states.count() == 3  # the module and its two lessons
    with django_capture_on_commit_callbacks(execute=True):
        course_review_decide(user=lead, submission=submission, approve=True)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # the colleague's, undecided
