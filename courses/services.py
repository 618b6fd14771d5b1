"""Writes of the courses app: enrolment and progress. Other apps call these; they never
write ``Enrollment`` or ``StepCompletion`` themselves."""

import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses import access, selectors
from courses.events import publish_course_completed, publish_enrollment_requested
from courses.models import (
    CoursePage,
    Enrollment,
    EnrollmentRequest,
    LessonPage,
    StepCompletion,
)
from courses.outline import CourseOutline, lesson_step_key

logger = logging.getLogger("waypoint.courses")


class EnrollmentError(ValidationError):
    """A request about an enrolment that cannot be honoured; the message says why."""


def _check_may_view(user, page) -> None:
    """Nobody enrols in, progresses through or is assigned a course they may not see: the
    page's view restrictions (``courses.access``) hold for every write as for reading."""
    refused = access.user_refusal(user, page_path=page.path)
    if refused is not None:
        raise EnrollmentError(refused.message, code="restricted")


def enrollment_create(
    *,
    user,
    course: CoursePage,
    due_at: datetime | None = None,
    assigned_by=None,
    via_approval: bool = False,
) -> Enrollment:
    """Enrol a learner. In a course that requires approval a learner cannot enrol
    themselves: only an approved request (``via_approval``) or a manager's assignment
    (``assigned_by``) opens it."""
    if not user.is_authenticated or not user.is_active:
        raise EnrollmentError(_("Sign in to enrol in a course."), code="anonymous")
    if not course.live:
        raise EnrollmentError(_("This course is not open for enrolment."), code="not_live")
    _check_may_view(user, course)
    if course.enrolment_requires_approval and assigned_by is None and not via_approval:
        raise EnrollmentError(
            _("This course requires approval: request a place and your manager will decide."),
            code="approval_required",
        )
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.create(
                user=user, course=course, due_at=due_at, assigned_by=assigned_by
            )
    except IntegrityError:
        raise EnrollmentError(
            _("You are already enrolled in this course."), code="already_enrolled"
        ) from None
    logger.info("enrolled user=%s course=%s assigned_by=%s", user.pk, course.pk, assigned_by)
    return enrollment


def enrollment_assign(
    *, user, course: CoursePage, due_at: datetime | None, assigned_by
) -> tuple[Enrollment, bool]:
    """A manager's assignment: enrol the learner with a due date, or set the due date of the
    enrolment they already have. Returns the enrolment and whether it was created. A
    completed enrolment keeps its (now irrelevant) due date: the course is done."""
    with transaction.atomic():
        current = (
            Enrollment.objects.current()
            .select_for_update()
            .filter(user=user, course=course)
            .first()
        )
        if current is None:
            if not user.is_active:
                raise EnrollmentError(_("This account is disabled."), code="inactive")
            if not course.live:
                raise EnrollmentError(_("This course is not open for enrolment."), code="not_live")
            _check_may_view(user, course)
            try:
                with transaction.atomic():
                    enrollment = Enrollment.objects.create(
                        user=user, course=course, due_at=due_at, assigned_by=assigned_by
                    )
            except IntegrityError:  # enrolled meanwhile by a parallel request
                enrollment = Enrollment.objects.current().get(user=user, course=course)
                return _set_due_date(enrollment, due_at, assigned_by), False
            logger.info("assigned user=%s course=%s by=%s", user.pk, course.pk, assigned_by.pk)
            return enrollment, True
        return _set_due_date(current, due_at, assigned_by), False


def _set_due_date(enrollment: Enrollment, due_at, assigned_by) -> Enrollment:
    if enrollment.is_completed:
        return enrollment
    enrollment.due_at = due_at
    enrollment.assigned_by = assigned_by
    enrollment.save(update_fields=["due_at", "assigned_by"])
    return enrollment


def enrollment_renew(*, enrollment: Enrollment) -> Enrollment:
    """Start a new cycle of a completed course (recertification).

    The finished enrolment is kept, with its progress and everything other apps hang on it
    (attempts, a certificate), and marked superseded; the learner starts again from the
    first step in a new current enrolment. Renewing twice at once makes one new cycle.
    """
    with transaction.atomic():
        locked = (
            Enrollment.objects.select_for_update().select_related("course").get(pk=enrollment.pk)
        )
        if not locked.is_current:
            raise EnrollmentError(
                _("You have already started this course again."), code="already_renewed"
            )
        if not locked.is_completed:
            raise EnrollmentError(
                _("Finish the course before starting it again."), code="not_completed"
            )
        if not locked.course.live:
            raise EnrollmentError(_("This course is not open for enrolment."), code="not_live")
        _check_may_view(locked.user, locked.course)
        now = timezone.now()
        locked.superseded_at = now
        locked.save(update_fields=["superseded_at"])
        renewed = Enrollment.objects.create(
            user_id=locked.user_id, course=locked.course, cycle=locked.cycle + 1, enrolled_at=now
        )
    logger.info("enrolment renewed old=%s new=%s cycle=%s", locked.pk, renewed.pk, renewed.cycle)
    return renewed


