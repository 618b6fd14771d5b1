"""Writes of the certificates app: issue, render, e-mail, revoke, re-issue, reconcile,
expiry reminders, course ZIPs. Every step is safe to run twice.

Issuance is exactly once without holding a lock over anything slow: rendering, storage and
mail all happen outside any transaction, and each step is skipped once done, so a re-run
after a crash picks up where the crash left off.
1. The row: created once; the unique constraint on the enrolment makes a duplicate
   delivery find the first one's row.
2. The PDF: rendered and saved under a fresh random name, then recorded by one
   conditional UPDATE, only if the row has none yet. A render racing it (a duplicate
   delivery, the reconcile job) that loses deletes its own file: one PDF per certificate,
   and both renders had the same content.
3. The mail: claimed by one conditional UPDATE (``mail_claimed_at``, only while
   ``emailed_at`` is empty and nobody alive holds the claim), sent, then marked sent.
   Whoever finds it claimed or sent leaves it; a send that fails gives the claim back for
   the task's retry. A sender that died leaves a claim that the reconcile job takes over:
   on PostgreSQL at once, because the sender also holds a session advisory lock on the
   certificate (``MAIL_LOCK_CLASS``), which ends with its connection; elsewhere once the
   claim is ``MAIL_CLAIM_TIMEOUT`` old, longer than any send takes.
So every completion gets one certificate, none twice, and one mail, with one window, as
before this design: a sender killed after the mail server accepted the mail and before
``emailed_at`` was written leaves a claim that is taken over, and the learner gets the
mail twice. Callers never hold a transaction open around these services."""

import hashlib
import logging
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from certificates import pdf, selectors
from certificates.codes import generate_code
from certificates.links import verification_url
from certificates.models import Certificate, ExpiryReminder
from config.links import absolute_url
from config.mail import message_in_language
from courses import access
from courses.models import Enrollment
from courses.services import EnrollmentError, enrollment_renew

logger = logging.getLogger("waypoint.certificates")

DAYS_PER_MONTH = 30.4375


class CertificateError(ValueError):
    """A certificate request that cannot be honoured; the message says why."""


MAIL_CLAIM_TIMEOUT = timedelta(minutes=10)
# The first key of the advisory lock a sender holds while it mails a certificate.
MAIL_LOCK_CLASS = 0x5741_0002  # beside courses.services.BULK_ASSIGNMENT_LOCK_CLASS


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
    """The steps after the row exists, each skipped once done (see the module docstring)."""
    if not certificate.pdf:
        name, sha256 = _render_to_storage(certificate)
        recorded = Certificate.objects.filter(pk=certificate.pk, pdf="").update(
            pdf=name, pdf_sha256=sha256
        )
        if not recorded:  # a render running at the same time was recorded first
            certificate.pdf.storage.delete(name)
    if certificate.emailed_at is None:
        _email_once(certificate)
    current = Certificate.objects.get(pk=certificate.pk)
    current.user = certificate.user  # already loaded by the caller
    return current


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


def _render_to_storage(certificate: Certificate) -> tuple[str, str]:
    """Render the PDF and save it under a new unguessable name (``certificate_pdf_path``),
    outside any transaction; returns the name and the SHA-256. A file whose name a crash
    kept from being recorded is never served or named anywhere."""
    layout, facts = selectors.certificate_document(certificate=certificate)
    content = pdf.render_certificate_pdf(layout=layout, facts=facts)
    field = certificate.pdf.field
    name = certificate.pdf.storage.save(
        field.generate_filename(certificate, "certificate.pdf"),
        ContentFile(content),
        max_length=field.max_length,
    )
    return name, hashlib.sha256(content).hexdigest()


