import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.storage import private_storage


def certificate_pdf_path(instance, filename):
    """The code, for whoever looks after the files, and a random part: the code is public
    (printed, in the QR code, shared with employers), so a path made from it alone let
    anyone who could reach MEDIA_ROOT read the PDF (issue 12, finding 14). Every render
    gets a new name; the row says which file is current (certificates.services)."""
    return f"certificates/{instance.code}-{secrets.token_urlsafe(18)}.pdf"


class Certificate(models.Model):
    """One per enrolment. Holder name, course title and issuer are frozen at issue: later
    edits to the profile or the course never change an issued certificate (a re-issue does)."""

    class RevocationReason(models.TextChoices):
        ISSUED_IN_ERROR = "issued_in_error", _("Issued in error")
        MISCONDUCT = "misconduct", _("Academic misconduct")
        IDENTITY = "identity", _("Identity could not be confirmed")
        SUPERSEDED = "superseded", _("Superseded")
        OTHER = "other", _("Other")

    class PublicRevocationReason(models.TextChoices):
        """What public verification says about a revocation. Anyone with the code reads it
        beside the holder's name, so misconduct and identity doubts, an accusation made in
        public, read "withdrawn by the issuer"; the recorded reason and note stay in the
        admin (issue 12, finding 15)."""

        ISSUED_IN_ERROR = "issued_in_error", _("Issued in error")
        SUPERSEDED = "superseded", _("Superseded")
        WITHDRAWN = "withdrawn", _("Withdrawn by the issuer")

    enrollment = models.OneToOneField(
        "courses.Enrollment", on_delete=models.PROTECT, related_name="certificate"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey(
        "courses.CoursePage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    holder_name = models.CharField(_("holder name"), max_length=200)
    course_title = models.CharField(_("course title"), max_length=255)
    issuer = models.CharField(_("issuing organisation"), max_length=200)
    hours = models.PositiveSmallIntegerField(_("hours"), default=0)
    completed_on = models.DateField(_("completed on"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.CharField(
        _("revocation reason"), max_length=30, choices=RevocationReason.choices, blank=True
    )
    revocation_note = models.TextField(_("revocation note"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    template = models.ForeignKey(
        "certificates.CertificateTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The private storage (config.storage): handed out by our views only, never by its URL.
    pdf = models.FileField(
        _("PDF"), upload_to=certificate_pdf_path, storage=private_storage, blank=True
    )
    # Indexed: the verification page finds the certificate of an uploaded PDF by its hash.
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True, db_index=True)
    # The certificate's bit in the revocation status list (certificates.credentials
    # .status_list): chosen at random when issued, then never changed.
    status_list_index = models.PositiveIntegerField(
        _("status list index"), null=True, unique=True, editable=False
    )
    # The signed Open Badges 3.0 credential (a VC-JWT), signed at issue and on re-issue.
    credential = models.TextField(_("signed credential"), blank=True, editable=False)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    # When a sender claimed the mail (certificates.services, "exactly once"); with
    # emailed_at still empty, a send in progress or one whose sender died.
    mail_claimed_at = models.DateTimeField(
        _("e-mail claimed at"), null=True, blank=True, editable=False
    )
    # The holder's mail about a revocation, claimed and marked the same way.
    revocation_mail_claimed_at = models.DateTimeField(
        _("revocation e-mail claimed at"), null=True, blank=True, editable=False
    )
    revocation_emailed_at = models.DateTimeField(
        _("revocation e-mailed at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        # Issued from completions and revoked, never added or deleted by anyone (the admin's
        # permission policy says so too: certificates.wagtail_hooks.IssuedOnlyPolicy).
        default_permissions = ("change", "view")
        indexes = [
            models.Index(fields=["course", "issued_at"]),
            # Reports: certificates issued (and not revoked) per learner.
            models.Index(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="certificate_unrevoked_by_user",
            ),
            # The compliance report (certificates.compliance_fast): each person's newest
            # valid certificate of the required courses, read from the index alone.
            models.Index(
                fields=["course", "user", "issued_at", "expires_at", "revoked_at", "id"],
                name="certificate_compliance_idx",
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.holder_name})"

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    def public_revocation_reason(self) -> str | None:
        if not self.revoked_at:
            return None
        public = {
            self.RevocationReason.ISSUED_IN_ERROR: self.PublicRevocationReason.ISSUED_IN_ERROR,
            self.RevocationReason.SUPERSEDED: self.PublicRevocationReason.SUPERSEDED,
        }
        return str(public.get(self.revocation_reason, self.PublicRevocationReason.WITHDRAWN))

    def public_revocation_label(self) -> str:
        reason = self.public_revocation_reason()
        return self.PublicRevocationReason(reason).label if reason else ""

    def status(self, now=None) -> str:
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at and (now or timezone.now()) >= self.expires_at:
            return self.Status.EXPIRED
        return self.Status.VALID


class ExpiryReminder(models.Model):
    """That the holder was reminded N days before expiry: the unique constraint makes each
    reminder go out once, however often the job runs."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before"], name="one_reminder_per_threshold"
            ),
        ]
