"""What ``certificates`` holds about a learner, for the personal-data export
(accounts.privacy). One query."""

from certificates.links import verification_url
from certificates.models import Certificate


def export_certificates(user) -> list[dict]:
    certificates = Certificate.objects.filter(user=user).order_by("issued_at", "pk")
    return [
        {
            "code": certificate.code,
            "status": certificate.status(),
            "holder_name": certificate.holder_name,
            "course": certificate.course_title,
            "course_id": certificate.course_id,
            "issuer": certificate.issuer,
            "hours": certificate.hours,
            "completed_on": certificate.completed_on,
            "issued_at": certificate.issued_at,
            "expires_at": certificate.expires_at,
            "revoked_at": certificate.revoked_at,
            "revocation_reason": certificate.revocation_reason,
            "verification_url": verification_url(certificate.code),
            "pdf_sha256": certificate.pdf_sha256,
        }
        for certificate in certificates
    ]
