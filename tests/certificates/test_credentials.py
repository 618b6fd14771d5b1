"""The Open Badges 3.0 credential of every certificate: what it says, that it never says
the e-mail address, that the holder alone downloads it, and that any change to it shows."""

import base64
import hashlib
import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from certificates.credentials import baking, signing
from certificates.models import Certificate
from certificates.services import certificate_reissue
from certificates.verification import file_check
from tests.certificates.credential_helpers import (
    EMAIL,
    downloaded_badge,
    downloaded_json,
    issued_certificate,
    payload_of,
    token_in_badge,
)
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache(fast_pdf):
    cache.clear()


def test_issuing_a_certificate_signs_its_open_badge_credential():
    certificate = issued_certificate(months=24, hours=12)

    payload = payload_of(certificate.credential)
    header = jwt_header(certificate.credential)

    assert header["alg"] == "EdDSA" and header["typ"] == "vc+jwt"
    assert payload["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert payload["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert payload["id"].endswith(f"/certificates/verify/{certificate.code}/")
    assert payload["issuer"]["name"] == certificate.issuer
    assert payload["name"] == "Integrated Border Management"
    achievement = payload["credentialSubject"]["achievement"]
    assert achievement["hours"] == 12 and "12 hours" in achievement["criteria"]["narrative"]
    assert achievement["inLanguage"] == "en"
    assert payload["validFrom"].startswith(certificate.issued_at.date().isoformat())
    assert payload["validUntil"].startswith(certificate.expires_at.date().isoformat())
    assert payload["exp"] == int(certificate.expires_at.timestamp())


def test_a_certificate_that_never_expires_has_no_valid_until():
    payload = payload_of(issued_certificate(months=None).credential)

    assert "validUntil" not in payload and "exp" not in payload


def test_the_recipient_is_a_salted_hash_of_the_address_the_holder_can_reproduce():
    certificate = issued_certificate()

    [email, name] = payload_of(certificate.credential)["credentialSubject"]["identifier"]

    assert email["identityType"] == "emailAddress" and email["hashed"] is True
    expected = hashlib.sha256((EMAIL.lower() + email["salt"]).encode()).hexdigest()
    assert email["identityHash"] == f"sha256${expected}"
    assert name == {
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": False,
        "identityHash": "Amina Haddad",
    }


def test_no_email_address_in_clear_in_the_credential_or_the_badge(client):
    certificate = issued_certificate()
    downloads = [
        certificate.credential,
        json.dumps(downloaded_json(client, certificate)),
        downloaded_badge(client, certificate).decode("latin-1"),
        json.dumps(payload_of(certificate.credential), ensure_ascii=False),
        json.dumps(jwt_header(certificate.credential)),
    ]

    for text in downloads:
        assert EMAIL.lower() not in text.lower()
        assert "amina.private" not in text.lower() and "@example.org" not in text.lower()


def test_the_holder_downloads_the_credential_as_json_and_as_a_baked_badge(client):
    certificate = issued_certificate()

    document = downloaded_json(client, certificate)
    badge = downloaded_badge(client, certificate)

    assert document["type"] == "EnvelopedVerifiableCredential"
    assert document["id"] == "data:application/vc+jwt," + certificate.credential
    assert badge.startswith(baking.SIGNATURE)
    assert token_in_badge(badge) == certificate.credential
    assert file_check(data=badge)["outcome"] == "issued"
    assert file_check(data=json.dumps(document).encode())["outcome"] == "issued"


@pytest.mark.parametrize("who", ["another learner", "a manager", "a trainer", "anonymous"])
def test_nobody_but_the_holder_downloads_the_credential(client, who):
    certificate = issued_certificate()
    roles = {"another learner": [], "a manager": ["Managers"], "a trainer": ["Trainers"]}
    if who != "anonymous":
        client.force_login(UserFactory(roles=roles[who]))

    for name in ("certificates:credential_json", "certificates:badge"):
        response = client.get(reverse(name, args=[certificate.code]))
        assert response.status_code in (302, 404), (name, response.status_code)
        assert certificate.credential.encode() not in response.content


def test_a_revoked_certificates_credential_is_no_longer_handed_out(client):
    from certificates.services import certificate_revoke

    certificate = issued_certificate()
    certificate_revoke(certificate=certificate, reason="issued_in_error", user=None)
    client.force_login(certificate.user)

    response = client.get(reverse("certificates:badge", args=[certificate.code]))

    assert response.status_code == 410


def test_an_older_certificate_gets_its_credential_signed_on_first_download(client):
    certificate = issued_certificate()
    Certificate.objects.filter(pk=certificate.pk).update(credential="")

    document = downloaded_json(client, certificate)

    certificate.refresh_from_db()
    assert certificate.credential and document["id"].endswith(certificate.credential)
    assert file_check(data=certificate.credential.encode())["outcome"] == "issued"


def jwt_header(token: str) -> dict:
    segment = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, (*path, key))
    elif isinstance(value, list):
        for position, child in enumerate(value):
            yield from _leaves(child, (*path, position))
    else:
        yield path, value


