"""The credential verified by an implementation other than the one that signed it: the npm
``jose`` library, run with node (``verify_credential.mjs``), given only what anyone can
fetch: the published key set and status list. Also revocation through the status list,
and key rotation."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.cache import cache
from django.urls import reverse

from certificates.credentials import status_list
from certificates.credentials.keys import new_private_key_pem
from certificates.services import certificate_revoke
from certificates.verification import file_check
from tests.certificates.credential_helpers import issued_certificate, payload_of

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("verify_credential.mjs")
JOSE = ROOT / "node_modules" / "jose" / "package.json"


@pytest.fixture(autouse=True)
def _fresh_cache(fast_pdf):
    cache.clear()


def node_verify(*, jwks: dict, credential: str, status: str | None = None, at=None) -> dict:
    if shutil.which("node") is None or not JOSE.exists():
        pytest.fail(
            "node and the npm package jose are needed (package-lock.json): "
            "scripts/ensure-system-deps, then make test (npm ci) installs them."
        )
    request = {"jwks": jwks, "credential": credential, "statusList": status, "at": at}
    result = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def published(client, certificate) -> tuple[dict, str]:
    """What a verifier fetches: the key set and the credential's status list."""
    jwks = client.get(reverse("certificates:jwks")).json()
    list_url = payload_of(certificate.credential)["credentialStatus"]["statusListCredential"]
    number = int(list_url.rstrip("/").rsplit("/", 1)[-1])
    status = client.get(reverse("certificates:status_list", args=[number])).content.decode()
    return jwks, status


def test_jose_verifies_the_credential_with_the_published_keys(client):
    certificate = issued_certificate()
    jwks, status = published(client, certificate)

    result = node_verify(jwks=jwks, credential=certificate.credential, status=status)

    assert result == {
        "verified": True,
        "revoked": False,
        "kid": jwks["keys"][0]["kid"],
        "id": payload_of(certificate.credential)["id"],
    }


def test_jose_refuses_a_tampered_credential(client):
    certificate = issued_certificate()
    jwks, _ = published(client, certificate)
    header, body, signature = certificate.credential.split(".")
    payload = payload_of(certificate.credential)
    payload["credentialSubject"]["achievement"]["hours"] = 120
    import base64

    forged_body = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()

    result = node_verify(jwks=jwks, credential=f"{header}.{forged_body}.{signature}")

    assert result["verified"] is False and "signature" in result["error"]


def test_a_revocation_shows_in_the_status_list_at_once(client, django_capture_on_commit_callbacks):
    certificate = issued_certificate()
    other = issued_certificate(email="colleague@example.org")
    published(client, certificate)  # computed and cached before the revocation

    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, reason="issued_in_error", user=None)
    jwks, status = published(client, certificate)

    encoded = payload_of(status)["credentialSubject"]["encodedList"]
    bits = status_list.decode(encoded)
    number, bit = status_list.position(certificate.status_list_index)
    _, other_bit = status_list.position(other.status_list_index)
    assert len(bits) == 16 * 1024
    assert status_list.is_set(bits, bit) and not status_list.is_set(bits, other_bit)
    assert sum(bin(byte).count("1") for byte in bits) == 1
    assert node_verify(jwks=jwks, credential=certificate.credential, status=status)["revoked"]
    assert not node_verify(jwks=jwks, credential=other.credential, status=status)["revoked"]
    answer = client.post(
        reverse("certificates:verify_file_json"),
        data=certificate.credential,
        content_type="application/vc+jwt",
    ).json()
    assert answer["certificate"]["status"] == "revoked"


def _public_pem(private_pem: bytes) -> str:
    key = serialization.load_pem_private_key(private_pem, password=None).public_key()
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def test_after_a_rotation_old_credentials_verify_and_new_ones_use_the_new_key(client, settings):
    first, second = new_private_key_pem(), new_private_key_pem()
    settings.CREDENTIAL_SIGNING_KEY = first.decode()
    old = issued_certificate()
    old_kid = json.loads(_segment(old.credential))["kid"]

    settings.CREDENTIAL_SIGNING_KEY = second.decode()
    settings.CREDENTIAL_RETIRED_PUBLIC_KEYS = _public_pem(first)
    new = issued_certificate(email="after.rotation@example.org")
    jwks, status = published(client, old)

    new_kid = json.loads(_segment(new.credential))["kid"]
    assert new_kid != old_kid
    assert {key["kid"] for key in jwks["keys"]} == {old_kid, new_kid}
    assert file_check(data=old.credential.encode())["outcome"] == "issued"
    assert file_check(data=new.credential.encode())["outcome"] == "issued"
    assert node_verify(jwks=jwks, credential=old.credential, status=status)["verified"]
    assert node_verify(jwks=jwks, credential=new.credential, status=status)["kid"] == new_kid


def test_a_key_dropped_from_the_published_set_no_longer_verifies(settings):
    settings.CREDENTIAL_SIGNING_KEY = new_private_key_pem().decode()
    old = issued_certificate()

    settings.CREDENTIAL_SIGNING_KEY = new_private_key_pem().decode()
    settings.CREDENTIAL_RETIRED_PUBLIC_KEYS = ""

    assert file_check(data=old.credential.encode())["outcome"] == "unknown_key"


def test_retired_keys_can_be_files_in_a_directory(settings, tmp_path):
    first = new_private_key_pem()
    settings.CREDENTIAL_SIGNING_KEY = first.decode()
    old = issued_certificate()
    (tmp_path / "2026-01.pem").write_text(_public_pem(first))

    settings.CREDENTIAL_SIGNING_KEY = new_private_key_pem().decode()
    settings.CREDENTIAL_RETIRED_KEYS_DIR = str(tmp_path)

    assert file_check(data=old.credential.encode())["outcome"] == "issued"


def _segment(token: str) -> bytes:
    import base64

    part = token.split(".")[0]
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