def _email_once(certificate: Certificate) -> None:
    """Claim the mail, send it outside any transaction, mark it sent (module docstring)."""
    with _sender_lock(certificate.pk) as alone:
        if alone is False:
            return  # another process is sending it now
        now = timezone.now()
        # Holding the lock proves an earlier claim's sender gone; without it, only age does.
        taken_over_before = now if alone else now - MAIL_CLAIM_TIMEOUT
        claimed = (
            Certificate.objects.filter(pk=certificate.pk, emailed_at__isnull=True)
            .filter(Q(mail_claimed_at__isnull=True) | Q(mail_claimed_at__lt=taken_over_before))
            .update(mail_claimed_at=now)
        )
        if not claimed:
            return
        claim = Certificate.objects.filter(pk=certificate.pk, mail_claimed_at=now)
        try:
            certificate_email(
                certificate=Certificate.objects.select_related("user").get(pk=certificate.pk)
            )
        except BaseException:
            claim.update(mail_claimed_at=None)  # for the retry
            raise
        claim.update(emailed_at=timezone.now())


@contextmanager
def _sender_lock(certificate_id: int) -> Iterator[bool | None]:
    """On PostgreSQL, a session advisory lock on the certificate's mail: True once taken,
    False when a live process holds it. It is no row lock and holds no transaction open; it
    ends with the holder's connection, so a killed worker's lock is free at once. None on
    other databases, which have no such lock."""
    if connection.vendor != "postgresql":
        yield None
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [MAIL_LOCK_CLASS, certificate_id])
        taken = cursor.fetchone()[0]
    try:
        yield taken
    finally:
        if taken:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_unlock(%s, %s)", [MAIL_LOCK_CLASS, certificate_id]
                )


def certificate_email(*, certificate: Certificate) -> None:
    """The learner's mail with the PDF attached; sending only (``_email_once`` claims it)."""
    message = message_in_language(
        to=certificate.user,
        template="certificates/email_issued.txt",
        subject=gettext_lazy("Your certificate: %(course)s"),
        subject_args={"course": certificate.course_title},
        context={
            "certificate": certificate,
            "verify_url": verification_url(certificate.code),
            "dashboard_url": absolute_url(reverse("learning:dashboard")),
        },
    )
    with certificate.pdf.open("rb") as file:
        message.attach(f"certificate-{certificate.code}.pdf", file.read(), "application/pdf")
    message.send()


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


def certificate_reissue(*, certificate: Certificate, user) -> Certificate:
    """Same code, the holder's current name, a new PDF: for example after a name correction.
    The PDF is rendered and stored first; a short transaction records it with the name and
    the audit-log entry. The earlier file goes once that commits, the new one if it fails."""
    current = Certificate.objects.select_related("user", "template").get(pk=certificate.pk)
    old_name = current.holder_name
    current.holder_name = current.user.full_name or current.holder_name
    name, sha256 = _render_to_storage(current)
    storage = current.pdf.storage
    try:
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
            earlier = locked.pdf.name
            locked.holder_name, locked.pdf, locked.pdf_sha256 = current.holder_name, name, sha256
            locked.save(update_fields=["holder_name", "pdf", "pdf_sha256"])
            log(
                instance=locked,
                action="waypoint.certificate.reissue",
                user=user,
                data={"old_name": old_name, "new_name": locked.holder_name, "sha256": sha256},
            )
            if earlier and earlier != name:
                transaction.on_commit(lambda: storage.delete(earlier), robust=True)
    except BaseException:
        storage.delete(name)
        raise
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


# Up to this size a course's ZIP is built in memory, beyond it in a temporary file.
ZIP_IN_MEMORY_BYTES = 20 * 1024 * 1024


def certificates_build_zip(*, course_id: int) -> str:
    """All PDFs of a course in one ZIP at the same keyed name (a rebuild replaces it), read
    and written through the storage API only. Built aside first, so that a failure while
    collecting the PDFs leaves the earlier ZIP as it was."""
    name = selectors.course_zip_name(course_id=course_id)
    with tempfile.SpooledTemporaryFile(max_size=ZIP_IN_MEMORY_BYTES) as built:
        with zipfile.ZipFile(built, "w", compression=zipfile.ZIP_STORED) as archive:
            for certificate in Certificate.objects.filter(course_id=course_id).exclude(pdf=""):
                with certificate.pdf.open("rb") as file:
                    archive.writestr(f"{certificate.code}.pdf", file.read())
        default_storage.delete(name)
        saved = default_storage.save(name, File(built))
    if saved != name:  # a build running at the same time saved first; its ZIP will do
        default_storage.delete(saved)
    logger.info("certificate zip built course=%s", course_id)
    return name
