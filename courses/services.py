"""Writes of the courses app: enrolment and progress. Other apps call these; they never
write ``Enrollment`` or ``StepCompletion`` themselves."""

import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import selectors
from courses.events import publish_course_completed
from courses.models import CoursePage, Enrollment, LessonPage, StepCompletion
from courses.outline import CourseOutline, lesson_step_key

logger = logging.getLogger("waypoint.courses")


class EnrollmentError(ValidationError):
    """A request about an enrolment that cannot be honoured; the message says why."""


def enrollment_create(
    *, user, course: CoursePage, due_at: datetime | None = None, assigned_by=None
) -> Enrollment:
    if not user.is_authenticated or not user.is_active:
        raise EnrollmentError(_("Sign in to enrol in a course."), code="anonymous")
    if not course.live:
        raise EnrollmentError(_("This course is not open for enrolment."), code="not_live")
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
