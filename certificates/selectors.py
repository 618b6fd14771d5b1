from datetime import timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from certificates.codes import normalise_code
from certificates.document import CertificateFacts, CertificateLayout, Signatory, StoredImage
from certificates.links import linkedin_add_url, verification_url
from certificates.models import Certificate, CertificateTemplate, CourseCertification
from certificates.verification import credential_check
from config.storage import private_storage
from courses.models import Enrollment


def certification_for(*, course) -> CourseCertification | None:
    return CourseCertification.objects.select_related("template").filter(course=course).first()


def template_for(
    *, certification: CourseCertification | None, language: str = ""
) -> CertificateTemplate | None:
    """The course's template (else the default one), in ``language`` (the learner's): its
    translation into that language when it has one (``CertificateTemplate.translation_of``:
    a course that chose a translation has chosen its original, in every language), else
    the template itself; never another template. One query, two without a chosen one."""
    chosen = certification.template if certification and certification.template else None
    chosen = chosen or CertificateTemplate.objects.filter(is_default=True).first()
    if chosen is None or not language or chosen.language == language:
        return chosen
    original_id = chosen.translation_of_id or chosen.pk
    in_language = (
        CertificateTemplate.objects.filter(
            Q(pk=original_id) | Q(translation_of_id=original_id), language=language
        )
        .order_by("pk")
        .first()
    )
    return in_language or chosen


def completed_enrollments_without_certificate():
    return (
        Enrollment.objects.filter(status=Enrollment.Status.COMPLETED, certificate__isnull=True)
        .select_related("user", "course")
        .order_by("completed_at")
    )


def certificates_unfinished():
    """Certificates whose PDF or e-mail a crash left undone (a certificate revoked before
    its mail went is not sent it)."""
    return Certificate.objects.filter(
        Q(pdf="") | Q(emailed_at__isnull=True, revoked_at__isnull=True)
    ).select_related("user")


def revocations_unannounced():
    """Revoked certificates whose holder has not been told yet (a lost task)."""
    return Certificate.objects.filter(
        revoked_at__isnull=False, revocation_emailed_at__isnull=True
    ).only("pk", "code")


def certificate_for_verification(*, code: str) -> Certificate | None:
    """One query. None for a code that is malformed or unknown."""
    canonical = normalise_code(code)
    if canonical is None:
        return None
    return Certificate.objects.filter(code=canonical).first()


def certificate_public_facts(*, certificate: Certificate) -> dict:
    """What anyone may learn from a code: never the holder's e-mail or other personal data
    beyond the name printed on the certificate, and of a revocation only its date and a
    neutral category (``Certificate.PublicRevocationReason``)."""
    return {
        "code": certificate.code,
        "status": certificate.status(),
        "holder_name": certificate.holder_name,
        "course": certificate.course_title,
        "issuer": certificate.issuer,
        "issued_on": certificate.issued_at.date().isoformat(),
        "completed_on": certificate.completed_on.isoformat(),
        "expires_on": certificate.expires_at.date().isoformat() if certificate.expires_at else None,
        "revoked_on": certificate.revoked_at.date().isoformat() if certificate.revoked_at else None,
        "revocation_reason": certificate.public_revocation_reason(),
        "hours": certificate.hours,
        # The signed Open Badges credential checked against our keys (no query).
        "credential": credential_check(certificate=certificate),
    }


def course_zip_status(*, course_id: int) -> dict:
    """Whether a course's ZIP has been built, and when; how many certificates it holds
    (``count``) and how many are revoked and left out. A ZIP built before the course's
    latest revocation is ``out_of_date``: it may still hold that PDF, so it is not offered
    until rebuilt. One query."""
    name = course_zip_name(course_id=course_id)
    built = private_storage().exists(name)
    built_at = private_storage().get_modified_time(name) if built else None
    figures = Certificate.objects.filter(course_id=course_id).aggregate(
        issued=Count("pk"),
        revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
        last_revoked_at=Max("revoked_at"),
    )
    last_revoked_at = figures["last_revoked_at"]
    return {
        "name": name,
        "built_at": built_at,
        "count": figures["issued"] - figures["revoked"],
        "revoked": figures["revoked"],
        "out_of_date": bool(built_at and last_revoked_at and built_at <= last_revoked_at),
    }


def certificates_for_zip(*, course_id: int):
    """The certificates a course's ZIP holds: rendered, and not revoked."""
    return Certificate.objects.filter(course_id=course_id, revoked_at__isnull=True).exclude(pdf="")


