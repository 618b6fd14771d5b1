"""Quizzes under review (issue 14, item 4): a change to a live quiz (an edit, a GIFT import)
stays invisible to learners until a lead trainer approves it; trainers cannot publish;
rejection returns the change; attempts keep the revision they were taken with."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.actions.edit import EditAction, EditPermissionError
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from assessments.models import Attempt, Quiz
from assessments.services import attempt_start, attempt_submit, quiz_import_questions
from courses.models import ModulePage
from courses.services import enrollment_create
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, right_answers, single
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(db):
    return UserFactory(email="lead@example.org", roles=["Lead trainers"])


@pytest.fixture
def course_quiz(learner, other_learner):
    course = make_course(modules=1, lessons=1)
    quiz = make_quiz(
        module=ModulePage.objects.child_of(course).get(),
        title="Document checks",
        questions=[single(text="Which document proves nationality?", right="Passport")],
        pass_mark=50,
    )
    for person in (learner, other_learner):
        enrollment_create(user=person, course=course)
    return quiz


def _edit_draft(quiz, user, *, title=None, question_text=None, right=None):
    """What the edit screen's "Save draft" does: Wagtail's edit action on the latest
    revision, with its lock and permission checks."""
    draft = Quiz.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    if title:
        draft.title = title
    if question_text or right:
        stream = list(draft.questions.raw_data)
        value = dict(stream[0]["value"])
        value["text"] = question_text or value["text"]
        if right:
            value["options"] = [
                {**option, "text": right} if option["is_correct"] else option
                for option in value["options"]
            ]
        stream[0] = {**stream[0], "value": value}
        draft.questions = stream
    EditAction(draft, user=user).execute()
    return draft


def _submit_for_review(quiz, trainer):
    quiz.refresh_from_db()
    return quiz.get_workflow().start(quiz, trainer)


def _workflow_action(client, quiz, action, **data):
    state = WorkflowState.objects.get(object_id=str(quiz.pk), status="in_progress")
    url = reverse(
        "wagtailsnippets_assessments_quiz:workflow_action",
        args=[quiz.pk, action, state.current_task_state.pk],
    )
    return client.post(url, data)


def _learner_texts(attempt) -> list[str]:
    return [item["text"] for item in attempt.frozen["questions"]]


def test_a_change_to_a_live_quiz_is_invisible_to_learners_until_approved(
    course_quiz, learner, other_learner, trainer, lead
):
    quiz = course_quiz
    first_revision = quiz.live_revision_id
    in_progress = attempt_start(user=learner, quiz=quiz)

    # The trainer rewrites the question and its answer, renames the quiz, imports one more.
    _edit_draft(
        quiz,
        trainer,
        title="Document checks (2027)",
        question_text="Which proves it?",
        right="National passport",
    )
    quiz_import_questions(questions=[single(text="An imported question?")], quiz=quiz, user=trainer)

    learner_page = Client()
    learner_page.force_login(other_learner)
    html = learner_page.get(reverse("assessments:quiz", args=[quiz.pk])).content.decode()
    assert "Document checks" in html and "2027" not in html
    before = attempt_start(user=other_learner, quiz=quiz)
    assert _learner_texts(before) == ["Which document proves nationality?"]
    assert before.quiz_revision_id == first_revision
    # Graded on the live answer key: "Passport" is still the right answer.
    assert attempt_submit(attempt=before, responses=right_answers(before)).percent == 100

    _submit_for_review(quiz, trainer)
    lead_client = Client()
    lead_client.force_login(lead)
    response = _workflow_action(lead_client, quiz, "approve", comment="Fine.")
    assert response.status_code == 302

    quiz.refresh_from_db()
    assert quiz.title == "Document checks (2027)" and quiz.live_revision_id != first_revision
    html = learner_page.get(reverse("assessments:quiz", args=[quiz.pk])).content.decode()
    assert "Document checks (2027)" in html
    after = attempt_start(user=other_learner, quiz=quiz)
    assert _learner_texts(after) == ["Which proves it?", "An imported question?"]
    assert after.quiz_revision_id == quiz.live_revision_id
    right = next(c for c in after.frozen["questions"][0]["choices"] if c["is_correct"])
    assert right["text"] == "National passport"
    # The attempt begun before approval keeps its questions and its revision.
    in_progress.refresh_from_db()
    assert _learner_texts(in_progress) == ["Which document proves nationality?"]
    assert in_progress.quiz_revision_id == first_revision
    assert attempt_submit(attempt=in_progress, responses=right_answers(in_progress)).passed


def test_a_trainer_cannot_publish_a_quiz_change(course_quiz, trainer):
    quiz = course_quiz
    draft = Quiz.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    draft.title = "Published by a trainer"

    with pytest.raises(EditPermissionError):
        EditAction(draft, user=trainer, publish=True).execute()

    # Nor through the edit screen's "Publish" button.
    client = Client()
    client.force_login(trainer)
    edit = reverse("wagtailsnippets_assessments_quiz:edit", args=[quiz.pk])
    html = client.get(edit).content.decode()
    assert 'name="action-publish"' not in html
    assert "Submit to Lead trainer approval" in html
    form = nested_form_data(
        {
            "title": "Published by a trainer",
            "instructions": rich_text(""),
            "module": quiz.module_id,
            "pass_mark": 50,
            "review_policy": "always",
            "questions": streamfield([]),
        }
    )
    client.post(edit, {**form, "action-publish": "action-publish"})
    quiz.refresh_from_db()
    assert quiz.title == "Document checks" and len(quiz.questions) == 1


def test_a_trainer_cannot_approve_their_own_change(course_quiz, trainer):
    _edit_draft(course_quiz, trainer, title="Self-approved")
    _submit_for_review(course_quiz, trainer)
    client = Client()
    client.force_login(trainer)

    response = _workflow_action(client, course_quiz, "approve")

    assert response.status_code == 302 and response.url == "/admin/"  # Wagtail's refusal
    course_quiz.refresh_from_db()
    assert course_quiz.title == "Document checks"
    state = WorkflowState.objects.get(object_id=str(course_quiz.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_rejection_returns_the_change_to_the_trainer(course_quiz, trainer, lead, other_learner):
    _edit_draft(course_quiz, trainer, question_text="A rejected wording?")
    _submit_for_review(course_quiz, trainer)
    client = Client()
    client.force_login(lead)

    response = _workflow_action(client, course_quiz, "reject", comment="Keep the wording.")

    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(course_quiz.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    course_quiz.refresh_from_db()
    assert course_quiz.has_unpublished_changes
    attempt = attempt_start(user=other_learner, quiz=course_quiz)
    assert _learner_texts(attempt) == ["Which document proves nationality?"]
    # The trainer can take the draft up again: it is theirs to edit, not locked.
    _edit_draft(course_quiz, trainer, question_text="A better wording?")
    assert (
        Quiz.objects.get(pk=course_quiz.pk)
        .get_latest_revision_as_object()
        .questions[0]
        .value["text"]
        == "A better wording?"
    )


def test_a_quiz_never_approved_is_not_offered_to_learners(learner):
    course = make_course(modules=1, lessons=1)
    draft = make_quiz(module=ModulePage.objects.child_of(course).get(), live=False)
    enrollment_create(user=learner, course=course)
    client = Client()
    client.force_login(learner)

    assert client.get(reverse("assessments:quiz", args=[draft.pk])).status_code == 404
    assert client.post(reverse("assessments:start", args=[draft.pk])).status_code == 404
    assert not Attempt.objects.exists()
    html = client.get(course.url).content.decode()
    assert reverse("assessments:quiz", args=[draft.pk]) not in html


def test_a_new_question_bank_from_gift_is_a_draft(trainer):
    bank = quiz_import_questions(questions=[single()], bank_name="Border bank", user=trainer)

    assert not bank.live and bank.latest_revision is not None and bank.live_revision is None


def test_the_reviewer_sees_the_changed_question_text_and_answer_key(course_quiz, trainer, lead):
    _edit_draft(course_quiz, trainer, question_text="Which proves it?", right="National passport")
    quiz_import_questions(
        questions=[single(text="An imported question?", right="Visa")], quiz=course_quiz
    )
    client = Client()
    client.force_login(lead)
    url = reverse(
        "wagtailsnippets_assessments_quiz:revisions_compare",
        args=[course_quiz.pk, "live", "latest"],
    )

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="waypoint-question-diff"' in html
    # The question's text and its right answer, before and after, marked as such.
    assert 'Which <span class="deletion">document </span>proves' in html
    assert (
        'Right answer: <span class="deletion">Passport</span>'
        '<span class="addition">National passport</span>'
    ) in html
    assert "Wrong answer: Boarding pass" in html
    # The imported question is new, with its answer key.
    assert "Added" in html and '<span class="addition">Single choice: An imported' in html


def test_a_quiz_in_review_takes_no_import_so_the_lead_approves_what_they_saw(
    course_quiz, trainer, lead, client
):
    """An import into a quiz awaiting review would have been published by the approval
    (Wagtail publishes the latest revision) without the reviewer ever seeing it."""
    from assessments.services import AttemptError

    _edit_draft(course_quiz, trainer, question_text="Which document proves identity?")
    _submit_for_review(course_quiz, trainer)
    other_trainer = UserFactory(roles=["Trainers"])
    revisions = course_quiz.revisions.count()

    with pytest.raises(AttemptError, match="locked"):
        quiz_import_questions(
            questions=[single(text="Smuggled in?")], quiz=course_quiz, user=other_trainer
        )

    assert course_quiz.revisions.count() == revisions
    client.force_login(lead)
    _workflow_action(client, course_quiz, "approve")
    course_quiz.refresh_from_db()
    assert "Smuggled in?" not in str(course_quiz.questions.raw_data)
