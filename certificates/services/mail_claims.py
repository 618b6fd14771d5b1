"""A certificate's mails, each sent once without holding a transaction open over the send.

A mail has two timestamps on the certificate's row: when a sender claimed it and when it
was sent. ``send_once`` claims it by one conditional UPDATE (only while it is unsent and
nobody alive holds the claim), sends it outside any transaction, then marks it sent.
Whoever finds it claimed or sent leaves it; a send that fails gives the claim back for the
task's retry. A sender that died leaves a claim that a later run takes over: on PostgreSQL
at once, because the sender also holds a session advisory lock on the certificate's mail,
which ends with its connection; elsewhere once the claim is ``MAIL_CLAIM_TIMEOUT`` old,
longer than any send takes. The one window: a sender killed after the mail server accepted
the mail and before the mark leaves a claim that is taken over, and the mail goes twice."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from certificates.models import Certificate

MAIL_CLAIM_TIMEOUT = timedelta(minutes=10)


@dataclass(frozen=True)
class CertificateMail:
    """Which of a certificate's mails: its two fields, the first key of its advisory lock
    (beside courses.services.BULK_ASSIGNMENT_LOCK_CLASS), and what must still hold when it
    is claimed (a certificate revoked meanwhile is not sent its issuance mail)."""

    claimed_field: str
    sent_field: str
    lock_class: int
    still: Q = Q()


ISSUED = CertificateMail("mail_claimed_at", "emailed_at", 0x5741_0002, Q(revoked_at__isnull=True))
REVOKED = CertificateMail(
    "revocation_mail_claimed_at", "revocation_emailed_at", 0x5741_0003, Q(revoked_at__isnull=False)
)


def send_once(mail: CertificateMail, certificate_id: int, send: Callable[[], None]) -> bool:
    """Claim the mail, ``send()`` it, mark it sent. False when it was not this caller's to
    send (sent, claimed by a live sender, or no longer due)."""
    with _sender_lock(mail, certificate_id) as alone:
        if alone is False:
            return False  # another process is sending it now
        now = timezone.now()
        # Holding the lock proves an earlier claim's sender gone; without it, only age does.
        taken_over_before = now if alone else now - MAIL_CLAIM_TIMEOUT
        unclaimed = Q(**{f"{mail.claimed_field}__isnull": True}) | Q(
            **{f"{mail.claimed_field}__lt": taken_over_before}
        )
        claimed = (
            Certificate.objects.filter(mail.still, unclaimed, pk=certificate_id)
            .filter(**{f"{mail.sent_field}__isnull": True})
            .update(**{mail.claimed_field: now})
        )
        if not claimed:
            return False
        claim = Certificate.objects.filter(pk=certificate_id, **{mail.claimed_field: now})
        try:
            send()
        except BaseException:
            claim.update(**{mail.claimed_field: None})  # for the retry
            raise
        claim.update(**{mail.sent_field: timezone.now()})
        return True


@contextmanager
def _sender_lock(mail: CertificateMail, certificate_id: int) -> Iterator[bool | None]:
    """On PostgreSQL, a session advisory lock on the certificate's mail: True once taken,
    False when a live process holds it. It is no row lock and holds no transaction open; it
    ends with the holder's connection, so a killed worker's lock is free at once. None on
    other databases, which have no such lock."""
    if connection.vendor != "postgresql":
        yield None
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [mail.lock_class, certificate_id])
        taken = cursor.fetchone()[0]
    try:
        yield taken
    finally:
        if taken:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_unlock(%s, %s)", [mail.lock_class, certificate_id]
                )
