"""Requests for a place in a course that requires approval: created and withdrawn by the
learner, approved or rejected by a decider the caller checked.

Who may decide is not a question for ``courses``: the caller (``enrolments``) checks the
decider's organisation scope before calling approve or reject, and e-mails the learner."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.events import publish_enrollment_requested
from courses.models import CoursePage, Enrollment, EnrollmentRequest
from courses.services.enrolment import EnrollmentError, _check_may_view, enrollment_create
from courses.translations import original_of

logger = logging.getLogger("waypoint.courses")

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
    course = original_of(course)  # kept against the original, as enrolments are
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
    """The learner takes back their pending request for a course (or a translation of it)."""
    with transaction.atomic():
        pending = (
            EnrollmentRequest.objects.select_for_update()
            .filter(
                user=user,
                course__translation_key=course.translation_key,
                status=EnrollmentRequest.Status.PENDING,
            )
            .first()
        )
        if pending is None:
            raise EnrollmentError(
                _("You have no request waiting for this course."), code="no_pending_request"
            )
        _close(pending, status=EnrollmentRequest.Status.WITHDRAWN, by=user)
    logger.info("enrolment request withdrawn request=%s", pending.pk)
    return pending
