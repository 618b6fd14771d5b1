"""A learner closes their account from the profile page, confirming with their password. The
personal data is anonymised, every session ends, the training records stay without a name,
and certificates stay verifiable by code (README, "Security and privacy")."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.events import account_deleting
from accounts.models import User
from accounts.privacy import account_delete
from accounts.services import (
    cohort_create,
    cohort_set_members,
    user_place_in_unit,
    user_update_profile,
)
from assessments.models import Attempt
from assessments.services import attempt_start
from certificates.models import Certificate
from certificates.services import (
    certificate_issue,
    certificates_reconcile,
    certificates_send_expiry_reminders,
)
from courses.models import Enrollment, EnrollmentRequest, ModulePage
from courses.services import enrollment_create, enrollment_request_create
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory, make_organisation
from tests.factories.assessments import make_quiz
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
DELETE = "/accounts/profile/delete/"


@pytest.fixture
def amina(db):
    unit = make_organisation("Airport Unit", parent=make_organisation("Ministry of Interior"))
    user = UserFactory(email="amina@example.org", roles=["Learners"])
    user_place_in_unit(user=user, unit=unit)
    user = user_update_profile(user=user, full_name="Amina Diallo")
    cohort_set_members(
        cohort=cohort_create(name="2026 airport intake", organisation=unit), members=[user]
    )
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def records(amina, mailoutbox):
    """An enrolment with an attempt, and an expiring certificate not yet e-mailed."""
    course = make_course(modules=1, lessons=1, title="Document Fraud")
    enrollment_create(user=amina, course=course)
    attempt_start(user=amina, quiz=make_quiz(module=ModulePage.objects.child_of(course).get()))
    certificate = certificate_issue(enrollment=complete_course(amina))
    Certificate.objects.filter(pk=certificate.pk).update(
        emailed_at=None, expires_at=timezone.now() + timedelta(days=20)
    )
    mailoutbox.clear()
    return certificate


def close(client, password=PASSWORD, confirm=True):
    data = {"password": password}
    if confirm:
        data["confirm"] = "on"
    return client.post(DELETE, data)


def test_the_profile_links_to_a_page_that_says_what_will_happen(client, amina):
    client.force_login(amina)

    assert DELETE in client.get(reverse("accounts:profile")).content.decode()
    html = client.get(DELETE).content.decode()

    assert "cannot be undone" in html
    assert "certificates stay verifiable" in html
    assert 'name="password"' in html


@pytest.mark.parametrize(
    ("password", "confirm", "field"),
    [("not-my-password", True, "password"), (PASSWORD, False, "confirm"), ("", True, "password")],
    ids=["wrong-password", "not-confirmed", "no-password"],
)
def test_without_the_password_and_the_confirmation_nothing_changes(
    client, amina, password, confirm, field
):
    client.force_login(amina)

    response = close(client, password=password, confirm=confirm)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    amina.refresh_from_db()
    assert amina.is_active and amina.email == "amina@example.org"
    assert amina.full_name == "Amina Diallo"
    assert client.session[SESSION_KEY] == str(amina.pk)


def test_closing_anonymises_the_account_and_signs_out(client, amina):
    SocialAccount.objects.create(user=amina, provider="ministry", uid="amina-sub",
                                 extra_data={"userinfo": {"name": "Amina Diallo"}})  # fmt: skip
    client.force_login(amina)

    response = close(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account_deleted")
    assert SESSION_KEY not in client.session
    assert "Your account is closed" in client.get(response["Location"]).content.decode()
    user = User.objects.get(pk=amina.pk)
    assert user.email == f"deleted-{amina.pk}@invalid"
    assert user.full_name == ""
    assert user.organisation is None
    assert not user.is_active
    assert not user.has_usable_password()
    assert not user.groups.exists()
    assert not user.cohorts.exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert not SocialAccount.objects.filter(user=user).exists()  # nor the provider's claims


def test_the_old_credentials_no_longer_sign_in(client, amina):
    client.force_login(amina)
    close(client)

    client.post(reverse("account_login"), {"login": "amina@example.org", "password": PASSWORD})

    assert SESSION_KEY not in client.session


def test_every_other_session_ends_too(client, amina):
    phone = Client()
    phone.force_login(amina)
    assert phone.get(reverse("learning:dashboard")).status_code == 200
    client.force_login(amina)

    close(client)

    assert not [s for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY)]
    assert phone.get(reverse("learning:dashboard"))["Location"].startswith(reverse("account_login"))


def test_training_records_stay_without_a_name(client, amina, records):
    enrolments = Enrollment.objects.filter(user=amina).count()
    client.force_login(amina)

    close(client)

    assert Enrollment.objects.filter(user_id=amina.pk).count() == enrolments == 2
    assert Attempt.objects.filter(user_id=amina.pk).count() == 1
    owner = User.objects.get(pk=amina.pk)
    assert "Amina" not in str(owner) and "amina@" not in str(owner)


def test_requests_waiting_for_a_manager_are_withdrawn(client, amina):
    gated = make_course(modules=1, lessons=1, title="Victim Interviews")
    gated.enrolment_requires_approval = True
    gated.save_revision().publish()
    enrollment_request_create(user=amina, course=gated, message="Please.")
    client.force_login(amina)

    close(client)

    request = EnrollmentRequest.objects.get(user_id=amina.pk)
    assert request.status == EnrollmentRequest.Status.WITHDRAWN


def test_certificates_stay_verifiable_and_nothing_more_is_sent(
    client, amina, records, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(amina)

    close(client)

    verify = client.get(reverse("certificates:verify", args=[records.code])).content.decode()
    assert "Valid certificate" in verify and "Amina Diallo" in verify
    with django_capture_on_commit_callbacks(execute=True):
        certificates_send_expiry_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        certificates_reconcile()
    assert mailoutbox == []


def test_the_closing_is_in_the_audit_log_and_earlier_entries_lose_the_name(client, amina):
    client.force_login(amina)
    client.post("/accounts/profile/export/")

    close(client)

    closed = ModelLogEntry.objects.get(action="waypoint.privacy.delete")
    assert closed.object_id == str(amina.pk)
    about_amina = ModelLogEntry.objects.get_for_model(User).filter(object_id=str(amina.pk))
    labels = list(about_amina.values_list("label", flat=True))
    assert len(labels) == 3  # placed in her unit, exported, closed
    assert all(label == f"deleted-{amina.pk}@invalid" for label in labels)


def test_the_address_can_sign_up_again(client, amina):
    client.force_login(amina)
    close(client)

    client.post(
        reverse("account_signup"),
        {
            "full_name": "Amina Diallo",
            "email": "amina@example.org",
            "password1": "Border-Crossing-2031",
            "password2": "Border-Crossing-2031",
        },
    )

    assert User.objects.filter(email="amina@example.org").exclude(pk=amina.pk).exists()


def test_staff_accounts_are_closed_by_an_administrator_not_here(client, trainer):
    client.force_login(trainer)

    page = client.get(DELETE)
    refused = close(client)

    assert "Ask an administrator" in page.content.decode()
    assert 'name="password"' not in page.content.decode()
    assert refused.status_code == 403
    trainer.refresh_from_db()
    assert trainer.is_active and trainer.email == "trainer@example.org"


def test_a_failure_anywhere_leaves_the_account_as_it_was(amina, records):
    def broken_receiver(sender, **kwargs):
        raise RuntimeError("a subscriber failed")

    account_deleting.connect(broken_receiver, dispatch_uid="test-broken")
    try:
        with pytest.raises(RuntimeError):
            account_delete(user=amina)
    finally:
        account_deleting.disconnect(dispatch_uid="test-broken")

    amina.refresh_from_db()
    assert amina.is_active and amina.full_name == "Amina Diallo"
    assert EmailAddress.objects.filter(user=amina).exists()
    assert Certificate.objects.get(pk=records.pk).emailed_at is None


def test_the_service_refuses_an_already_closed_account(amina):
    account_delete(user=amina)

    with pytest.raises(ValidationError):
        account_delete(user=User.objects.get(pk=amina.pk))


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(DELETE)

    assert response["Location"].startswith(reverse("account_login"))


def test_cached_sessions_end_in_the_cache_too(client, amina, settings):
    """Production keeps sessions in the shared cache as well (cached_db, issue 19): closing
    the account removes the cached copy of every session, not only the database row."""
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX
    from django.core.cache import cache

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    phone = Client()
    phone.force_login(amina)
    assert phone.get(reverse("learning:dashboard")).status_code == 200
    phone_key = phone.session.session_key
    assert cache.get(KEY_PREFIX + phone_key) is not None
    client.force_login(amina)

    close(client)

    assert cache.get(KEY_PREFIX + phone_key) is None
    assert phone.get(reverse("learning:dashboard"))["Location"].startswith(reverse("account_login"))
