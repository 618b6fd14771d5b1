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
