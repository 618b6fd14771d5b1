"""Writes of the assessments app: start, save, submit. Each validates, writes in one short
transaction, and queues side effects on commit."""

import logging
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import selectors
from assessments.blocks import question_to_block
from assessments.frozen import freeze_quiz, max_score, thaw_questions
from assessments.grading import grade_attempt
from assessments.models import Attempt, AttemptAnswer, Quiz
from courses import access
from courses import selectors as course_selectors
from courses.services import step_complete

logger = logging.getLogger("waypoint.assessments")

MAX_RESPONSE_CHARS = 2_000
MAX_RESPONSE_ITEMS = 100


class AttemptError(ValidationError):
    """A request about an attempt that cannot be honoured; the message says why."""


def attempt_start(*, user, quiz: Quiz) -> Attempt:
    """Start an attempt, or return the one already open. Twenty parallel starts make one
    attempt: the database allows one open attempt per learner and quiz.

    A quiz taken in a translation is recorded against its original (``Quiz.record_id``:
    one record per course whatever its language) with the original's live version
    (``Quiz.record_revision_id``), and freezes the translation's questions, whose block ids
    are the original's, with the language they were taken in."""
    enrollment = selectors.enrollment_for_quiz(user=user, quiz=quiz)
    if enrollment is None:
        raise AttemptError(_("Enrol in the course to take this quiz."), code="not_enrolled")
    refused = access.user_refusal(user, page_path=selectors.quiz_page(quiz).path)
    if refused is not None:
        raise AttemptError(refused.message, code="restricted")
    _check_unlocked(enrollment, quiz)
    if not quiz.live:
        # A quiz that was never approved: its row is a draft, nothing for learners.
        raise AttemptError(_("This quiz is not open yet."), code="not_live")
    if enrollment.cycle > 1:
        _submit_open_attempts_of_earlier_cycles(user=user, quiz=quiz, cycle=enrollment.cycle)
    attempts = selectors.attempts_of(user=user, quiz=quiz, cycle=enrollment.cycle)
    open_attempt = next((a for a in attempts if a.is_open), None)
    if open_attempt is not None:
        if not open_attempt.is_past_deadline():
            return open_attempt
        attempt_submit(attempt=open_attempt, at_deadline=True)
    if quiz.max_attempts is not None and len(attempts) >= quiz.max_attempts:
        raise AttemptError(
            _("You have used all your attempts at this quiz."), code="no_attempts_left"
        )
    frozen = freeze_quiz(quiz)
    if not frozen["questions"]:
        raise AttemptError(_("This quiz has no questions yet."), code="empty")
    now = timezone.now()
    deadline = (
        now + timezone.timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None
    )
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                user=user,
                quiz_id=quiz.record_id,
                language=quiz.locale.language_code,
                cycle=enrollment.cycle,
                number=len(attempts) + 1,
                started_at=now,
                deadline=deadline,
                quiz_revision_id=quiz.record_revision_id,
                frozen=frozen,
                max_score=max_score(frozen),
            )
    except IntegrityError:
        # A parallel request started it first: hand back that one.
        attempt = Attempt.objects.filter(
            user=user, quiz_id=quiz.record_id, status=Attempt.Status.IN_PROGRESS
        ).first()
        if attempt is None:
            raise AttemptError(
                _("Your attempt could not be started; please try again."), code="race"
            ) from None
        return attempt
    logger.info("attempt started attempt=%s quiz=%s user=%s", attempt.pk, quiz.pk, user.pk)
    return attempt


def _submit_open_attempts_of_earlier_cycles(*, user, quiz: Quiz, cycle: int) -> None:
    """An attempt left open before a recertification is graded as it stands, so that the
    new cycle can open its own (the database allows one open attempt per quiz)."""
    stale = Attempt.objects.filter(
        user=user, quiz_id=quiz.record_id, cycle__lt=cycle, status=Attempt.Status.IN_PROGRESS
    )
    for attempt in stale:
        attempt_submit(attempt=attempt)


def _check_unlocked(enrollment, quiz: Quiz) -> None:
    locked = course_selectors.step_is_locked(
        enrollment=enrollment, course=enrollment.course, step_key=quiz.step_key
    )
    if locked:
        raise AttemptError(_("Finish the earlier modules of this course first."), code="locked")