def _changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    return f"{value}x"


def tampered(token: str, path) -> str:
    header, _, signature = token.split(".")
    payload = payload_of(token)
    target = payload
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = _changed(target[path[-1]])
    body = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    return f"{header}.{body}.{signature}"


def test_a_credential_with_any_one_field_changed_fails():
    certificate = issued_certificate()
    paths = [path for path, _ in _leaves(payload_of(certificate.credential))]
    assert len(paths) > 30  # every field of the payload, nested ones included

    for path in paths:
        forged = tampered(certificate.credential, path)
        with pytest.raises(signing.CredentialRejected) as rejected:
            signing.verify(forged)
        assert rejected.value.reason == "bad_signature", path
        assert file_check(data=forged.encode())["outcome"] == "bad_signature", path


def test_a_changed_header_or_a_token_signed_by_another_key_fails():
    import jwt as pyjwt
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    certificate = issued_certificate()
    payload = payload_of(certificate.credential)
    header = jwt_header(certificate.credential)
    foreign = pyjwt.encode(payload, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers=header)
    unsigned = pyjwt.encode(payload, None, algorithm="none", headers={"kid": header["kid"]})

    assert file_check(data=foreign.encode())["outcome"] == "bad_signature"
    assert file_check(data=unsigned.encode())["outcome"] == "unsupported_algorithm"
    assert file_check(data=json.dumps(payload).encode())["outcome"] == "not_signed"


def test_a_reissue_signs_the_corrected_name_and_the_old_credential_is_superseded():
    certificate = issued_certificate()
    old = certificate.credential
    certificate.user.full_name = "Amina Haddad-Benali"
    certificate.user.save(update_fields=["full_name"])

    renewed = certificate_reissue(certificate=certificate, user=None)

    names = payload_of(renewed.credential)["credentialSubject"]["identifier"][1]
    assert names["identityHash"] == "Amina Haddad-Benali"
    assert file_check(data=renewed.credential.encode())["outcome"] == "issued"
    assert file_check(data=old.encode())["outcome"] == "superseded"


def test_the_learner_gets_a_linkedin_link_filled_in_for_the_certificate(client):
    from urllib.parse import parse_qs, urlsplit

    certificate = issued_certificate()
    client.force_login(certificate.user)

    html = client.get(reverse("learning:dashboard")).content.decode()

    start = html.index("https://www.linkedin.com/profile/add?")
    link = html[start : html.index('"', start)].replace("&amp;", "&")
    query = parse_qs(urlsplit(link).query)
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == ["Integrated Border Management"]
    assert query["organizationName"] == [certificate.issuer]
    assert query["certId"] == [certificate.code]
    assert query["issueYear"] == [str(certificate.issued_at.year)]
    assert query["expirationYear"] == [str(certificate.expires_at.year)]
    assert query["certUrl"][0].endswith(f"/certificates/verify/{certificate.code}/")
    assert reverse("certificates:credential_json", args=[certificate.code]) in html
    assert reverse("certificates:badge", args=[certificate.code]) in html
