"""The signed Open Badges 3.0 credential of a certificate: signed when the certificate is
issued (``credential_for_new``, inside issuance's create), again on re-issue, and on first
download for certificates issued before credentials existed (``certificate_credential_ensure``).
Signing is a few hundred microseconds of Ed25519 and no query (bench/certificates.py)."""

import secrets

from django.conf import settings

from certificates.credentials import openbadge, signing, status_list
from certificates.models import Certificate


def credential_sign(*, certificate: Certificate, email: str) -> str:
    """A fresh salt each time: two credentials of one person cannot be linked by the hash."""
    language = certificate.template.language if certificate.template else settings.LANGUAGE_CODE
    payload = openbadge.credential_payload(
        certificate=certificate, email=email, salt=secrets.token_hex(16), language=language
    )
    return signing.sign(payload)


def status_index_candidate() -> int:
    """A random bit in lists kept at most half full, so that a taken bit is rare (the caller
    retries on the unique constraint) and no position says how many came before."""
    # The highest id bounds the number issued, read from the primary key's index: a
    # COUNT would scan the table at every issue.
    issued = Certificate.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return secrets.randbelow(status_list.LIST_SIZE * status_list.lists_for(issued))


def certificate_credential_ensure(*, certificate: Certificate) -> Certificate:
    """The certificate with its credential, signing and recording one if it has none yet.
    Two requests racing both sign; the conditional update keeps the first."""
    if certificate.credential:
        return certificate
    current = Certificate.objects.select_related("user", "template").get(pk=certificate.pk)
    token = credential_sign(certificate=current, email=current.user.email)
    Certificate.objects.filter(pk=current.pk, credential="").update(credential=token)
    certificate.credential = Certificate.objects.values_list("credential", flat=True).get(
        pk=current.pk
    )
    return certificate
