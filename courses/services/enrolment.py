"""Enrolments: a learner enrols, a manager assigns (with a due date), a completed
course is renewed for recertification. Every write checks the course's view restrictions
first (``_check_may_view``)."""

import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import access
from courses.models import CoursePage, Enrollment
from courses.translations import original_of

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
    (``assigned_by``) opens it. Enrolling in a translation enrols in its original, which
    every record of the course is kept against (``courses.translations``)."""
    if not user.is_authenticated or not user.is_active:
        raise EnrollmentError(_("Sign in to enrol in a course."), code="anonymous")
    if not course.live:
        raise EnrollmentError(_("This course is not open for enrolment."), code="not_live")
    _check_may_view(user, course)
    course = original_of(course)
    if course.enrolment_requires_approval and assigned_by is None and not via_approval:
        raise EnrollmentError(
            _("This course requires approval: request a place from the course page."),
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
    completed enrolment keeps its (now irrelevant) due date: the course is done. A
    translation is assigned through its original, which keeps every record."""
    course = original_of(course)
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


def enrollments_keep_unit(*, user_id: int, unit_id: int) -> int:
    """Receiver of ``accounts.events.unit_leaving``: the person's enrolments completed so
    far stay in the figures of the unit they are leaving (``Enrollment.reported_unit``);
    open ones go on with them. A completion already kept by an earlier unit stays there.
    Runs in the move's transaction. Returns how many were kept."""
    kept = Enrollment.objects.filter(
        user_id=user_id, status=Enrollment.Status.COMPLETED, reported_unit__isnull=True
    ).update(reported_unit_id=unit_id)
    logger.info(
        "completions kept by the unit left user=%s unit=%s count=%s", user_id, unit_id, kept
    )
    return kept


def on_unit_leaving(sender, *, user_id: int, unit_id: int, **kwargs) -> None:
    enrollments_keep_unit(user_id=user_id, unit_id=unit_id)
