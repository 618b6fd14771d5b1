"""Writes of the certificates app: issue (idempotent), render, e-mail, revoke, re-issue,
reconcile. Every step is safe to run twice."""

import hashlib
import logging
import os
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from certificates import selectors
from certificates.codes import generate_code
from certificates.links import verification_url
from certificates.models import Certificate, ExpiryReminder
from config.links import absolute_url
from courses import access
from courses.models import Enrollment
from courses.services import EnrollmentError, enrollment_renew

logger = logging.getLogger("waypoint.certificates")

DAYS_PER_MONTH = 30.4375


class CertificateError(ValueError):
    """A certificate request that cannot be honoured; the message says why."""


def certificate_issue(*, enrollment: Enrollment) -> Certificate:
    """The certificate of a completed enrolment: created once (a unique constraint guards
    it), its PDF rendered if missing, and the learner e-mailed once."""
    if enrollment.status != Enrollment.Status.COMPLETED:
        raise CertificateError(_("The course is not completed."))
    certificate = Certificate.objects.filter(enrollment=enrollment).first()
    if certificate is None:
        if access.user_refusal(enrollment.user, page_path=enrollment.course.path):
            raise CertificateError(
                _("The learner may not see this course (its view restrictions leave them out).")
            )
        certificate = _create(enrollment)
    return _finish(certificate)


def _finish(certificate: Certificate) -> Certificate:
    """The steps after the row exists, each skipped once done: a re-run after a crash
    picks up where the crash left off. The row is locked meanwhile, so that two deliveries
    of the same task (or a delivery and the reconcile job) running at once render and
    e-mail once: the second waits, then finds the work done."""
    with transaction.atomic():
        locked = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("template")
            .get(pk=certificate.pk)
        )
        locked.user = certificate.user  # already loaded by the caller
        if not locked.pdf:
            certificate_render_pdf(certificate=locked)
        if locked.emailed_at is None:
            certificate_email(certificate=locked)
    return locked


def _create(enrollment: Enrollment) -> Certificate:
    course = enrollment.course
    settings_row = selectors.certification_for(course=course)
    template = selectors.template_for(certification=settings_row)
    completed = enrollment.completed_at or timezone.now()
    months = settings_row.validity_months if settings_row else None
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                enrollment=enrollment,
                user=enrollment.user,
                course=course,
                code=generate_code(),
                holder_name=enrollment.user.full_name or enrollment.user.email,
                course_title=course.title,
                issuer=template.issuer if template else "Waypoint",
                hours=course.duration_hours,
                completed_on=completed.date(),
                expires_at=completed + timedelta(days=round(months * DAYS_PER_MONTH))
                if months
                else None,
                template=template,
            )
    except IntegrityError:
        # Issued meanwhile by a duplicate delivery of the same task.
        return Certificate.objects.get(enrollment=enrollment)
    logger.info("certificate issued code=%s enrollment=%s", certificate.code, enrollment.pk)
    return certificate


def certificate_render_pdf(*, certificate: Certificate) -> Certificate:
    """Render and store the PDF under a new unguessable name (``certificate_pdf_path``),
    record the name on the row, and remove the earlier file once that is committed.
    Callers hold the row's lock, so one render wins; a file left by a run that crashed
    before recording its name is never served or named anywhere."""
    # Imported here: WeasyPrint is heavy to load, and web processes rarely render.
    from certificates.pdf import render_certificate_pdf

    layout, facts = selectors.certificate_document(certificate=certificate)
    content = render_certificate_pdf(layout=layout, facts=facts)
    storage, earlier = certificate.pdf.storage, certificate.pdf.name
    certificate.pdf.save("certificate.pdf", ContentFile(content), save=False)
    certificate.pdf_sha256 = hashlib.sha256(content).hexdigest()
    Certificate.objects.filter(pk=certificate.pk).update(
        pdf=certificate.pdf.name, pdf_sha256=certificate.pdf_sha256
    )
    if earlier and earlier != certificate.pdf.name:
        transaction.on_commit(lambda: storage.delete(earlier), robust=True)
    return certificate


