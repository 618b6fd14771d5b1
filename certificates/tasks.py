"""Celery tasks: ids in, one idempotent service call, retries owned here."""

import logging

from celery import shared_task
from celery.signals import worker_init
from django.db import OperationalError

from certificates import services
from courses.models import Enrollment

logger = logging.getLogger("waypoint.certificates")


@shared_task(autoretry_for=(OperationalError, OSError), retry_backoff=True, max_retries=8)
def issue_certificate(enrollment_id: int) -> str | None:
    enrollment = (
        Enrollment.objects.select_related("user", "course").filter(pk=enrollment_id).first()
    )
    if enrollment is None or enrollment.status != Enrollment.Status.COMPLETED:
        return None
    try:
        return services.certificate_issue(enrollment=enrollment).code
    except services.CertificateError as refused:
        logger.warning("no certificate for enrollment=%s: %s", enrollment_id, refused)
        return None


@shared_task(
    acks_late=True, autoretry_for=(OperationalError, OSError), retry_backoff=True, max_retries=8
)
def notify_revocation(certificate_id: int) -> bool:
    """After a revocation commits. Delivered twice or retried, it still sends one mail
    (``certificate_revocation_notify``); one a lost task owed goes with the reconcile job."""
    return services.certificate_revocation_notify(certificate_id=certificate_id)


@shared_task
def reconcile_certificates() -> int:
    return len(services.certificates_reconcile())


@shared_task
def send_expiry_reminders() -> int:
    return services.certificates_send_expiry_reminders()


@shared_task(acks_late=True)
def build_certificates_zip(course_id: int) -> str:
    return services.certificates_build_zip(course_id=course_id)


@worker_init.connect
def warm_up_certificate_renderer(**kwargs):
    """Before the worker forks its pool, so that every pool process starts with the
    renderer loaded and shares its memory. A worker that cannot render still runs the
    other tasks; certificate tasks then fail and are retried."""
    from certificates.pdf.rendering import warm_up

    try:
        warm_up()
    except Exception:  # noqa: BLE001 - logged; the worker's other queues must keep running
        logger.exception("the certificate renderer could not be loaded")


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def send_compliance_digests() -> int:
    """Daily; each manager gets the month's summary once (``ComplianceDigest``)."""
    return services.compliance_digests_send()
