"""Issuance: a completed enrolment's certificate, its PDF and its mail, each step safe to
run twice; and re-issue (same code, a new PDF).

Issuance is exactly once without holding a lock over anything slow: rendering, storage and
mail all happen outside any transaction, and each step is skipped once done, so a re-run
after a crash picks up where the crash left off.
1. The row: created once; the unique constraint on the enrolment makes a duplicate
   delivery find the first one's row.
2. The PDF: rendered and saved under a fresh random name, then recorded by one
   conditional UPDATE, only if the row has none yet. A render racing it (a duplicate
   delivery, the reconcile job) that loses deletes its own file: one PDF per certificate,
   and both renders had the same content.
3. The mail: claimed, sent, then marked sent (``mail_claims``: ``mail_claimed_at``,
   ``emailed_at``); a certificate revoked before its mail went is not sent it.
So every completion gets one certificate, none twice, and one mail, with the one window
``mail_claims`` describes. Callers never hold a transaction open around these services."""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from certificates import pdf, selectors
from certificates.codes import generate_code
from certificates.links import verification_url
from certificates.models import Certificate
from certificates.services import credentials, mail_claims
from config.links import absolute_url
from config.mail import message_in_language
from courses import access
from courses.models import Enrollment
from courses.translations import course_title_in

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
    return certificate_finish(certificate)


def certificate_finish(certificate: Certificate) -> Certificate:
    """The steps after the row exists, each skipped once done (see the module docstring);
    the reconcile job's repair."""
    if not certificate.pdf:
        name, sha256 = _render_to_storage(certificate)
        recorded = Certificate.objects.filter(pk=certificate.pk, pdf="").update(
            pdf=name, pdf_sha256=sha256
        )
        if not recorded:  # a render running at the same time was recorded first
            certificate.pdf.storage.delete(name)
    if certificate.emailed_at is None and certificate.revoked_at is None:
        mail_claims.send_once(mail_claims.ISSUED, certificate.pk, lambda: _email(certificate.pk))
    current = Certificate.objects.get(pk=certificate.pk)
    current.user = certificate.user  # already loaded by the caller
    return current


def _create(enrollment: Enrollment) -> Certificate:
    course = enrollment.course
    settings_row = selectors.certification_for(course=course)
    # In the learner's language, with the course's title in the certificate's language
    # where the course is translated into it (``courses.translations``).
    language = enrollment.user.preferred_language or settings.LANGUAGE_CODE
    template = selectors.template_for(certification=settings_row, language=language)
    title = course_title_in(course=course, language=template.language if template else language)
    completed = enrollment.completed_at or timezone.now()
    months = settings_row.validity_months if settings_row else None
    for _attempt in range(5):
        certificate = Certificate(
            enrollment=enrollment,
            user=enrollment.user,
            course=course,
            code=generate_code(),
            holder_name=enrollment.user.full_name or enrollment.user.email,
            course_title=title,
            issuer=template.issuer if template else "Waypoint",
            hours=course.duration_hours,
            completed_on=completed.date(),
            expires_at=completed + timedelta(days=round(months * DAYS_PER_MONTH))
            if months
            else None,
            template=template,
            status_list_index=credentials.status_index_candidate(),
        )
        certificate.credential = credentials.credential_sign(
            certificate=certificate, email=enrollment.user.email
        )
        try:
            with transaction.atomic():
                certificate.save(force_insert=True)
        except IntegrityError:
            # Issued meanwhile by a duplicate delivery of the same task, or (rarely) the
            # status bit or code was taken: then try another.
            existing = Certificate.objects.filter(enrollment=enrollment).first()
            if existing is not None:
                return existing
            continue
        logger.info("certificate issued code=%s enrollment=%s", certificate.code, enrollment.pk)
        return certificate
    raise CertificateError(_("No free status list position was found; try again."))


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


def _email(certificate_id: int) -> None:
    certificate_email(certificate=Certificate.objects.select_related("user").get(pk=certificate_id))


def certificate_email(*, certificate: Certificate) -> None:
    """The learner's mail with the PDF attached; sending only (``mail_claims`` claims it)."""
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


def certificate_reissue(*, certificate: Certificate, user) -> Certificate:
    """Same code, the holder's current name, a new PDF: for example after a name correction.
    The PDF is rendered and stored first; a short transaction records it with the name and
    the audit-log entry. The earlier file goes once that commits, the new one if it fails."""
    current = Certificate.objects.select_related("user", "template").get(pk=certificate.pk)
    if current.revoked_at is not None:
        raise CertificateError(_("A revoked certificate cannot be re-issued."))
    old_name = current.holder_name
    current.holder_name = current.user.full_name or current.holder_name
    name, sha256 = _render_to_storage(current)
    storage = current.pdf.storage
    try:
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
            earlier = locked.pdf.name
            locked.holder_name, locked.pdf, locked.pdf_sha256 = current.holder_name, name, sha256
            # The credential names the holder too: signed again with the corrected name.
            locked.credential = credentials.credential_sign(
                certificate=locked, email=current.user.email
            )
            locked.save(update_fields=["holder_name", "pdf", "pdf_sha256", "credential"])
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
