from .certificates import Certificate, ExpiryReminder
from .requirements import ComplianceDigest, UnitCourseRequirement
from .templates import CertificateTemplate, CourseCertification

__all__ = [
    "Certificate",
    "CertificateTemplate",
    "ComplianceDigest",
    "CourseCertification",
    "ExpiryReminder",
    "UnitCourseRequirement",
]
