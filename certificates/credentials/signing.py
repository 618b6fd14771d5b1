"""VC-JWT (W3C VC-JOSE-COSE): the credential is the JWT's payload, signed with EdDSA
(Ed25519) by PyJWT. The JWT's own claims (iss, jti, nbf, exp) repeat the credential's, as
Open Badges 3.0 asks. A credential is checked against our key set only: a key named in
the token itself (``jwk``, ``jku``, ``x5u``) is never trusted or fetched."""

import jwt

from certificates.credentials.keys import key_set, thumbprint_of

CREDENTIAL_TYPE = "vc+jwt"


class CredentialRejected(ValueError):
    """Why a token is not one of ours: ``reason`` is a short machine word."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def sign(payload: dict) -> str:
    keys = key_set()
    return jwt.encode(
        payload,
        keys.private,
        algorithm="EdDSA",
        headers={"kid": keys.kid(), "typ": CREDENTIAL_TYPE, "cty": "vc"},
    )


def verify(token: str) -> tuple[dict, str]:
    """The payload and the thumbprint of the key that signed it, or CredentialRejected.
    Expiry is not a signature failure: the caller reports it from the certificate."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise CredentialRejected("malformed") from None
    if header.get("alg") != "EdDSA":
        raise CredentialRejected("unsupported_algorithm")
    thumbprint = thumbprint_of(str(header.get("kid") or ""))
    key = key_set().public.get(thumbprint)
    if key is None:
        raise CredentialRejected("unknown_key")
    try:
        payload = jwt.decode(
            token,
            key,
            algorithms=["EdDSA"],
            options={
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
                "verify_aud": False,
                "verify_iss": False,
                "require": [],
            },
        )
    except jwt.InvalidSignatureError:
        raise CredentialRejected("bad_signature") from None
    except jwt.PyJWTError:
        raise CredentialRejected("malformed") from None
    if not isinstance(payload, dict):
        raise CredentialRejected("malformed")
    return payload, thumbprint