def attempt_save_answers(*, attempt: Attempt, responses: dict) -> None:
    """Save answers as the learner goes: one upsert of the learner's own rows, no lock on
    anything shared."""
    _check_open(attempt)
    keys = {str(item["id"]) for item in attempt.frozen["questions"]}
    if not {str(key) for key in responses} <= keys:
        raise AttemptError(_("This question is not part of your attempt."), code="unknown_question")
    _save_all(attempt, responses)


def _check_open(attempt: Attempt) -> None:
    if not attempt.is_open:
        raise AttemptError(_("This attempt has been submitted already."), code="submitted")
    if attempt.is_past_deadline():
        raise AttemptError(_("Time is up: answers can no longer be changed."), code="deadline")


def _clean_text(value: object, limit: int = MAX_RESPONSE_CHARS) -> str:
    """NUL is nothing a learner types, and PostgreSQL cannot store it in JSON."""
    return str(value).replace("\x00", "")[:limit]


def clean_response(response):
    """Keep a response to the shapes grading understands and to a bounded size."""
    if isinstance(response, str):
        return _clean_text(response)
    if isinstance(response, bool) or response is None:
        return response
    if isinstance(response, int | float):
        return response
    if isinstance(response, list):
        return [
            clean_response(item)
            for item in response[:MAX_RESPONSE_ITEMS]
            if isinstance(item, str | int)
        ]
    if isinstance(response, dict):
        items = list(response.items())[:MAX_RESPONSE_ITEMS]
        return {_clean_text(k, 64): _clean_text(v) for k, v in items if isinstance(v, str | int)}
    return None


def attempt_submit(
    *, attempt: Attempt, responses: dict | None = None, at_deadline: bool = False
) -> Attempt:
    """Grade the attempt from its frozen questions. A second submit (a double click, a retry,
    the expiry job) finds it submitted and changes nothing."""
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            return locked
        now = timezone.now()
        expired = locked.is_past_deadline(now)
        saved = dict(
            AttemptAnswer.objects.filter(attempt=locked).values_list("question_key", "response")
        )
        if responses and not expired:
            keys = {str(item["id"]) for item in locked.frozen["questions"]}
            saved.update(
                {str(k): clean_response(v) for k, v in responses.items() if str(k) in keys}
            )
        grade = grade_attempt(
            thaw_questions(locked.frozen), saved, Decimal(locked.frozen["pass_mark"])
        )
        _store_graded_answers(locked, saved, grade, now)
        locked.status = Attempt.Status.SUBMITTED
        locked.submitted_at = (
            locked.deadline if (expired or at_deadline) and locked.deadline else now
        )
        locked.graded_at_deadline = bool(expired or at_deadline)
        locked.score, locked.percent, locked.passed = grade.score, grade.percent, grade.passed
        locked.graded_responses = saved
        locked.save(
            update_fields=[
                "status",
                "submitted_at",
                "graded_at_deadline",
                "score",
                "percent",
                "passed",
                "graded_responses",
            ]
        )
        if locked.passed:
            transaction.on_commit(lambda: _queue_pass(locked.pk), robust=True)
    logger.info(
        "attempt graded attempt=%s percent=%s passed=%s", locked.pk, locked.percent, locked.passed
    )
    return locked


def _store_graded_answers(attempt: Attempt, responses: dict, grade, now) -> None:
    """One row per question, unanswered ones included, so item analysis counts them."""
    rows = []
    for item in attempt.frozen["questions"]:
        key = str(item["id"])
        graded = grade.answers.get(key)
        rows.append(
            AttemptAnswer(
                attempt=attempt,
                question_key=key,
                response=responses.get(key),
                saved_at=now,
                fraction=graded.fraction if graded else 0,
                score=graded.score if graded else 0,
            )
        )
    AttemptAnswer.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["attempt", "question_key"],
        update_fields=["response", "fraction", "score"],
    )


def _save_all(attempt: Attempt, responses: dict) -> None:
    keys = {str(item["id"]) for item in attempt.frozen["questions"]}
    now = timezone.now()
    rows = [
        AttemptAnswer(
            attempt=attempt, question_key=str(key), response=clean_response(value), saved_at=now
        )
        for key, value in responses.items()
        if str(key) in keys
    ]
    if rows:
        AttemptAnswer.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["attempt", "question_key"],
            update_fields=["response", "saved_at"],
        )


