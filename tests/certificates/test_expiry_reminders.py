from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_issue, certificates_send_expiry_reminders
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(mailoutbox):
    certificate = certificate_issue(enrollment=complete_course(UserFactory(full_name="Ana Ruiz")))
    mailoutbox.clear()  # the issue mail
    return certificate


def _expires_in(certificate, days, now):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=now + timedelta(days=days, hours=1)
    )


def test_reminders_go_out_60_30_and_7_days_before_each_once(
    certificate, mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    sent_per_run = []
    for days in (90, 59, 58, 29, 6, 6):
        _expires_in(certificate, days, now)
        with django_capture_on_commit_callbacks(execute=True):
            sent_per_run.append(certificates_send_expiry_reminders(now=now))

    assert sent_per_run == [0, 1, 0, 1, 1, 0]
    assert [mail.subject for mail in mailoutbox] == [
        "Your certificate expires in 59 days",
        "Your certificate expires in 29 days",
        "Your certificate expires in 6 days",
    ]
    assert "Your certificate for Integrated Border Management expires" in mailoutbox[0].body
    assert "Ana Ruiz" not in mailoutbox[0].body  # names stay out of mails to a person


def test_a_certificate_first_seen_a_week_before_gets_one_reminder_not_three(
    certificate, mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    _expires_in(certificate, 5, now)

    with django_capture_on_commit_callbacks(execute=True):
        certificates_send_expiry_reminders(now=now)
        certificates_send_expiry_reminders(now=now)

    assert len(mailoutbox) == 1


def test_revoked_and_expired_certificates_get_no_reminder(
    certificate, mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=now + timedelta(days=10), revoked_at=now
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert certificates_send_expiry_reminders(now=now) == 0
        Certificate.objects.filter(pk=certificate.pk).update(
            revoked_at=None, expires_at=now - timedelta(days=1)
        )
        assert certificates_send_expiry_reminders(now=now) == 0

    assert mailoutbox == []