def step_complete(
    *, enrollment: Enrollment, step_key: str, outline: CourseOutline | None = None
) -> StepCompletion:
    """Record that the learner finished one step; complete the course when it was the last.

    Safe to call twice: the second call finds the completion and changes nothing.
    """
    if outline is None:
        outline = selectors.course_outline(enrollment.course)
    if step_key not in outline.step_keys:
        raise EnrollmentError(_("This step is not part of the course."), code="unknown_step")
    now = timezone.now()
    with transaction.atomic():
        # Lock the enrolment: two steps finishing at once must not both miss completion.
        locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        completion, created = StepCompletion.objects.get_or_create(
            enrollment=locked, step_key=step_key, defaults={"completed_at": now}
        )
        locked.last_activity_at = now
        update_fields = ["last_activity_at"]
        if locked.status != Enrollment.Status.COMPLETED and _all_steps_done(locked, outline):
            locked.status = Enrollment.Status.COMPLETED
            locked.completed_at = now
            update_fields += ["status", "completed_at"]
            publish_course_completed(
                enrollment_id=locked.pk, user_id=locked.user_id, course_id=locked.course_id
            )
            logger.info("course completed enrollment=%s", locked.pk)
        locked.save(update_fields=update_fields)
    enrollment.refresh_from_db(fields=["status", "completed_at", "last_activity_at"])
    if created:
        logger.info("step completed enrollment=%s step=%s", enrollment.pk, step_key)
    return completion


def _all_steps_done(enrollment: Enrollment, outline: CourseOutline) -> bool:
    done = set(
        StepCompletion.objects.filter(enrollment=enrollment).values_list("step_key", flat=True)
    )
    return bool(outline.step_keys) and outline.step_keys <= done


def lesson_complete(*, user, lesson: LessonPage) -> StepCompletion:
    """The learner finished a lesson: checks enrolment and the course's order first."""
    course = selectors.course_for_descendant(lesson)
    enrollment = selectors.enrollment_get(user=user, course_id=course.id)
    if enrollment is None:
        raise EnrollmentError(
            _("Enrol in this course to record your progress."), code="not_enrolled"
        )
    if not lesson.live:
        raise EnrollmentError(_("This lesson is not available."), code="not_live")
    _check_may_view(user, lesson)
    key = lesson_step_key(lesson.id)
    outline = selectors.course_outline(course)
    if selectors.step_is_locked(
        enrollment=enrollment, course=course, step_key=key, outline=outline
    ):
        raise EnrollmentError(
            _("Finish the earlier modules of this course before this lesson."), code="locked"
        )
    return step_complete(enrollment=enrollment, step_key=key, outline=outline)


def enrollments_refresh_completion(*, course: CoursePage) -> list[int]:
    """Complete the enrolments whose learners have now done every step of the course.

    Runs after a trainer removes or unpublishes lessons: a learner who had done everything
    else has finished the course as it now stands. Enrolments are only ever moved forward
    (completed stays completed when lessons are added). Returns the enrolment ids completed.
    """
    outline = selectors.course_outline(course)
    if not outline.step_keys:
        return []
    completed = []
    for enrollment in selectors.enrollments_with_all_steps_done(course=course, outline=outline):
        with transaction.atomic():
            locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
            if locked.status == Enrollment.Status.COMPLETED:
                continue
            locked.status = Enrollment.Status.COMPLETED
            locked.completed_at = timezone.now()
            locked.save(update_fields=["status", "completed_at"])
            publish_course_completed(
                enrollment_id=locked.pk, user_id=locked.user_id, course_id=locked.course_id
            )
        completed.append(locked.pk)
    if completed:
        logger.info("completion refreshed course=%s completed=%s", course.pk, completed)
    return completed


# --- enrolment requests (courses that require approval) ----------------------------------
#
# Who may decide is not a question for ``courses``: the caller (``reports``) checks the
# decider's organisation scope before calling approve or reject, and e-mails the learner.

REQUEST_MESSAGE_MAX = 2000


