"""Revoking a certificate (issue 16, administrator 1 and 2): a reason must be chosen; the
certificate's admin page is read-only and nothing deletes a certificate; the holder is
told by e-mail once, in their language; "My learning" shows the reason; the PDF is no
longer handed out, by the holder's download or in a course's ZIP."""

import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from accounts import roles
from accounts.services import manager_set_units
from certificates.models import Certificate
from certificates.services import (
    CertificateError,
    certificate_issue,
    certificate_reissue,
    certificate_revocation_notify,
    certificate_revoke,
    certificates_reconcile,
)
from certificates.tasks import notify_revocation
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory, make_organisation

pytestmark = pytest.mark.django_db

LISTING = "wagtailsnippets_certificates_certificate:list"
EDIT = "wagtailsnippets_certificates_certificate:edit"
DELETE = "wagtailsnippets_certificates_certificate:delete"
BULK_DELETE = "/admin/bulk/certificates/certificate/delete/"


@pytest.fixture
def airport(db):
    return make_organisation("Airport Unit", code="t16-airport")


@pytest.fixture
def holder(airport):
    return UserFactory(
        email="lea.martin@example.org",
        full_name="Léa Martin",
        preferred_language="fr",
        organisation=airport,
        roles=[roles.LEARNERS],
    )


@pytest.fixture
def certificate(holder, mailoutbox):
    issued = certificate_issue(enrollment=complete_course(holder))
    mailoutbox.clear()  # the issuance mail
    return issued


@pytest.fixture
def administrator(db):
    return UserFactory(email="registrar@example.org", roles=[roles.ADMINISTRATORS])


def _revoke(certificate, capture, reason="misconduct", note="Copied the final assessment"):
    with capture(execute=True):
        return certificate_revoke(certificate=certificate, reason=reason, note=note, user=None)


# --- administrator 1: the revoke form, the read-only page, no delete ------------------------


def test_the_revoke_form_makes_the_administrator_choose_a_reason(
    client, certificate, administrator
):
    client.force_login(administrator)
    url = reverse("certificates_revoke", args=[certificate.pk])

    form = client.get(url).content.decode()
    blank = client.post(url, {"reason": "", "note": "why not"})

    # The first option is a prompt with no value, and nothing else is pre-selected.
    first = re.search(r'<select name="reason"[^>]*>\s*<option value="([^"]*)"[^>]*>([^<]*)', form)
    assert first and first.groups() == ("", "Choose a reason…")
    assert re.findall(r'<option value="([^"]*)" selected>', form) == [""]
    assert blank.status_code == 200
    assert "Choose a reason: the certificate was not revoked." in blank.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_the_revoke_form_revokes_with_the_chosen_reason(client, certificate, administrator):
    client.force_login(administrator)

    response = client.post(
        reverse("certificates_revoke", args=[certificate.pk]),
        {"reason": "superseded", "note": "New edition of the course"},
    )

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "superseded" and certificate.revoked_by == administrator


def test_the_certificate_page_is_read_only_and_a_forged_save_changes_nothing(
    client, certificate, administrator
):
    client.force_login(administrator)
    url = reverse(EDIT, args=[certificate.pk])

    page = client.get(url).content.decode()
    forged = client.post(url, {"code": "WP-FAKE", "holder_name": "Someone Else"}, follow=True)

    assert "action-save" not in page and ">Save<" not in re.sub(r"\s+", "", page)
    assert reverse("certificates_revoke", args=[certificate.pk]) in page
    assert forged.status_code == 200
    assert "An issued certificate cannot be edited" in forged.content.decode()
    unchanged = Certificate.objects.get(pk=certificate.pk)
    assert (unchanged.code, unchanged.holder_name) == (certificate.code, "Léa Martin")


@pytest.mark.parametrize("who", ["superuser", "administrator"])
def test_nobody_is_offered_a_delete_and_forged_deletes_change_nothing(client, certificate, who):
    client.force_login(
        UserFactory(is_superuser=True)
        if who == "superuser"
        else UserFactory(roles=[roles.ADMINISTRATORS])
    )

    listing = client.get(reverse(LISTING)).content.decode()
    single = client.post(reverse(DELETE, args=[certificate.pk]))
    bulk = client.post(f"{BULK_DELETE}?id={certificate.pk}")
    bulk_all = client.post(f"{BULK_DELETE}?id=all")

    assert certificate.code in listing
    assert BULK_DELETE not in listing and "bulk-action-checkbox" not in listing
    assert reverse(DELETE, args=[certificate.pk]) not in listing
    for response in (single, bulk, bulk_all):
        assert response.status_code in (302, 403)
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_certificates_have_no_add_or_delete_permission_to_grant():
    codenames = set(
        Permission.objects.filter(content_type__app_label="certificates").values_list(
            "codename", flat=True
        )
    )

    assert {"change_certificate", "view_certificate"} <= codenames
    assert not codenames & {"add_certificate", "delete_certificate"}


# --- administrator 2: the holder is told, once, in their language ---------------------------


def test_the_holder_is_emailed_the_reason_in_their_language_once(
    certificate, mailoutbox, django_capture_on_commit_callbacks
):
    revoked = _revoke(certificate, django_capture_on_commit_callbacks)
    notify_revocation(certificate.pk)  # the task delivered again, or retried
    certificates_reconcile()

    (message,) = mailoutbox
    assert message.to == ["lea.martin@example.org"]
    assert "Integrated Border Management" in message.subject and "révoqué" in message.subject
    assert "Manquement à l'intégrité académique" in message.body  # the reason, in French …
    assert "Copied the final assessment" not in message.body  # … never the internal note
    assert f"/certificates/verify/{certificate.code}/" in message.body
    # The date is spelled out by the French formats too ("6 décembre 2026").
    with translation.override("fr"):
        french_date = date_format(revoked.revoked_at, "DATE_FORMAT")
    assert french_date in message.body and french_date != date_format(revoked.revoked_at)
    assert "Léa" not in message.body  # a mail to a person leaves their name out


