"""The credential signing key and the published key set.

The key comes from ``CREDENTIAL_SIGNING_KEY`` (a PEM) or ``CREDENTIAL_SIGNING_KEY_FILE``
(a secret file); production refuses to start without one (config.settings.production).
In development and tests, with neither set, a key is generated once under ``var/``, so
that ``make run`` works on a fresh machine. Retired keys stay published, as public keys
only (``CREDENTIAL_RETIRED_PUBLIC_KEYS``, PEM text with one or more keys, or PEM files in
``CREDENTIAL_RETIRED_KEYS_DIR``): credentials signed before a rotation keep verifying.

A key's ``kid`` is its RFC 7638 thumbprint, so it never needs configuring and cannot
collide; in documents it is written after the key set's URL (``…/jwks.json#<thumbprint>``),
as Open Badges 3.0 wants a kid that can be dereferenced."""

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from config.links import absolute_url


@dataclass(frozen=True)
class KeySet:
    private: Ed25519PrivateKey
    thumbprint: str  # the current key's
    public: dict  # thumbprint → Ed25519PublicKey, the current key and every retired one

    def kid(self, thumbprint: str | None = None) -> str:
        return f"{jwks_url()}#{thumbprint or self.thumbprint}"

    def jwks(self) -> dict:
        return {"keys": [_jwk(key, self.kid(tp)) for tp, key in self.public.items()]}


def jwks_url() -> str:
    return absolute_url(reverse("certificates:jwks"))


def thumbprint_of(kid: str) -> str:
    """The thumbprint a kid names, whatever address it was written after: a site that
    moved to a new address still recognises its own keys."""
    return kid.rsplit("#", 1)[-1]


def key_set() -> KeySet:
    return _load(
        settings.CREDENTIAL_SIGNING_KEY,
        str(settings.CREDENTIAL_SIGNING_KEY_FILE or ""),
        settings.CREDENTIAL_RETIRED_PUBLIC_KEYS,
        str(settings.CREDENTIAL_RETIRED_KEYS_DIR or ""),
        str(settings.CREDENTIAL_DEV_KEY_FILE or ""),
    )


@lru_cache(maxsize=8)
def _load(pem: str, pem_file: str, retired_pem: str, retired_dir: str, dev_file: str) -> KeySet:
    if pem:
        private = _private_key(pem.encode(), "CREDENTIAL_SIGNING_KEY")
    elif pem_file:
        private = _private_key(Path(pem_file).read_bytes(), pem_file)
    elif dev_file:
        private = _private_key(_development_key(Path(dev_file)), dev_file)
    else:
        raise ImproperlyConfigured(
            "Set CREDENTIAL_SIGNING_KEY or CREDENTIAL_SIGNING_KEY_FILE to an Ed25519 private "
            "key (scripts/new-credential-key makes one)."
        )
    current = thumbprint(private.public_key())
    public = {current: private.public_key()}
    for key in _retired(retired_pem, retired_dir):
        public.setdefault(thumbprint(key), key)
    return KeySet(private=private, thumbprint=current, public=public)


def _private_key(data: bytes, where: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(f"{where}: not a PEM private key ({error}).") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{where}: the credential signing key must be Ed25519.")
    return key


def _retired(pem_text: str, directory: str):
    blocks = _pem_blocks(pem_text)
    if directory:
        for path in sorted(Path(directory).glob("*.pem")):
            blocks += _pem_blocks(path.read_text())
    for block in blocks:
        if "PRIVATE KEY" in block.split("\n", 1)[0]:
            key = _private_key(block.encode(), "a retired key").public_key()
        else:
            key = serialization.load_pem_public_key(block.encode())
        if not isinstance(key, Ed25519PublicKey):
            raise ImproperlyConfigured("Retired credential keys must be Ed25519.")
        yield key


def _pem_blocks(text: str) -> list[str]:
    blocks, current = [], []
    for line in (text or "").strip().splitlines():
        current.append(line.strip())
        if line.startswith("-----END"):
            blocks.append("\n".join(current) + "\n")
            current = []
    return blocks


def _development_key(path: Path) -> bytes:
    """Made once and kept: a link is atomic, so two processes starting together agree."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(new_private_key_pem())
        temporary.chmod(0o600)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_bytes()


def new_private_key_pem() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _raw(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def thumbprint(key: Ed25519PublicKey) -> str:
    """RFC 7638: SHA-256 of the required members in lexical order, no spaces."""
    members = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": _raw(key)}, separators=(",", ":"))
    digest = hashlib.sha256(members.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _jwk(key: Ed25519PublicKey, kid: str) -> dict:
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": _raw(key),
        "kid": kid,
        "alg": "EdDSA",
        "use": "sig",
    }