def enrollment_request_create(*, user, course: CoursePage, message: str = "") -> EnrollmentRequest:
    """A learner asks for a place in a course that requires approval."""
    if not user.is_authenticated or not user.is_active:
        raise EnrollmentError(_("Sign in to request a place in a course."), code="anonymous")
    if not course.live:
        raise EnrollmentError(_("This course is not open for enrolment."), code="not_live")
    if not course.enrolment_requires_approval:
        raise EnrollmentError(
            _("This course needs no approval: you can enrol directly."), code="no_approval"
        )
    _check_may_view(user, course)
    message = message.strip()
    if "\x00" in message:
        raise EnrollmentError(
            _("Your message contains a character that cannot be saved: remove it and send again."),
            code="message_invalid",
        )
    if len(message) > REQUEST_MESSAGE_MAX:
        raise EnrollmentError(
            _("Keep your message under %(max)s characters.") % {"max": REQUEST_MESSAGE_MAX},
            code="message_too_long",
        )
    if Enrollment.objects.current().filter(user=user, course=course).exists():
        raise EnrollmentError(
            _("You are already enrolled in this course."), code="already_enrolled"
        )
    try:
        with transaction.atomic():
            enrollment_request = EnrollmentRequest.objects.create(
                user=user, course=course, message=message
            )
            publish_enrollment_requested(request_id=enrollment_request.pk)
    except IntegrityError:  # the partial unique constraint: one pending request per course
        raise EnrollmentError(
            _("You have already requested a place in this course."), code="already_requested"
        ) from None
    logger.info("enrolment requested user=%s course=%s", user.pk, course.pk)
    return enrollment_request


def _lock_pending(enrollment_request: EnrollmentRequest) -> EnrollmentRequest:
    """The request row, locked; refused when someone else decided it meanwhile."""
    locked = (
        EnrollmentRequest.objects.select_for_update()
        .select_related("user", "course")
        .get(pk=enrollment_request.pk)
    )
    if locked.status != EnrollmentRequest.Status.PENDING:
        raise EnrollmentError(
            _("This request is no longer waiting for a decision: it was %(status)s.")
            % {"status": locked.get_status_display().lower()},
            code="already_decided",
        )
    return locked


def _close(locked: EnrollmentRequest, *, status: str, by, note: str = "") -> EnrollmentRequest:
    note = note.strip()
    if len(note) > REQUEST_MESSAGE_MAX:
        raise EnrollmentError(
            _("Keep the note under %(max)s characters.") % {"max": REQUEST_MESSAGE_MAX},
            code="note_too_long",
        )
    locked.status, locked.decided_at, locked.decided_by = status, timezone.now(), by
    locked.decision_note = note
    locked.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    return locked


def enrollment_request_approve(
    *, enrollment_request: EnrollmentRequest, decided_by, note: str = ""
) -> EnrollmentRequest:
    """Approve a pending request and enrol the learner, in one transaction: if the
    enrolment cannot be made (the course was unpublished) the request stays pending. A
    learner who was meanwhile enrolled (assigned by a manager) keeps that enrolment."""
    with transaction.atomic():
        locked = _lock_pending(enrollment_request)
        if not locked.user.is_active:
            raise EnrollmentError(_("This account is disabled."), code="inactive")
        try:
            enrollment_create(user=locked.user, course=locked.course, via_approval=True)
        except EnrollmentError as error:
            if error.code != "already_enrolled":
                raise
        _close(locked, status=EnrollmentRequest.Status.APPROVED, by=decided_by, note=note)
    logger.info("enrolment request approved request=%s by=%s", locked.pk, decided_by.pk)
    return locked


def enrollment_request_reject(
    *, enrollment_request: EnrollmentRequest, decided_by, note: str = ""
) -> EnrollmentRequest:
    with transaction.atomic():
        locked = _lock_pending(enrollment_request)
        _close(locked, status=EnrollmentRequest.Status.REJECTED, by=decided_by, note=note)
    logger.info("enrolment request rejected request=%s by=%s", locked.pk, decided_by.pk)
    return locked


def enrollment_request_withdraw(*, user, course: CoursePage) -> EnrollmentRequest:
    """The learner takes back their pending request for a course."""
    with transaction.atomic():
        pending = (
            EnrollmentRequest.objects.select_for_update()
            .filter(user=user, course=course, status=EnrollmentRequest.Status.PENDING)
            .first()
        )
        if pending is None:
            raise EnrollmentError(
                _("You have no request waiting for this course."), code="no_pending_request"
            )
        _close(pending, status=EnrollmentRequest.Status.WITHDRAWN, by=user)
    logger.info("enrolment request withdrawn request=%s", pending.pk)
    return pending


# --- bulk assignment (a manager assigns a unit, a cohort or a CSV file) --------------------

