"""What a certificate PDF shows, as plain data: the interface between the certificates
app's models and the PDF renderer (``certificates.pdf``)."""

from dataclasses import dataclass, field
from datetime import date

from django.core.files.storage import Storage


@dataclass(frozen=True)
class StoredImage:
    """An uploaded image, named in the storage that holds it (a Wagtail image's file and
    its field's storage). The renderer reads it through the storage API only, never from a
    local path, so certificates print the same whether files are on disk, in an object
    store or in memory."""

    storage: Storage
    name: str


@dataclass
class Signatory:
    name: str
    title: str = ""
    signature: StoredImage | None = None


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
    background: StoredImage | None = None
    logos: list[StoredImage] = field(default_factory=list)
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
