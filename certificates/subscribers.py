"""certificates listens to courses: a completed enrolment queues its certificate. The
event is sent after the completing transaction commits; the task is idempotent and the
reconcile job catches any message lost on the way."""

import logging

logger = logging.getLogger("waypoint.certificates")


def issue_on_completion(sender, *, enrollment_id: int, **kwargs):
    from certificates.tasks import issue_certificate

    try:
        issue_certificate.delay(enrollment_id)
    except Exception:  # noqa: BLE001 - broker down: the reconcile job issues it later
        logger.exception("could not queue certificate for enrollment=%s", enrollment_id)


def settle_on_account_deletion(sender, *, user_id: int, **kwargs):
    """A learner closes their account (accounts.events.account_deleting, in the closing
    transaction). Policy (README, "Security and privacy"): their certificates stay, unchanged
    and verifiable by code, showing the name printed on them; nothing more is ever sent to
    them. So: a certificate not yet e-mailed, or revoked and not yet announced, is marked as
    settled (the reconcile job would otherwise mail the anonymised address), and every
    expiry reminder counts as sent."""
    from django.utils import timezone

    from certificates.models import Certificate, ExpiryReminder
    from certificates.services import REMINDER_DAYS

    held = Certificate.objects.filter(user_id=user_id)
    held.filter(emailed_at__isnull=True).update(emailed_at=timezone.now())
    held.filter(revoked_at__isnull=False, revocation_emailed_at__isnull=True).update(
        revocation_emailed_at=timezone.now()
    )
    expiring = held.filter(expires_at__isnull=False).values_list("pk", flat=True)
    ExpiryReminder.objects.bulk_create(
        [
            ExpiryReminder(certificate_id=pk, days_before=days)
            for pk in expiring
            for days in REMINDER_DAYS
        ],
        ignore_conflicts=True,
    )
    logger.info("certificates settled for closed account user=%s", user_id)