def test_a_failed_send_is_sent_by_the_retry_and_only_once(
    certificate, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    original = EmailBackend.send_messages
    refusals = []

    def refuse_once(self, messages):
        if not refusals:
            refusals.append(messages)
            raise ConnectionRefusedError("the mail server is down")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_once)
    monkeypatch.setattr(notify_revocation, "delay", lambda certificate_id: None)
    _revoke(certificate, django_capture_on_commit_callbacks)

    with pytest.raises(ConnectionRefusedError):
        certificate_revocation_notify(certificate_id=certificate.pk)  # the task's first run
    assert mailoutbox == [] and Certificate.objects.get().revocation_emailed_at is None
    assert notify_revocation(certificate.pk) is True  # its retry
    assert notify_revocation(certificate.pk) is False  # delivered once more
    assert len(mailoutbox) == 1


def test_a_revocation_mail_a_lost_task_owed_is_sent_by_the_reconcile_job(
    certificate, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(notify_revocation, "delay", lambda certificate_id: None)  # lost
    _revoke(certificate, django_capture_on_commit_callbacks)
    assert mailoutbox == []

    assert certificates_reconcile() == [certificate.code]
    assert certificates_reconcile() == []
    assert len(mailoutbox) == 1


def test_a_certificate_revoked_before_its_issue_mail_went_is_not_sent_it(
    holder, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(EmailBackend, "send_messages", lambda self, messages: 0)
    certificate = certificate_issue(enrollment=complete_course(holder))
    Certificate.objects.filter(pk=certificate.pk).update(emailed_at=None, mail_claimed_at=None)
    monkeypatch.undo()
    _revoke(certificate, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    certificates_reconcile()

    assert mailoutbox == []


# --- after revocation: My learning, the PDF, the course ZIP ----------------------------------


def test_my_learning_shows_the_revocation_with_its_reason_and_date(
    client, certificate, django_capture_on_commit_callbacks
):
    revoked = _revoke(certificate, django_capture_on_commit_callbacks, reason="issued_in_error")
    client.force_login(certificate.user)
    translation.activate("en")

    html = client.get(reverse("learning:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    text = re.sub(r"\s+", " ", html)
    assert f"Revoked on {date_format(revoked.revoked_at)}. Reason: Issued in error." in text
    assert reverse("certificates:pdf", args=[certificate.code]) not in html
    assert reverse("certificates:verify", args=[certificate.code]) in html


def test_the_holder_is_refused_the_pdf_of_a_revoked_certificate_with_the_reason(
    client, certificate, django_capture_on_commit_callbacks
):
    _revoke(certificate, django_capture_on_commit_callbacks, reason="identity")
    client.force_login(certificate.user)

    response = client.get(reverse("certificates:pdf", args=[certificate.code]))

    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "This certificate was revoked" in html and "Identity could not be confirmed" in html


def test_a_manager_of_another_unit_can_neither_download_nor_revoke(client, certificate):
    manager = UserFactory(email="chief@example.org", roles=[roles.MANAGERS])
    manager_set_units(manager=manager, organisations=[make_organisation("Land Border Unit")])
    client.force_login(manager)

    download = client.get(reverse("certificates:pdf", args=[certificate.code]))
    revoke = client.post(reverse("certificates_revoke", args=[certificate.pk]), {"reason": "other"})

    assert download.status_code == 404
    assert revoke.status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_a_revoked_certificate_is_not_re_issued(certificate, django_capture_on_commit_callbacks):
    _revoke(certificate, django_capture_on_commit_callbacks)

    with pytest.raises(CertificateError, match="revoked"):
        certificate_reissue(certificate=certificate, user=None)


def test_the_course_zip_leaves_out_revoked_certificates_and_is_rebuilt_first(
    client, certificate, administrator, django_capture_on_commit_callbacks
):
    other = certificate_issue(
        enrollment=complete_course(UserFactory(), course=certificate.enrollment.course)
    )
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("certificates_course_zip", args=[certificate.course_id])
    client.post(url)  # eager in tests: built now, with both
    _revoke(certificate, django_capture_on_commit_callbacks)  # after the build

    refused = client.get(url, {"download": "1"}, follow=True)
    client.post(url)  # rebuilt
    response = client.get(url, {"download": "1"})

    assert "revoked after the ZIP was built" in refused.content.decode()
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [f"{other.code}.pdf"]


def test_the_verification_page_still_says_revoked(
    client, certificate, django_capture_on_commit_callbacks
):
    _revoke(certificate, django_capture_on_commit_callbacks, reason="superseded")

    html = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()

    assert "Revoked certificate" in html and "Superseded" in html


def test_the_holder_of_a_closed_account_is_not_mailed(
    certificate, mailoutbox, django_capture_on_commit_callbacks
):
    type(certificate.user).objects.filter(pk=certificate.user_id).update(is_active=False)

    _revoke(certificate, django_capture_on_commit_callbacks)

    assert mailoutbox == []
    assert Certificate.objects.get().revocation_emailed_at is not None  # settled
    assert certificates_reconcile() == []


def test_revoking_needs_a_reason_in_the_service_too(certificate):
    with pytest.raises(CertificateError, match="Choose a reason"):
        certificate_revoke(certificate=certificate, reason="", user=None)

    assert Certificate.objects.get().revoked_at is None
