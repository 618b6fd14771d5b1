"""Shared by the credential tests: a certificate with an expiry, and ways to read what the
holder downloads."""

import json

import jwt
from django.urls import reverse

from certificates.credentials import baking
from certificates.models import CourseCertification
from certificates.services import certificate_issue
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course

EMAIL = "Amina.Private@Example.org"


def issued_certificate(*, email=EMAIL, months=24, hours=12):
    course = make_course(modules=1, lessons=1, title="Integrated Border Management")
    course.duration_hours = hours
    course.save(update_fields=["duration_hours"])
    if months:
        CourseCertification.objects.create(course=course, validity_months=months)
    learner = UserFactory(full_name="Amina Haddad", email=email)
    return certificate_issue(enrollment=complete_course(learner, course=course))


def payload_of(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def downloaded_json(client, certificate) -> dict:
    client.force_login(certificate.user)
    response = client.get(reverse("certificates:credential_json", args=[certificate.code]))
    assert response.status_code == 200, response.status_code
    return json.loads(response.content)


def downloaded_badge(client, certificate) -> bytes:
    client.force_login(certificate.user)
    response = client.get(reverse("certificates:badge", args=[certificate.code]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    return response.content


def token_in_badge(png: bytes) -> str:
    return baking.unbake(png)
