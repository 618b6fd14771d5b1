from .certificates import Certificate
from .templates import CertificateTemplate, CourseCertification

__all__ = ["Certificate", "CertificateTemplate", "CourseCertification"]
