"""Enrolment requests seen from the managers' side: who is told about a request, who may
decide it, and the e-mail that tells the learner. The request itself (and the enrolment an
approval makes) is written by ``courses.services``; this module checks the decider's
organisation scope first, as every approval must, and logs the decision in the same
transaction."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from accounts.models import User
from accounts.selectors import organisation_scope_for, request_deciders
from config.links import absolute_url
from config.mail import message_in_language
from courses import services as course_services
from courses.models import EnrollmentRequest

logger = logging.getLogger("waypoint.enrolments")

APPROVE, REJECT = "approve", "reject"


class ApprovalError(ValidationError):
    """A decision that cannot be made; the message says why."""


# --- who decides -----------------------------------------------------------------------------


def approvers_of(learner: User) -> list[User]:
    """Whom a learner's request goes to (``accounts.selectors.request_deciders``: the
    managers of the nearest managed unit at or above the learner's, else the
    administrators); the learner is told the same from the same rule."""
    return list(request_deciders(learner).people)


def enrollment_request_decide(
    *, enrollment_request: EnrollmentRequest, user: User, decision: str, note: str = ""
) -> EnrollmentRequest:
    """Approve (which enrols the learner) or reject a pending request, then e-mail the
    learner. Only someone whose organisation scope contains the learner may decide, and
    nobody decides their own request."""
    scope = organisation_scope_for(user)
    if not scope.contains(enrollment_request.user.organisation):
        raise ApprovalError(_("This request is outside your organisation."), code="scope")
    if enrollment_request.user_id == user.pk:
        raise ApprovalError(_("You cannot decide your own request."), code="own_request")
    if decision not in (APPROVE, REJECT):
        raise ApprovalError(_("Choose whether to approve or reject."), code="decision")
    decide = (
        course_services.enrollment_request_approve
        if decision == APPROVE
        else course_services.enrollment_request_reject
    )
    with transaction.atomic():
        try:
            decided = decide(enrollment_request=enrollment_request, decided_by=user, note=note)
        except course_services.EnrollmentError as error:
            raise ApprovalError(error.message, code=error.code) from None
        log(
            instance=decided,
            action=f"waypoint.enrollment_request.{decision}",
            user=user,
            data={"learner": decided.user.email, "course": decided.course.title, "note": note},
        )
        transaction.on_commit(lambda: _queue_decision_mail(decided.pk))
    return decided


# --- e-mails ---------------------------------------------------------------------------------


def _queue(task, request_id: int) -> None:
    try:
        task.delay(request_id)
    except Exception:  # noqa: BLE001 - a broker that is down must not undo the decision
        logger.exception("could not queue %s for request=%s", task.name, request_id)


def _queue_decision_mail(request_id: int) -> None:
    from enrolments.tasks import send_enrollment_decision

    _queue(send_enrollment_decision, request_id)


def on_enrollment_requested(sender, *, request_id: int, **kwargs) -> None:
    """Receiver of ``courses.events.enrollment_requested``: tell the approvers, in the
    background."""
    from enrolments.tasks import notify_enrollment_request

    _queue(notify_enrollment_request, request_id)


def enrollment_request_notify_approvers(*, enrollment_request: EnrollmentRequest) -> int:
    """E-mail the approvers about a new request, each in their own language. Returns how
    many were told; a request decided or withdrawn meanwhile tells nobody."""
    if enrollment_request.status != EnrollmentRequest.Status.PENDING:
        return 0
    learner = enrollment_request.user
    approvers = approvers_of(learner)
    context = {
        "enrollment_request": enrollment_request,
        "learner": learner,
        "course": enrollment_request.course,
        "decide_url": absolute_url(
            reverse("enrolment_requests:decide", args=[enrollment_request.pk])
        ),
    }
    for approver in approvers:
        message_in_language(
            to=approver,
            template="enrolments/email_request_received.txt",
            # No learner's name in the subject: it is typed by the learner (issue 12, 11).
            subject=gettext_lazy("Enrolment request for %(course)s"),
            subject_args={"course": enrollment_request.course.title},
            context=context,
        ).send()
    logger.info("request notified request=%s approvers=%s", enrollment_request.pk, len(approvers))
    return len(approvers)


def enrollment_request_send_decision(*, enrollment_request: EnrollmentRequest) -> bool:
    """E-mail the learner that their request was approved (with a link to start) or
    rejected (with the note)."""
    status = enrollment_request.status
    if status not in (EnrollmentRequest.Status.APPROVED, EnrollmentRequest.Status.REJECTED):
        return False
    course = enrollment_request.course
    approved = status == EnrollmentRequest.Status.APPROVED
    message_in_language(
        to=enrollment_request.user,
        template=f"enrolments/email_request_{'approved' if approved else 'rejected'}.txt",
        subject=(
            gettext_lazy("You have a place in %(course)s")
            if approved
            else gettext_lazy("Your request for a place in %(course)s was not approved")
        ),
        subject_args={"course": course.title},
        context={
            "enrollment_request": enrollment_request,
            "course": course,
            "course_url": absolute_url(course.url or reverse("learning:dashboard")),
            "deciders": request_deciders(enrollment_request.user, with_people=False),
        },
    ).send()
    return True