def certificate_email(*, certificate: Certificate) -> None:
    user = certificate.user
    verify_url = verification_url(certificate.code)
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        body = render_to_string(
            "certificates/email_issued.txt",
            {
                "certificate": certificate,
                "verify_url": verify_url,
                "dashboard_url": absolute_url(reverse("learning:dashboard")),
            },
        )
        subject = _("Your certificate: %(course)s") % {"course": certificate.course_title}
    message = EmailMessage(subject=subject, body=body, to=[user.email])
    with certificate.pdf.open("rb") as pdf:
        message.attach(f"certificate-{certificate.code}.pdf", pdf.read(), "application/pdf")
    message.send()
    Certificate.objects.filter(pk=certificate.pk).update(emailed_at=timezone.now())
    certificate.emailed_at = timezone.now()


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, reason: str, note: str = "", user
) -> Certificate:
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
    logger.info("certificate revoked code=%s reason=%s", locked.code, reason)
    return locked


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, user) -> Certificate:
    """Same code, the holder's current name, a new PDF: for example after a name correction."""
    locked = Certificate.objects.select_for_update().select_related("user").get(pk=certificate.pk)
    old_name = locked.holder_name
    locked.holder_name = locked.user.full_name or locked.holder_name
    locked.save(update_fields=["holder_name"])
    certificate_render_pdf(certificate=locked)
    log(
        instance=locked,
        action="waypoint.certificate.reissue",
        user=user,
        data={"old_name": old_name, "new_name": locked.holder_name, "sha256": locked.pdf_sha256},
    )
    return locked


def certificates_reconcile() -> list[str]:
    """Issue every certificate that a completed enrolment lacks (a lost message, a broker
    that was down) and render any PDF that is missing. Returns the codes it touched."""
    touched = []
    for enrollment in selectors.completed_enrollments_without_certificate():
        touched.append(_reconcile_one(certificate_issue, enrollment=enrollment))
    for certificate in selectors.certificates_unfinished():
        touched.append(_reconcile_one(_finish, certificate))
    touched = [code for code in touched if code]
    if touched:
        logger.info("reconcile issued or repaired %s certificates", len(touched))
    return touched


def _reconcile_one(step, *args, **kwargs) -> str | None:
    """One certificate's repair; a failure (a mail server refusing one address) is logged
    and the job goes on with the others, to try this one again next time."""
    try:
        return step(*args, **kwargs).code
    except CertificateError as refused:
        logger.warning("reconcile left %s %s: %s", args, kwargs, refused)
        return None
    except Exception:  # noqa: BLE001 - logged with its traceback; retried by the next run
        logger.exception("reconcile could not finish %s %s", args, kwargs)
        return None


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
    user = certificate.user
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        body = render_to_string(
            "certificates/email_expiry.txt",
            {
                "certificate": certificate,
                "days_left": days_left,
                "dashboard_url": absolute_url(reverse("learning:dashboard")),
            },
        )
        subject = _("Your certificate expires in %(days)s days") % {"days": days_left}
    EmailMessage(subject=subject, body=body, to=[user.email]).send()


def certificates_build_zip(*, course_id: int) -> str:
    """All PDFs of a course in one ZIP at the same keyed path (a rebuild overwrites it).
    Written to a temporary name first, so a half-built file is never offered."""
    name = selectors.course_zip_name(course_id=course_id)
    partial = default_storage.path(name + ".partial")
    os.makedirs(os.path.dirname(partial), exist_ok=True)
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in Certificate.objects.filter(course_id=course_id).exclude(pdf=""):
            with certificate.pdf.open("rb") as pdf:
                archive.writestr(f"{certificate.code}.pdf", pdf.read())
    os.replace(partial, default_storage.path(name))
    logger.info("certificate zip built course=%s", course_id)
    return name
