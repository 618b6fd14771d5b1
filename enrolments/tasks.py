"""Celery tasks of the enrolments app: ids in, one service call, retries owned here."""

from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

from courses.models import EnrollmentRequest
from enrolments.services import approvals, imports, invitations, notices, reminders

_MAIL_RETRY = {
    "autoretry_for": (OperationalError, SMTPException, OSError),
    "retry_backoff": True,
    "max_retries": 5,
}


def _request(request_id: int) -> EnrollmentRequest | None:
    return (
        EnrollmentRequest.objects.select_related("user", "user__organisation", "course")
        .filter(pk=request_id)
        .first()
    )


@shared_task(**_MAIL_RETRY)
def notify_enrollment_request(request_id: int) -> int:
    enrollment_request = _request(request_id)
    if enrollment_request is None:
        return 0
    return approvals.enrollment_request_notify_approvers(enrollment_request=enrollment_request)


@shared_task(**_MAIL_RETRY)
def send_enrollment_decision(request_id: int) -> bool:
    enrollment_request = _request(request_id)
    if enrollment_request is None:
        return False
    return approvals.enrollment_request_send_decision(enrollment_request=enrollment_request)


@shared_task
def send_due_date_reminders() -> int:
    return reminders.due_date_reminders_send()


@shared_task
def send_overdue_digests() -> int:
    return reminders.overdue_digests_send()


@shared_task(**_MAIL_RETRY)
def send_assignment_invitations() -> int:
    """After an import commits, and every few minutes for any a lost task left owed."""
    return invitations.assignment_invitations_send()


@shared_task(**_MAIL_RETRY)
def send_assignment_notices() -> int:
    """After an assignment commits, and every few minutes for any a lost task left owed:
    each notice is sent once however often this runs (``enrolments.services.notices``)."""
    return notices.assignment_notices_send()


@shared_task(acks_late=True, time_limit=30 * 60, soft_time_limit=25 * 60)
def import_assignment_csv(manager_id: int, token: str) -> str:
    """A previewed assignments file above the inline size. Delivered again after a lost
    worker (``acks_late``): the rerun imports the file when the first run's transaction was
    rolled back, and does nothing once an outcome is written."""
    return imports.assignment_import_csv_run(manager_id=manager_id, token=token)
