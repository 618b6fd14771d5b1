"""The documents: a certificate's ``OpenBadgeCredential``, the issuer's ``Profile`` and a
``BitstringStatusListCredential``. Plain dictionaries, built from a certificate's frozen
facts only (never from the live course or profile), so that signing costs no query."""

import hashlib
import io
import json
import uuid
from datetime import UTC, datetime, time
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates.credentials import status_list
from certificates.links import verification_url
from config.links import absolute_url

CONTEXTS = Path(__file__).resolve().parent / "contexts"
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# The bundled copies, by the URL documents name them with (contexts/README.md).
BUNDLED_CONTEXTS = {
    VC_CONTEXT: "credentials-v2.jsonld",
    OB_CONTEXT: "ob-v3p0-context-3.0.3.json",
}


@lru_cache
def bundled_context(url: str) -> dict:
    return json.loads((CONTEXTS / BUNDLED_CONTEXTS[url]).read_text())


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def issuer_url() -> str:
    return absolute_url(reverse("certificates:issuer"))


def status_list_url(number: int) -> str:
    return absolute_url(reverse("certificates:status_list", args=[number]))


def email_hash(email: str, salt: str) -> str:
    """Open Badges' ``sha256$`` form of the salted address, lower-cased and trimmed first
    so that the holder can reproduce it from the address they know."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return f"sha256${digest}"


def credential_payload(*, certificate, email: str, salt: str, language: str) -> dict:
    """The ``OpenBadgeCredential`` of ``certificate``. ``language`` is the course's: the
    criteria are written in it. The holder is named by a salted hash of the address and
    by the name printed on the certificate; the address itself never appears."""
    code_url = verification_url(certificate.code)
    payload = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": code_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_url(),
            "type": ["Profile"],
            "name": certificate.issuer,
            "url": absolute_url("/"),
        },
        "name": certificate.course_title,
        "validFrom": _iso(certificate.issued_at),
        "awardedDate": _iso(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": email_hash(email, salt),
                    "salt": salt,
                },
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.holder_name,
                },
            ],
            "activityEndDate": _iso(
                datetime.combine(certificate.completed_on, time.min, tzinfo=UTC)
            ),
            "achievement": _achievement(certificate, language),
        },
        "credentialStatus": _status_entry(certificate.status_list_index),
        # The JWT's registered claims, as Open Badges 3.0 maps them.
        "iss": issuer_url(),
        "jti": code_url,
        "nbf": int(certificate.issued_at.timestamp()),
    }
    if certificate.expires_at:
        payload["validUntil"] = _iso(certificate.expires_at)
        payload["exp"] = int(certificate.expires_at.timestamp())
    return payload


def _achievement(certificate, language: str) -> dict:
    with translation.override(language):
        narrative = _(
            "Completed every required step of the course %(course)s: %(hours)s hours of study."
        ) % {"course": certificate.course_title, "hours": certificate.hours}
    course_key = f"{absolute_url('/')}#course-{certificate.course_id}"
    return {
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, course_key)}",
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "name": certificate.course_title,
        "description": narrative,
        "criteria": {"narrative": narrative},
        "inLanguage": language,
        # Open Badges has no field for study hours: the criteria say them in words, and
        # this term (the VC context's issuer-dependent vocabulary) gives them as a number.
        "hours": certificate.hours,
        "creator": {"id": issuer_url(), "type": ["Profile"], "name": certificate.issuer},
    }


def _status_entry(index: int) -> dict:
    number, bit = status_list.position(index)
    url = status_list_url(number)
    return {
        "id": f"{url}#{bit}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(bit),
        "statusListCredential": url,
    }


def issuer_profile() -> dict:
    """The signing keys are at the URL every credential's ``kid`` names (keys.jwks_url)."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_url(),
        "type": ["Profile"],
        "name": settings.CREDENTIAL_ISSUER_NAME,
        "url": absolute_url("/"),
    }


def status_list_payload(*, number: int, revoked_bits) -> dict:
    url = status_list_url(number)
    now = timezone.now()
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_url(),
        "validFrom": _iso(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": status_list.encode(revoked_bits),
        },
        "iss": issuer_url(),
        "jti": url,
        "nbf": int(now.timestamp()),
    }


@lru_cache
def badge_image() -> bytes:
    """The badge every credential is baked into: drawn once per process, no text (the
    credential carries the words, in any script)."""
    from PIL import Image, ImageDraw

    size = 400
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(120, 250), (90, 390), (150, 350), (185, 395), (200, 270)], fill="#a4161a")
    draw.polygon([(280, 250), (310, 390), (250, 350), (215, 395), (200, 270)], fill="#a4161a")
    draw.ellipse([40, 20, 360, 340], fill="#083d6e")
    draw.ellipse([62, 42, 338, 318], fill="#0b5394", outline="#ffffff", width=6)
    draw.line([(130, 185), (180, 235), (275, 130)], fill="#ffffff", width=26, joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
