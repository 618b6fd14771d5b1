"""A holder renews an expiring certificate (recertification), and is reminded before it
expires: 60, 30 and 7 days before, each reminder once."""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from certificates import selectors
from certificates.models import Certificate, ExpiryReminder
from certificates.services.issuance import CertificateError
from config.links import absolute_url
from config.mail import message_in_language
from courses.models import Enrollment
from courses.services import EnrollmentError, enrollment_renew

logger = logging.getLogger("waypoint.certificates")


def certificate_recertify(*, certificate: Certificate) -> Enrollment:
    """Start the learner on the course again to renew an expiring or expired certificate.
    The certificate stays as it is (valid until it expires) and stays in the history; the
    new cycle's completion issues a new certificate with a new code."""
    refusal = selectors.recertification_refusal(certificate=certificate)
    if refusal:
        raise CertificateError(refusal)
    try:
        enrollment = enrollment_renew(enrollment=certificate.enrollment)
    except EnrollmentError as error:
        raise CertificateError(error.message) from None
    logger.info("recertification started code=%s enrollment=%s", certificate.code, enrollment.pk)
    return enrollment


REMINDER_DAYS = (60, 30, 7)


def certificates_send_expiry_reminders(*, now=None) -> int:
    """Remind holders 60, 30 and 7 days before their certificate expires, each once. A
    certificate first seen inside a later window gets only that reminder, not all of them
    at once; the skipped ones are recorded as covered."""
    now = now or timezone.now()
    sent = 0
    for certificate in selectors.certificates_expiring(now=now, within_days=max(REMINDER_DAYS)):
        days_left = (certificate.expires_at - now).days
        due = min(d for d in REMINDER_DAYS if d >= days_left)
        covered = [d for d in REMINDER_DAYS if d >= due]
        with transaction.atomic():
            _, created = ExpiryReminder.objects.get_or_create(
                certificate=certificate, days_before=due
            )
            if not created:
                continue
            for days in covered:
                ExpiryReminder.objects.get_or_create(certificate=certificate, days_before=days)
            transaction.on_commit(lambda c=certificate, d=days_left: _send_reminder(c, d))
        sent += 1
    return sent


def _send_reminder(certificate: Certificate, days_left: int) -> None:
    message_in_language(
        to=certificate.user,
        template="certificates/email_expiry.txt",
        subject=gettext_lazy("Your certificate expires in %(days)s days"),
        subject_args={"days": days_left},
        context={
            "certificate": certificate,
            "days_left": days_left,
            "dashboard_url": absolute_url(reverse("learning:dashboard")),
        },
    ).send()
