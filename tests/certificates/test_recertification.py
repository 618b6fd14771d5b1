"""Recertification: an expiring certificate is renewed by taking the course again, in a new
enrolment cycle, which issues a new certificate while the old one stays in the history."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from assessments.services import attempt_start, attempt_submit, quiz_pass_record
from certificates.models import Certificate, CourseCertification
from certificates.services import (
    CertificateError,
    certificate_recertify,
    certificate_revoke,
    certificates_send_expiry_reminders,
)
from courses.models import Enrollment, StepCompletion
from courses.services import (
    EnrollmentError,
    enrollment_create,
    enrollment_renew,
    lesson_complete,
)
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, right_answers, wrong_answers
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = make_course(modules=1, lessons=2, title="Document Examination")
    CourseCertification.objects.create(course=course, validity_months=24)
    return course


def _certified(user, course, capture, *, expires_in_days=None):
    enrollment = complete_course(user, course, capture=capture)
    certificate = Certificate.objects.get(enrollment=enrollment)
    if expires_in_days is not None:
        Certificate.objects.filter(pk=certificate.pk).update(
            expires_at=timezone.now() + timedelta(days=expires_in_days)
        )
        certificate.refresh_from_db()
    return certificate


def test_recertifying_starts_a_new_cycle_and_completing_it_issues_a_new_certificate(
    course, django_capture_on_commit_callbacks, mailoutbox
):
    learner = UserFactory(full_name="Élodie Marchand")
    first = _certified(learner, course, django_capture_on_commit_callbacks, expires_in_days=20)

    renewed = certificate_recertify(certificate=first)

    assert renewed.cycle == 2 and renewed.status == Enrollment.Status.ACTIVE
    assert not StepCompletion.objects.filter(enrollment=renewed).exists()
    first.enrollment.refresh_from_db()
    assert first.enrollment.superseded_at is not None
    # The old certificate is untouched: still valid until it expires.
    first.refresh_from_db()
    assert first.status() == Certificate.Status.VALID

    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course):
            lesson_complete(user=learner, lesson=lesson)

    second = Certificate.objects.get(enrollment=renewed)
    assert second.code != first.code
    assert second.expires_at > first.expires_at
    assert list(Certificate.objects.filter(user=learner).order_by("issued_at")) == [first, second]
    assert mailoutbox[-1].subject.startswith("Your certificate")


def test_the_old_certificate_stays_verifiable_in_the_history(
    course, client, django_capture_on_commit_callbacks
):
    learner = UserFactory()
    first = _certified(learner, course, django_capture_on_commit_callbacks, expires_in_days=5)
    certificate_recertify(certificate=first)
    Certificate.objects.filter(pk=first.pk).update(expires_at=timezone.now() - timedelta(days=1))

    page = client.get(reverse("certificates:verify", args=[first.code]))

    assert page.status_code == 200
    assert b"Expired" in page.content


@pytest.mark.parametrize(
    ("expires_in_days", "revoked", "message"),
    [
        (None, False, "does not expire"),
        (200, False, "days before expiry"),
        (10, True, "revoked certificate"),
    ],
)
def test_recertification_is_refused_with_a_reason_and_changes_nothing(
    course, django_capture_on_commit_callbacks, expires_in_days, revoked, message
):
    learner = UserFactory()
    if expires_in_days is None:
        CourseCertification.objects.filter(course=course).update(validity_months=None)
    certificate = _certified(
        learner, course, django_capture_on_commit_callbacks, expires_in_days=expires_in_days
    )
    if revoked:
        certificate_revoke(certificate=certificate, reason="other", user=UserFactory())
        certificate.refresh_from_db()

    with pytest.raises(CertificateError, match=message):
        certificate_recertify(certificate=certificate)

    assert Enrollment.objects.filter(user=learner).count() == 1


def test_recertifying_twice_makes_one_new_cycle(course, django_capture_on_commit_callbacks):
    learner = UserFactory()
    certificate = _certified(learner, course, django_capture_on_commit_callbacks, expires_in_days=9)
    certificate_recertify(certificate=certificate)
    certificate.enrollment.refresh_from_db()

    with pytest.raises(CertificateError, match="already started"):
        certificate_recertify(certificate=certificate)

    assert list(
        Enrollment.objects.filter(user=learner).order_by("cycle").values_list("cycle", flat=True)
    ) == [1, 2]


def test_an_unfinished_enrolment_cannot_be_renewed(course):
    learner = UserFactory()
    enrollment = enrollment_create(user=learner, course=course)

    with pytest.raises(EnrollmentError, match="Finish the course"):
        enrollment_renew(enrollment=enrollment)


def test_the_database_allows_one_current_enrolment_per_course(course):
    learner = UserFactory()
    enrollment_create(user=learner, course=course)

    with pytest.raises(IntegrityError), transaction.atomic():
        Enrollment.objects.create(user=learner, course=course, cycle=2)


def test_a_new_cycle_gets_a_fresh_allowance_of_attempts_and_old_passes_do_not_count(
    django_capture_on_commit_callbacks,
):
    course = make_course(modules=1, lessons=1, title="Trafficking Indicators")
    CourseCertification.objects.create(course=course, validity_months=12)
    final = make_quiz(course=course, title="Final assessment", max_attempts=2, pass_mark=80)
    learner = UserFactory()
    enrollment_create(user=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(user=learner, lesson=lessons_of(course)[0])
        failed = attempt_start(user=learner, quiz=final)
        attempt_submit(attempt=failed, responses=wrong_answers(failed))
        passed = attempt_start(user=learner, quiz=final)
        passed = attempt_submit(attempt=passed, responses=right_answers(passed))
    first = Certificate.objects.get(user=learner)
    Certificate.objects.filter(pk=first.pk).update(expires_at=timezone.now() + timedelta(days=3))
    first.refresh_from_db()

    renewed = certificate_recertify(certificate=first)
    attempt = attempt_start(user=learner, quiz=final)

    assert (attempt.cycle, attempt.number) == (2, 1)
    # The pass of cycle 1, recorded late (a delayed task), does not count towards cycle 2.
    assert quiz_pass_record(attempt=passed) is False
    assert not StepCompletion.objects.filter(enrollment=renewed).exists()
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(user=learner, lesson=lessons_of(course)[0])
        attempt_submit(attempt=attempt, responses=right_answers(attempt))
    renewed.refresh_from_db()
    assert renewed.status == Enrollment.Status.COMPLETED
    assert Certificate.objects.filter(user=learner).count() == 2


def test_my_learning_offers_recertify_only_when_it_is_open(
    course, client, django_capture_on_commit_callbacks
):
    learner = UserFactory()
    certificate = _certified(
        learner, course, django_capture_on_commit_callbacks, expires_in_days=90
    )
    client.force_login(learner)
    recertify_url = reverse("certificates:recertify", args=[certificate.code])

    assert recertify_url not in client.get(reverse("learning:dashboard")).content.decode()

    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() + timedelta(days=30)
    )
    assert recertify_url in client.get(reverse("learning:dashboard")).content.decode()

    response = client.post(recertify_url, follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert "You have started Document Examination again" in response.content.decode()
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert recertify_url not in dashboard
    assert "From an earlier completion" in dashboard


def test_nobody_else_can_recertify_someone_elses_certificate(
    course, client, django_capture_on_commit_callbacks
):
    learner = UserFactory()
    certificate = _certified(learner, course, django_capture_on_commit_callbacks, expires_in_days=9)
    client.force_login(UserFactory())

    response = client.post(reverse("certificates:recertify", args=[certificate.code]))

    assert response.status_code == 404
    assert Enrollment.objects.filter(user=learner).count() == 1


def test_recertify_needs_a_post(course, client, django_capture_on_commit_callbacks):
    learner = UserFactory()
    certificate = _certified(learner, course, django_capture_on_commit_callbacks, expires_in_days=9)
    client.force_login(learner)

    response = client.get(reverse("certificates:recertify", args=[certificate.code]))

    assert response.status_code == 405
    assert Enrollment.objects.filter(user=learner).count() == 1


def test_no_expiry_reminder_for_a_certificate_already_renewed(
    course, django_capture_on_commit_callbacks, mailoutbox
):
    learner = UserFactory()
    first = _certified(learner, course, django_capture_on_commit_callbacks, expires_in_days=20)
    certificate_recertify(certificate=first)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course):
            lesson_complete(user=learner, lesson=lesson)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sent = certificates_send_expiry_reminders()

    assert sent == 0 and mailoutbox == []


def test_the_expiry_reminder_says_how_to_recertify(
    course, django_capture_on_commit_callbacks, mailoutbox
):
    learner = UserFactory()
    _certified(learner, course, django_capture_on_commit_callbacks, expires_in_days=20)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        certificates_send_expiry_reminders()

    [mail] = mailoutbox
    assert "Recertify" in mail.body and "/learning/" in mail.body
