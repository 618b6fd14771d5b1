"""Issuance renders the PDF and sends the mail outside any transaction or row lock (issue
13), and still gives one certificate, one PDF and one mail when deliveries overlap: a
second delivery arriving while the first renders, or while it mails, changes nothing
the learner or the files would show."""

import threading
from datetime import timedelta

import pytest
from django.core.files.storage import storages
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.utils import timezone

from certificates import services
from certificates.models import Certificate
from certificates.services import certificate_issue, certificates_reconcile
from certificates.tasks import issue_certificate
from courses.models import Enrollment
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def in_another_worker(task, *args):
    """``task`` run by another worker meanwhile: its own thread and database connection."""
    failures = []

    def run():
        try:
            task(*args)
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            failures.append(error)
        finally:
            connection.close()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "the other delivery waited on a lock"
    assert not failures, failures


def pdf_files_of(certificate) -> list[str]:
    _, files = storages["private"].listdir("certificates")
    return [name for name in files if name.startswith(certificate.code)]


class Calls(list):
    """A stand-in's calls, each noting whether a transaction was open around it, and what
    happens meanwhile during the first one."""

    during_first = None

    def record(self):
        self.append({"in_transaction": transaction.get_connection().in_atomic_block})
        if len(self) == 1 and self.during_first:
            self.during_first()


@pytest.fixture
def renders(monkeypatch):
    calls = Calls()

    def render(**kwargs):
        calls.record()
        return b"%PDF-1.4 " + str(len(calls)).encode()

    monkeypatch.setattr("certificates.pdf.render_certificate_pdf", render)
    return calls


@pytest.fixture
def sends(monkeypatch):
    calls = Calls()
    original = EmailBackend.send_messages

    def send_messages(self, messages):
        calls.record()
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    return calls


def test_the_pdf_is_rendered_and_mailed_outside_any_transaction(renders, sends, mailoutbox):
    enrollment = complete_course(UserFactory())  # its completion issues the certificate

    certificate = certificate_issue(enrollment=enrollment)  # a second delivery: nothing to do

    assert renders == [{"in_transaction": False}]
    assert sends == [{"in_transaction": False}]
    assert certificate.pdf and len(mailoutbox) == 1


def test_a_delivery_while_the_first_renders_leaves_one_pdf_and_one_mail(renders, sends, mailoutbox):
    learner = UserFactory()
    renders.during_first = lambda: in_another_worker(
        issue_certificate, Enrollment.objects.get(user=learner).pk
    )

    enrollment = complete_course(learner)  # its completion queues the first delivery

    certificate = Certificate.objects.get(enrollment=enrollment)
    assert len(renders) == 2  # both rendered: harmless, the same content
    assert pdf_files_of(certificate) == [certificate.pdf.name.removeprefix("certificates/")]
    with certificate.pdf.open("rb") as pdf:
        assert pdf.read() == b"%PDF-1.4 2"  # the second render was recorded first
    assert len(mailoutbox) == 1
    assert mailoutbox[0].attachments[0][1] == b"%PDF-1.4 2"


def test_a_delivery_while_the_first_mails_sends_nothing_more(renders, sends, mailoutbox):
    learner = UserFactory()
    sends.during_first = lambda: in_another_worker(
        issue_certificate, Enrollment.objects.get(user=learner).pk
    )

    enrollment = complete_course(learner)  # its completion queues the first delivery

    assert len(mailoutbox) == 1
    assert Certificate.objects.get(enrollment=enrollment).emailed_at is not None
    assert certificates_reconcile() == []
    assert len(mailoutbox) == 1


def test_a_failed_send_is_sent_by_the_retry(renders, monkeypatch, mailoutbox):
    original = EmailBackend.send_messages
    refusals = []

    def refuse_once(self, messages):
        if not refusals:
            refusals.append(messages)
            raise ConnectionRefusedError("the mail server is down")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_once)

    enrollment = complete_course(UserFactory())  # the task's first run fails to send
    assert len(refusals) == 1 and mailoutbox == []
    assert Certificate.objects.get().emailed_at is None

    issue_certificate(enrollment.pk)  # its retry

    assert len(mailoutbox) == 1
    assert Certificate.objects.get().emailed_at is not None


def test_a_mail_claimed_by_a_sender_that_died_is_sent_by_the_reconcile_job(renders, mailoutbox):
    certificate = certificate_issue(enrollment=complete_course(UserFactory()))
    mailoutbox.clear()
    # A worker killed after claiming the mail, before it was marked sent.
    Certificate.objects.filter(pk=certificate.pk).update(
        emailed_at=None, mail_claimed_at=timezone.now()
    )

    certificates_reconcile()

    if connection.vendor == "postgresql":
        # Its advisory lock went with its connection: the claim is free at once.
        assert len(mailoutbox) == 1
    else:
        # Nothing tells whether the sender still runs until its claim is old.
        assert mailoutbox == []
        Certificate.objects.filter(pk=certificate.pk).update(
            mail_claimed_at=timezone.now() - services.MAIL_CLAIM_TIMEOUT - timedelta(seconds=1)
        )
        certificates_reconcile()
        assert len(mailoutbox) == 1
    assert Certificate.objects.get().emailed_at is not None
    assert certificates_reconcile() == []
    assert len(mailoutbox) == 1
