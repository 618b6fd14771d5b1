from .certificates import Certificate, ExpiryReminder
from .templates import CertificateTemplate, CourseCertification

__all__ = ["Certificate", "CertificateTemplate", "CourseCertification", "ExpiryReminder"]