BULK_BATCH_SIZE = 500
# The first key of the advisory lock that serialises bulk assignments of a course.
BULK_ASSIGNMENT_LOCK_CLASS = 0x5741_0001


def enrollments_assign_bulk(
    *, course: CoursePage, due_dates: dict[int, datetime | None], assigned_by
) -> dict[str, int]:
    """``enrollment_assign`` for many learners at once, in a fixed number of queries per
    batch of ``BULK_BATCH_SIZE`` learners: one SELECT of their current enrolments, one
    INSERT of the missing ones, and an UPDATE of the due dates that change (one per date, at
    most five, else a single ``bulk_update``).

    ``due_dates`` maps the ids of active users (the caller checks) to each one's due date.
    Completed enrolments are left alone, as ``enrollment_assign`` leaves them. A learner who
    enrols on their own between the SELECT and the INSERT keeps their enrolment (the insert
    ignores the conflict). Returns how many enrolments were created, updated (due date set),
    left alone because completed, and left alone because they already had that due date.
    """
    if not course.live:
        raise EnrollmentError(_("This course is not open for enrolment."), code="not_live")
    counts = dict.fromkeys(("created", "updated", "completed", "unchanged"), 0)
    user_ids = list(due_dates)
    refused = access.users_refused(user_ids, page_path=course.path)
    if refused:
        raise EnrollmentError(
            ngettext(
                "%(count)s of these people may not see this course: it is open only to certain "
                "groups of users. Nothing was assigned.",
                "%(count)s of these people may not see this course: it is open only to certain "
                "groups of users. Nothing was assigned.",
                len(refused),
            )
            % {"count": len(refused)},
            code="restricted",
        )
    with transaction.atomic():
        _wait_for_other_bulk_assignments(course)
        for start in range(0, len(user_ids), BULK_BATCH_SIZE):
            batch = {
                user_id: due_dates[user_id] for user_id in user_ids[start : start + BULK_BATCH_SIZE]
            }
            _assign_batch(course=course, due_dates=batch, assigned_by=assigned_by, counts=counts)
    logger.info(
        "assigned in bulk course=%s by=%s %s",
        course.pk,
        assigned_by.pk,
        " ".join(f"{key}={value}" for key, value in counts.items()),
    )
    return counts


def _wait_for_other_bulk_assignments(course: CoursePage) -> None:
    """Bulk assignments of one course take turns (PostgreSQL's advisory lock, released at
    commit). Without it, the same form submitted twice at once makes the second wait on the
    first's row locks and then miss the rows the first inserted, so it reports them as
    enrolled a second time. SQLite has one writer at a time anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [BULK_ASSIGNMENT_LOCK_CLASS, course.pk]
            )


def _assign_batch(*, course, due_dates, assigned_by, counts) -> None:
    current = {
        user_id: (pk, status, due_at, by)
        for pk, user_id, status, due_at, by in Enrollment.objects.current()
        .select_for_update()
        .filter(course=course, user_id__in=list(due_dates))
        .values_list("pk", "user_id", "status", "due_at", "assigned_by_id")
    }
    new, changed = [], []
    for user_id, due_at in due_dates.items():
        found = current.get(user_id)
        if found is None:
            new.append(
                Enrollment(user_id=user_id, course=course, due_at=due_at, assigned_by=assigned_by)
            )
        elif found[1] == Enrollment.Status.COMPLETED:
            counts["completed"] += 1
        elif found[2] == due_at and found[3] == assigned_by.pk:
            counts["unchanged"] += 1
        else:
            changed.append(Enrollment(pk=found[0], due_at=due_at, assigned_by=assigned_by))
    Enrollment.objects.bulk_create(new, batch_size=BULK_BATCH_SIZE, ignore_conflicts=True)
    _update_due_dates(changed, assigned_by)
    counts["created"] += len(new)
    counts["updated"] += len(changed)


def _update_due_dates(changed: list[Enrollment], assigned_by) -> None:
    """One UPDATE per due date when a batch has few of them (the usual case: a whole file
    or unit due on one day), else ``bulk_update``, whose CASE is slow to build but still one
    statement per batch."""
    by_due: dict[datetime | None, list[int]] = {}
    for enrollment in changed:
        by_due.setdefault(enrollment.due_at, []).append(enrollment.pk)
    if len(by_due) > 5:
        Enrollment.objects.bulk_update(
            changed, ["due_at", "assigned_by"], batch_size=BULK_BATCH_SIZE
        )
        return
    for due_at, ids in by_due.items():
        Enrollment.objects.filter(pk__in=ids).update(due_at=due_at, assigned_by=assigned_by)
