"""What a certificate PDF shows, as plain data: the interface between the certificates
app's models and the PDF renderer (``certificates.pdf``)."""

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Signatory:
    name: str
    title: str = ""
    signature_path: str = ""  # a local image file, or empty


@dataclass
class CertificateLayout:
    """The design, from an administrator's CertificateTemplate."""

    page_size: str = "A4"  # "A4" or "Letter"
    orientation: str = "landscape"  # or "portrait"
    title: str = "Certificate of completion"
    # Placeholders in braces: {holder_name} {course_title} {completion_date} {hours}
    # {code} {expiry_date} {issuer}
    body: str = (
        "This certifies that {holder_name} has completed the course {course_title} "
        "({hours} hours) on {completion_date}."
    )
    language: str = "en"
    background_path: str = ""
    logo_paths: list[str] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)


@dataclass
class CertificateFacts:
    """The frozen facts of one certificate."""

    holder_name: str
    course_title: str
    completion_date: date
    hours: int
    code: str
    verification_url: str
    issuer: str = "Waypoint"
    expiry_date: date | None = None
