"""Writes of the certificates app, one module per job: ``issuance`` (issue, render, mail,
re-issue), ``revocation`` (revoke, tell the holder), ``renewal`` (recertify, expiry
reminders), ``zips`` (a course's PDFs in one ZIP), ``requirements`` (units' required courses),
``compliance_digest`` (the managers' monthly summary) and ``reconcile`` (the periodic repair);
``mail_claims`` sends each of a certificate's mails once. Every step is safe to run twice.
Other modules call these through this package."""

from .compliance_digest import compliance_digests_send
from .credentials import certificate_credential_ensure, credential_sign
from .issuance import (
    DAYS_PER_MONTH,
    CertificateError,
    certificate_email,
    certificate_finish,
    certificate_issue,
    certificate_reissue,
)
from .mail_claims import MAIL_CLAIM_TIMEOUT
from .reconcile import certificates_reconcile
from .renewal import REMINDER_DAYS, certificate_recertify, certificates_send_expiry_reminders
from .requirements import requirement_add, requirement_remove
from .revocation import certificate_revocation_notify, certificate_revoke
from .zips import ZIP_IN_MEMORY_BYTES, certificates_build_zip

__all__ = [
    "DAYS_PER_MONTH",
    "MAIL_CLAIM_TIMEOUT",
    "REMINDER_DAYS",
    "ZIP_IN_MEMORY_BYTES",
    "CertificateError",
    "certificate_credential_ensure",
    "certificate_email",
    "compliance_digests_send",
    "certificate_finish",
    "certificate_issue",
    "certificate_recertify",
    "certificate_reissue",
    "certificate_revocation_notify",
    "certificate_revoke",
    "certificates_build_zip",
    "certificates_reconcile",
    "certificates_send_expiry_reminders",
    "credential_sign",
    "requirement_add",
    "requirement_remove",
]
