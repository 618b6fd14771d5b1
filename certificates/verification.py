"""Reads for verification by anyone: the published status lists, the check of a
certificate's stored credential, and what an uploaded file (a PDF, a credential as JSON or
JWT text, a baked badge) proves. Nothing uploaded is kept: the bytes are hashed or parsed
in memory and dropped. Each answer costs at most one query."""

import json
import re

from django.conf import settings
from django.core.cache import cache

from certificates.codes import normalise_code
from certificates.credentials import baking, openbadge, signing, status_list
from certificates.credentials.keys import key_set
from certificates.models import Certificate

_JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
_CODE = re.compile(r"/verify/([^/]+)/?$")
ENVELOPE_PREFIX = "data:application/vc+jwt,"


class UnreadableFile(ValueError):
    """The file is none of the kinds the page checks; ``reason`` says which problem."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class NoSuchStatusList(LookupError):
    pass


def _status_list_key(number: int) -> str:
    return f"certificates:status-list:{number}:{key_set().thumbprint}"


def status_list_credential(*, number: int) -> str:
    """The signed list, from the cache for up to a minute; a revocation drops it
    (``status_list_forget``). Two queries when computed; a number past the lists in use
    raises NoSuchStatusList."""
    key = _status_list_key(number)
    token = cache.get(key)
    if token is None:
        issued = Certificate.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        if number >= status_list.lists_for(issued):
            raise NoSuchStatusList(number)  # never signed nor cached: no key per number
        low, high = number * status_list.LIST_SIZE, (number + 1) * status_list.LIST_SIZE
        revoked = Certificate.objects.filter(
            revoked_at__isnull=False, status_list_index__gte=low, status_list_index__lt=high
        ).values_list("status_list_index", flat=True)
        payload = openbadge.status_list_payload(
            number=number, revoked_bits=[index - low for index in revoked]
        )
        token = signing.sign(payload)
        cache.set(key, token, settings.CREDENTIAL_STATUS_LIST_CACHE_SECONDS)
    return token


def status_list_forget(*, index: int | None) -> None:
    if index is not None:
        cache.delete(_status_list_key(status_list.position(index)[0]))


def credential_check(*, certificate: Certificate) -> dict:
    """Whether the certificate's stored credential is signed by one of our keys and says
    what the certificate prints. No query."""
    if not certificate.credential:
        return {"signature": "not_signed_yet"}
    try:
        payload, thumbprint = signing.verify(certificate.credential)
    except signing.CredentialRejected as rejected:
        return {"signature": rejected.reason}
    return {
        "signature": "verified" if _matches(payload, certificate) else "mismatch",
        "key": thumbprint,
    }


def _matches(payload: dict, certificate: Certificate) -> bool:
    subject = payload.get("credentialSubject") or {}
    names = [i.get("identityHash") for i in subject.get("identifier") or [] if not i.get("hashed")]
    return (
        _code_of(payload) == certificate.code
        and payload.get("name") == certificate.course_title
        and certificate.holder_name in names
        and (payload.get("issuer") or {}).get("name") == certificate.issuer
    )


def _code_of(payload: dict) -> str | None:
    found = _CODE.search(str(payload.get("id") or ""))
    return normalise_code(found.group(1)) if found else None


def file_check(*, data: bytes) -> dict:
    """What ``data`` proves: ``{"kind", "outcome", "certificate"}``, the certificate (or
    None) being the one the file names or matches. Raises UnreadableFile for junk."""
    if not data:
        raise UnreadableFile("empty")
    if data.startswith(baking.SIGNATURE):
        try:
            return _credential_outcome(baking.unbake(data).strip(), kind="badge")
        except baking.NotABadge:
            raise UnreadableFile("badge_without_credential") from None
    if b"%PDF-" in data[:1024]:
        return _pdf_outcome(data)
    try:
        text = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise UnreadableFile("unknown_kind") from None
    return _credential_outcome(text, kind="credential")


def _pdf_outcome(data: bytes) -> dict:
    import hashlib

    digest = hashlib.sha256(data).hexdigest()
    certificate = Certificate.objects.filter(pdf_sha256=digest).first()
    return {
        "kind": "pdf",
        "outcome": "issued" if certificate else "not_issued",
        "certificate": certificate,
        "sha256": digest,
    }


def _token_from(text: str) -> str:
    if _JWT.match(text):
        return text
    if not text.startswith("{"):
        raise UnreadableFile("unknown_kind")
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise UnreadableFile("unknown_kind") from None
    if not isinstance(document, dict):
        raise UnreadableFile("unknown_kind")
    envelope = str(document.get("id") or "")
    if "EnvelopedVerifiableCredential" in _types(document) and envelope.startswith(ENVELOPE_PREFIX):
        return envelope[len(ENVELOPE_PREFIX) :]
    return ""  # a credential without our signature (perhaps ours, edited and unwrapped)


def _types(document: dict) -> list:
    kinds = document.get("type")
    return kinds if isinstance(kinds, list) else [kinds]


def _credential_outcome(text: str, *, kind: str) -> dict:
    token = _token_from(text)
    if not token:
        return {"kind": kind, "outcome": "not_signed", "certificate": None}
    try:
        payload, thumbprint = signing.verify(token)
    except signing.CredentialRejected as rejected:
        return {"kind": kind, "outcome": rejected.reason, "certificate": None}
    code = _code_of(payload)
    certificate = Certificate.objects.filter(code=code).first() if code else None
    if certificate is None:
        outcome = "unknown_certificate"
    elif token == certificate.credential:
        outcome = "issued"
    else:
        outcome = "superseded"  # signed by us, replaced since (a re-issue)
    return {"kind": kind, "outcome": outcome, "certificate": certificate, "key": thumbprint}