def _queue_pass(attempt_id: int) -> None:
    from assessments.tasks import record_quiz_pass

    record_quiz_pass.delay(attempt_id)


def quiz_pass_record(*, attempt: Attempt) -> bool:
    """Tell ``courses`` that the learner passed this step. Safe to run twice."""
    if not attempt.passed:
        return False
    enrollment = selectors.enrollment_for_quiz(user=attempt.user, quiz=attempt.quiz)
    if enrollment is None or enrollment.cycle != attempt.cycle:
        # A pass from before a recertification does not count towards the new cycle.
        return False
    step_complete(enrollment=enrollment, step_key=attempt.quiz.step_key, language=attempt.language)
    return True


def attempts_submit_expired(*, now=None) -> int:
    """Grade, at their deadline, the attempts whose learners never came back."""
    now = now or timezone.now()
    expired = Attempt.objects.filter(status=Attempt.Status.IN_PROGRESS, deadline__lte=now).only(
        "pk"
    )
    count = 0
    for attempt in expired.iterator():
        attempt_submit(attempt=attempt, at_deadline=True)
        count += 1
    return count


@transaction.atomic
def quiz_import_questions(
    *, questions: list, quiz: Quiz | None = None, bank_name: str = "", user=None
) -> Quiz:
    """Append questions (parsed from GIFT) to a quiz's draft, or to the question bank of
    that name, creating it as a draft if needed; one revision records the import. All or
    nothing, and never an empty import: a bank of no questions is nothing a trainer meant
    to create.

    The import never reaches learners by itself: a live quiz keeps its live version (the
    row) and the questions wait in the latest revision until the quiz's workflow publishes
    it, as a trainer's edit in the admin does."""
    if not questions:
        raise AttemptError(_("The file holds no questions; nothing was imported."), code="empty")
    if quiz is None:
        if not bank_name.strip():
            raise AttemptError(_("Give the question bank a name."), code="no_bank")
        quiz = Quiz.objects.filter(title=bank_name.strip(), module=None, course=None).first()
        quiz = quiz or Quiz(title=bank_name.strip())
    if quiz.pk is None:
        quiz.live = False  # new: a draft until published
        draft = quiz
    else:
        _refuse_if_locked(quiz=Quiz.objects.get(pk=quiz.pk), user=user)
        # A fresh copy: without unpublished changes Wagtail hands back the object itself,
        # and the caller's quiz (the live version) must not take the draft's questions.
        draft = Quiz.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    stream = list(draft.questions.raw_data)
    for question in questions:
        block_type, value = question_to_block(question)
        stream.append({"type": block_type, "value": value, "id": str(uuid.uuid4())})
    draft.questions = stream
    draft.full_clean()
    if not draft.live:
        draft.save()  # a draft-only quiz: its row is the draft; a live row stays as it is
    draft.save_revision(user=user, log_action=True)
    logger.info("imported questions=%s quiz=%s", len(questions), draft.pk)
    return draft


def _refuse_if_locked(*, quiz: Quiz, user) -> None:
    """As the editor does: a quiz in review (its task locks it for all but the reviewers)
    or locked by someone else takes no import. Otherwise the approval would publish
    questions the reviewer never saw, the latest revision being published, not the one
    submitted. Imports without a person (the command line) are the administrator's."""
    lock = quiz.get_lock() if user is not None else None
    if lock is not None and lock.for_user(user):
        raise AttemptError(
            _(
                "“%(quiz)s” is locked (in review, or being edited by someone else): nothing "
                "was imported. Import once it is unlocked."
            )
            % {"quiz": quiz},
            code="locked",
        )


def quiz_publish(*, quiz: Quiz, user=None) -> Quiz:
    """Publish the quiz's latest revision without review: for content Waypoint ships or
    loads itself (the demo, load data, tests), never for a trainer's change, which the
    "Lead trainer approval" workflow publishes."""
    revision = quiz.get_latest_revision() or quiz.save_revision(user=user)
    revision.publish(user=user, skip_permission_checks=True)
    return Quiz.objects.get(pk=quiz.pk)
