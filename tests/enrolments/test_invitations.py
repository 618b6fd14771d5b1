"""Invitations from an assignment file are owed in the import's transaction and sent by a
task after it commits, or by the periodic job when that task never ran: every invited
person gets one, a rerun sends none twice, and a failed send leaves them owed."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from accounts.models import User
from enrolments.models import AssignmentInvitation
from enrolments.services.imports import assignment_import_csv_apply, assignment_import_csv_preview
from enrolments.services.invitations import assignment_invitations_send
from tests.factories.assignments import csv_bytes, make_manager, make_tree
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + timedelta(days=30)
NEWCOMERS = ["amal@example.org", "jonas@example.org", "mei@example.org"]


@pytest.fixture
def manager(db):
    return make_manager(make_tree().police, email="manager@example.org", full_name="Karim Mansour")


@pytest.fixture
def course(db):
    return make_course(modules=1, lessons=1, title="Border basics")


def _import(manager, course, emails=NEWCOMERS):
    rows = [[email, course.slug, DUE.isoformat(), "", "airport-unit"] for email in emails]
    preview = assignment_import_csv_preview(manager=manager, file=csv_bytes(rows))
    assert preview.is_valid, preview.error_rows[:3] or preview.file_errors
    return assignment_import_csv_apply(manager=manager, token=preview.token)


def _recipients(mailoutbox) -> list[str]:
    return sorted(address for mail in mailoutbox for address in mail.to)


def test_the_import_sends_each_invitation_once_after_it_commits(
    manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _import(manager, course)

    assert _recipients(mailoutbox) == NEWCOMERS
    assert "Border basics" in mailoutbox[0].body
    assert not AssignmentInvitation.objects.filter(sent_at__isnull=True).exists()
    assert assignment_invitations_send() == 0  # a rerun of the job
    assert len(mailoutbox) == 3


def test_invitations_whose_task_never_ran_are_sent_by_the_periodic_job(manager, course, mailoutbox):
    _import(manager, course)  # the commit's task is lost: say the broker was down

    assert mailoutbox == []
    assert AssignmentInvitation.objects.filter(sent_at__isnull=True).count() == 3
    assert assignment_invitations_send() == 3
    assert _recipients(mailoutbox) == NEWCOMERS


def test_a_failed_send_leaves_the_invitations_owed_for_the_retry(manager, course, mailoutbox):
    _import(manager, course)
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=OSError("mail server down"),
    ):
        with pytest.raises(OSError):
            assignment_invitations_send()

    assert AssignmentInvitation.objects.filter(sent_at__isnull=True).count() == 3
    assert assignment_invitations_send() == 3
    assert _recipients(mailoutbox) == NEWCOMERS


def test_someone_who_signed_in_meanwhile_is_not_sent_an_invitation(manager, course, mailoutbox):
    _import(manager, course)
    User.objects.filter(email="jonas@example.org").update(last_login=timezone.now())

    assert assignment_invitations_send() == 2
    assert _recipients(mailoutbox) == ["amal@example.org", "mei@example.org"]
    assert not AssignmentInvitation.objects.filter(sent_at__isnull=True).exists()