def course_zip_name(*, course_id: int) -> str:
    """The same name at every build (a rebuild overwrites it, and the page finds it without
    a row), keyed with the secret key so that nobody can name it from the course id: the
    view that checks who asks is the only way to it (issue 12, finding 14)."""
    key = salted_hmac("certificates.course_zip", str(course_id), algorithm="sha256")
    return f"exports/certificates-course-{course_id}-{key.hexdigest()[:32]}.zip"


def course_zip_download_name(*, course_id: int) -> str:
    """The friendly name the administrator's browser saves the ZIP under."""
    return f"certificates-course-{course_id}.zip"


RECERTIFICATION_WINDOW_DAYS = 60


def recertification_refusal(*, certificate: Certificate, now=None) -> str | None:
    """Why the holder cannot recertify yet, or None when they can: the certificate expires
    (within the window, or already did), is not revoked, and is from the learner's current
    enrolment, not an earlier cycle. Needs ``enrollment`` loaded; changes nothing."""
    now = now or timezone.now()
    if certificate.expires_at is None:
        return _("This certificate does not expire.")
    if certificate.revoked_at is not None:
        return _("A revoked certificate cannot be renewed.")
    if certificate.enrollment is None or not certificate.enrollment.is_current:
        return _("You have already started this course again.")
    if certificate.expires_at - now > timedelta(days=RECERTIFICATION_WINDOW_DAYS):
        return _("You can recertify from %(date)s, %(days)s days before expiry.") % {
            "date": date_format(
                certificate.expires_at - timedelta(days=RECERTIFICATION_WINDOW_DAYS)
            ),
            "days": RECERTIFICATION_WINDOW_DAYS,
        }
    return None


def certificates_of(*, user) -> list[Certificate]:
    """The learner's certificates, newest first, earlier cycles included; each knows
    whether it can be renewed now (``can_recertify``). One query."""
    certificates = list(
        Certificate.objects.filter(user=user).select_related("enrollment").order_by("-issued_at")
    )
    now = timezone.now()
    for certificate in certificates:
        certificate.can_recertify = (
            recertification_refusal(certificate=certificate, now=now) is None
        )
        certificate.is_superseded = not certificate.enrollment.is_current
        certificate.linkedin_url = linkedin_add_url(certificate)
    return certificates


def certificate_get_for_owner(*, code: str, user, with_pdf: bool = True) -> Certificate:
    """Somebody else's certificate is a 404, as is one whose PDF is not rendered yet when
    the caller needs the PDF."""
    canonical = normalise_code(code)
    certificate = (
        Certificate.objects.select_related("enrollment").filter(code=canonical, user=user).first()
        if canonical
        else None
    )
    if certificate is None or (with_pdf and not certificate.pdf):
        raise Http404("No such certificate")
    return certificate


def certificate_document(*, certificate: Certificate) -> tuple[CertificateLayout, CertificateFacts]:
    template = certificate.template
    layout = CertificateLayout()
    if template is not None:
        layout = CertificateLayout(
            page_size=template.page_size,
            orientation=template.orientation,
            title=template.title,
            body=template.body,
            language=template.language,
            background=_stored_image(template.background_image),
            logos=[
                logo
                for logo in (_stored_image(template.logo), _stored_image(template.second_logo))
                if logo
            ],
            signatories=[
                Signatory(
                    name=block.value["name"],
                    title=block.value["title"],
                    signature=_stored_image(block.value["signature"]),
                )
                for block in template.signatories
            ],
        )
    facts = CertificateFacts(
        holder_name=certificate.holder_name,
        course_title=certificate.course_title,
        completion_date=certificate.completed_on,
        hours=certificate.hours,
        code=certificate.code,
        verification_url=verification_url(certificate.code),
        issuer=certificate.issuer,
        expiry_date=certificate.expires_at.date() if certificate.expires_at else None,
    )
    return layout, facts


def _stored_image(image) -> StoredImage | None:
    """A Wagtail image's file, named in its own storage: the renderer reads it through the
    storage API, wherever the files are kept."""
    if image is None or not image.file.name:
        return None
    return StoredImage(storage=image.file.storage, name=image.file.name)


def certificates_expiring(*, now, within_days: int):
    """Certificates about to expire whose holders have not yet renewed them: once a newer
    certificate for the same course exists, reminding about the old one is noise."""
    newer = Certificate.objects.filter(
        user=OuterRef("user"), course=OuterRef("course"), issued_at__gt=OuterRef("issued_at")
    )
    return (
        Certificate.objects.filter(
            revoked_at__isnull=True,
            expires_at__gt=now,
            expires_at__lte=now + timedelta(days=within_days),
        )
        .exclude(Exists(newer))
        .select_related("user", "course")
        .order_by("expires_at")
    )
