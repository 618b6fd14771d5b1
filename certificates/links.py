"""Absolute links that leave the site: in e-mails, and printed and encoded in the PDF."""

from django.urls import reverse

from config.links import absolute_url


def verification_url(code: str) -> str:
    return absolute_url(reverse("certificates:verify", args=[code]))


LINKEDIN_ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


def linkedin_add_url(certificate) -> str:
    """LinkedIn's "add to profile" form, filled in: a plain link, nothing is sent until the
    holder confirms on LinkedIn."""
    from urllib.parse import urlencode

    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
        "organizationName": certificate.issuer,
        "issueYear": certificate.issued_at.year,
        "issueMonth": certificate.issued_at.month,
    }
    if certificate.expires_at:
        query["expirationYear"] = certificate.expires_at.year
        query["expirationMonth"] = certificate.expires_at.month
    query["certUrl"] = verification_url(certificate.code)
    query["certId"] = certificate.code
    return f"{LINKEDIN_ADD_TO_PROFILE}?{urlencode(query)}"
