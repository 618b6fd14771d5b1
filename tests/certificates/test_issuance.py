"""From course completion to a certificate: issued once, frozen, e-mailed, reconciled."""

import hashlib

import pytest

from certificates.models import Certificate, CourseCertification
from certificates.services import (
    CertificateError,
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
    certificates_reconcile,
)
from certificates.tasks import issue_certificate
from courses.models import Enrollment
from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


def complete_course(user, course=None, capture=None):
    course = course or make_course(modules=1, lessons=1, title="Integrated Border Management")
    enrollment = enrollment_create(user=user, course=course)
    if capture:
        with capture(execute=True):
            for lesson in lessons_of(course):
                lesson_complete(user=user, lesson=lesson)
    else:
        for lesson in lessons_of(course):
            lesson_complete(user=user, lesson=lesson)
    enrollment.refresh_from_db()
    return enrollment


def test_completing_a_course_issues_a_certificate_and_emails_it(
    django_capture_on_commit_callbacks, mailoutbox
):
    learner = UserFactory(full_name="Amina Haddad")

    enrollment = complete_course(learner, capture=django_capture_on_commit_callbacks)

    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.holder_name == "Amina Haddad"
    assert certificate.course_title == "Integrated Border Management"
    # The code and a random part: the code alone is public, the file is not.
    assert certificate.pdf.name.startswith(f"certificates/{certificate.code}-")
    with certificate.pdf.open("rb") as pdf:
        assert hashlib.sha256(pdf.read()).hexdigest() == certificate.pdf_sha256
    [mail] = mailoutbox
    assert mail.to == [learner.email]
    assert (
        certificate.code in mail.body and f"/certificates/verify/{certificate.code}/" in mail.body
    )
    assert mail.attachments[0][2] == "application/pdf"


def test_a_task_delivered_twice_issues_one_certificate_and_one_mail(mailoutbox):
    enrollment = complete_course(UserFactory())

    first = issue_certificate(enrollment.pk)
    second = issue_certificate(enrollment.pk)

    assert first == second
    assert Certificate.objects.count() == 1
    assert len(mailoutbox) == 1


def test_no_certificate_before_completion():
    learner = UserFactory()
    course = make_course(modules=1, lessons=2)
    enrollment = enrollment_create(user=learner, course=course)

    assert issue_certificate(enrollment.pk) is None
    with pytest.raises(CertificateError):
        certificate_issue(enrollment=enrollment)
    assert not Certificate.objects.exists()


def test_name_and_title_are_frozen_at_issue():
    learner = UserFactory(full_name="Jean Dupont")
    enrollment = complete_course(learner)
    certificate = certificate_issue(enrollment=enrollment)

    learner.full_name = "Jean-Baptiste Dupont"
    learner.save()
    course = enrollment.course
    course.title = "Renamed course"
    course.save_revision().publish()

    certificate.refresh_from_db()
    assert (certificate.holder_name, certificate.course_title) == (
        "Jean Dupont",
        "Integrated Border Management",
    )


def test_reconcile_issues_what_a_lost_message_missed(mailoutbox):
    enrollments = [complete_course(UserFactory()) for _ in range(3)]  # no on-commit: no task ran
    assert not Certificate.objects.exists()

    codes = certificates_reconcile()

    assert len(codes) == 3 and Certificate.objects.count() == 3
    assert {c.enrollment_id for c in Certificate.objects.all()} == {e.pk for e in enrollments}
    assert certificates_reconcile() == []
    assert len(mailoutbox) == 3


def test_validity_sets_the_expiry_date():
    course = make_course(modules=1, lessons=1)
    CourseCertification.objects.create(course=course, validity_months=24)

    certificate = certificate_issue(enrollment=complete_course(UserFactory(), course=course))

    days = (certificate.expires_at - certificate.enrollment.completed_at).days
    assert 729 <= days <= 731


def test_revoking_records_who_why_and_when_in_the_audit_log():
    from wagtail.models import ModelLogEntry

    admin = UserFactory(is_superuser=True)
    certificate = certificate_issue(enrollment=complete_course(UserFactory()))

    certificate_revoke(
        certificate=certificate, reason="issued_in_error", note="Wrong cohort", user=admin
    )

    certificate.refresh_from_db()
    assert certificate.status() == Certificate.Status.REVOKED
    assert certificate.revoked_by == admin
    entry = ModelLogEntry.objects.get(action="waypoint.certificate.revoke")
    assert entry.user == admin and entry.data["reason"] == "issued_in_error"
    with pytest.raises(CertificateError, match="already revoked"):
        certificate_revoke(certificate=certificate, reason="other", user=admin)


def test_reissue_keeps_the_code_and_takes_the_corrected_name():
    learner = UserFactory(full_name="Jon Smiht")
    certificate = certificate_issue(enrollment=complete_course(learner))
    old_hash, code = certificate.pdf_sha256, certificate.code
    learner.full_name = "Jon Smith"
    learner.save()

    certificate_reissue(certificate=certificate, user=UserFactory(is_superuser=True))

    certificate.refresh_from_db()
    assert certificate.code == code and certificate.holder_name == "Jon Smith"
    assert certificate.pdf_sha256 != old_hash


def test_the_enrollment_has_at_most_one_certificate_in_the_database():
    from django.db import IntegrityError, transaction

    certificate = certificate_issue(enrollment=complete_course(UserFactory()))

    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            enrollment=certificate.enrollment,
            user=certificate.user,
            code="WP-0000-0000-0000-0000",
            holder_name="x",
            course_title="y",
            issuer="z",
            completed_on=certificate.completed_on,
        )
    assert Enrollment.objects.get().certificate == certificate
