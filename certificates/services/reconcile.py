"""The periodic repair: whatever a lost message, a broker that was down or a killed worker
left undone is done now, each step as idempotent as the task it stands in for."""

import logging

from certificates import selectors
from certificates.services.issuance import CertificateError, certificate_finish, certificate_issue
from certificates.services.revocation import certificate_revocation_notify

logger = logging.getLogger("waypoint.certificates")


def certificates_reconcile() -> list[str]:
    """Issue every certificate that a completed enrolment lacks (a lost message, a broker
    that was down), render any PDF that is missing, and send the mails still owed (of
    issue, of revocation). Returns the codes it touched."""
    touched = []
    for enrollment in selectors.completed_enrollments_without_certificate():
        done = _reconcile_one(certificate_issue, enrollment=enrollment)
        touched.append(done.code if done else None)
    for certificate in selectors.certificates_unfinished():
        done = _reconcile_one(certificate_finish, certificate)
        touched.append(done.code if done else None)
    for certificate in selectors.revocations_unannounced():
        sent = _reconcile_one(certificate_revocation_notify, certificate_id=certificate.pk)
        touched.append(certificate.code if sent else None)
    touched = [code for code in touched if code]
    if touched:
        logger.info("reconcile issued or repaired %s certificates", len(touched))
    return touched


def _reconcile_one(step, *args, **kwargs):
    """One certificate's repair; a failure (a mail server refusing one address) is logged
    and the job goes on with the others, to try this one again next time."""
    try:
        return step(*args, **kwargs)
    except CertificateError as refused:
        logger.warning("reconcile left %s %s: %s", args, kwargs, refused)
        return None
    except Exception:  # noqa: BLE001 - logged with its traceback; retried by the next run
        logger.exception("reconcile could not finish %s %s", args, kwargs)
        return None
