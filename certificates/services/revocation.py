"""An administrator revokes a certificate; the holder is told why, in their language.

Revoking is one short transaction (the row and its audit-log entry) that queues the
holder's mail for after the commit (``certificates.tasks.notify_revocation``). The mail is
sent once however often that task is delivered or retried: it is claimed and marked on the
certificate's row (``mail_claims.REVOKED``), as the issuance mail is, and the reconcile job
sends any a lost task left owed."""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from certificates import verification
from certificates.links import verification_url
from certificates.models import Certificate
from certificates.services import mail_claims
from certificates.services.issuance import CertificateError
from config.links import absolute_url
from config.mail import message_in_language

logger = logging.getLogger("waypoint.certificates")


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, reason: str, note: str = "", user
) -> Certificate:
    """Revoke with one of ``Certificate.RevocationReason``: there is no default, a reason
    must be chosen. The holder is e-mailed once the revocation has committed."""
    if reason not in Certificate.RevocationReason.values:
        raise CertificateError(_("Choose a reason for the revocation."))
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at:
        raise CertificateError(_("This certificate is already revoked."))
    locked.revoked_at, locked.revocation_reason = timezone.now(), reason
    locked.revocation_note, locked.revoked_by = note, user
    locked.save(update_fields=["revoked_at", "revocation_reason", "revocation_note", "revoked_by"])
    log(
        instance=locked,
        action="waypoint.certificate.revoke",
        user=user,
        data={"reason": reason, "note": note},
    )
    # The published status list shows it at the next request, not after its cache lapses.
    transaction.on_commit(
        lambda: verification.status_list_forget(index=locked.status_list_index), robust=True
    )
    transaction.on_commit(lambda: _notify_soon(locked.pk), robust=True)
    logger.info("certificate revoked code=%s reason=%s", locked.code, reason)
    return locked


def _notify_soon(certificate_id: int) -> None:
    from certificates.tasks import notify_revocation

    notify_revocation.delay(certificate_id)


def certificate_revocation_notify(*, certificate_id: int) -> bool:
    """E-mail the holder of a revoked certificate: the date, the reason recorded (not the
    administrators' note) and what it means. Once: True when this call sent it. A holder
    whose account is closed or disabled is not mailed; the mail is marked settled."""
    certificate = (
        Certificate.objects.select_related("user")
        .filter(pk=certificate_id, revoked_at__isnull=False)
        .first()
    )
    if certificate is None or certificate.revocation_emailed_at is not None:
        return False
    if not certificate.user.is_active:
        Certificate.objects.filter(pk=certificate_id, revocation_emailed_at__isnull=True).update(
            revocation_emailed_at=timezone.now()
        )
        return False
    sent = mail_claims.send_once(
        mail_claims.REVOKED, certificate.pk, lambda: _revocation_message(certificate).send()
    )
    if sent:
        logger.info("revocation mailed code=%s", certificate.code)
    return sent


def _revocation_message(certificate: Certificate):
    return message_in_language(
        to=certificate.user,
        template="certificates/email_revoked.txt",
        subject=gettext_lazy("Your certificate was revoked: %(course)s"),
        subject_args={"course": certificate.course_title},
        context={
            "certificate": certificate,
            "verify_url": verification_url(certificate.code),
            "dashboard_url": absolute_url(reverse("learning:dashboard")),
        },
    )
