"""The CSV import of assignments, through the services: the preview says what will happen
and writes nothing; the import checks the kept file again and writes all or nothing;
unknown people are invited and can get in; the manager's scope holds throughout."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from accounts import roles
from accounts.models import User
from courses.models import Enrollment
from courses.services import enrollment_create
from enrolments.services import imports
from enrolments.services.assignments import AssignmentError, due_at_for
from enrolments.services.imports import (
    ImportRefused,
    assignment_import_csv_apply,
    assignment_import_csv_preview,
)
from tests.factories.assignments import complete, csv_bytes, make_manager, make_staff, make_tree
from tests.factories.courses import make_course
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + timedelta(days=30)


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def manager(tree):
    return make_manager(tree.police, email="manager@example.org", full_name="Karim Mansour")


@pytest.fixture
def course(db):
    return make_course(modules=1, lessons=1, title="Border basics")


def _row(email, course, due=DUE, name="", unit=""):
    return [email, course.slug if hasattr(course, "slug") else course, due.isoformat(), name, unit]


def _enrolments(course):
    return {
        e.user.email: e
        for e in Enrollment.objects.current().filter(course=course).select_related("user")
    }


def test_a_file_is_previewed_then_imported_enrolling_updating_and_inviting(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    make_staff(tree.airport, email="officer@example.org")
    (enrolled,) = make_staff(tree.land, email="enrolled@example.org")
    enrollment_create(user=enrolled, course=course)
    (done,) = make_staff(tree.police, email="done@example.org")
    complete(done, course)
    data = csv_bytes(
        [
            _row("officer@example.org", course),
            _row("Enrolled@Example.org", course),
            _row("done@example.org", course),
            _row("new.recruit@example.org", course, name="Nadia  Benali", unit="airport-unit"),
        ],
        delimiter=";",
        bom=True,
    )

    preview = assignment_import_csv_preview(manager=manager, file=data)

    assert preview.is_valid and preview.token
    assert [row.outcome for row in preview.rows] == ["enrol", "update", "completed", "invite"]
    assert preview.counts == {
        "rows": 4,
        "errors": 0,
        "enrol": 2,
        "update": 1,
        "completed": 1,
        "invitations": 1,
    }
    assert preview.invitations == ["new.recruit@example.org"]
    assert set(_enrolments(course)) == {"enrolled@example.org", "done@example.org"}
    assert not User.objects.filter(email="new.recruit@example.org").exists()
    kept = Path(settings.MEDIA_ROOT) / "imports" / f"{preview.token}.csv"
    assert kept.read_bytes() == data

    with django_capture_on_commit_callbacks(execute=True):
        result = assignment_import_csv_apply(manager=manager, token=preview.token)

    assert result == imports.ImportResult(enrolled=2, updated=1, completed=1, invited=1)
    enrolments = _enrolments(course)
    assert set(enrolments) == {
        "officer@example.org",
        "enrolled@example.org",
        "done@example.org",
        "new.recruit@example.org",
    }
    for email in ("officer@example.org", "enrolled@example.org", "new.recruit@example.org"):
        assert enrolments[email].due_at == due_at_for(DUE)
        assert enrolments[email].assigned_by == manager
    assert enrolments["done@example.org"].is_completed
    assert enrolments["done@example.org"].due_at is None  # a finished course is left alone

    recruit = User.objects.get(email="new.recruit@example.org")
    assert recruit.full_name == "Nadia Benali"
    assert recruit.organisation == tree.airport
    assert recruit.is_active and not recruit.has_usable_password()
    assert list(recruit.groups.values_list("name", flat=True)) == [roles.LEARNERS]
    assert list(EmailAddress.objects.filter(user=recruit).values_list("verified", "primary")) == [
        (False, True)
    ]
    # The invited person gets the invitation, which lists the course; the two learners the
    # assignment is news to get a notice each (enrolments.services.notices); the one who
    # had completed it gets nothing.
    assert sorted(m.to[0] for m in mailoutbox) == [
        "enrolled@example.org",
        "new.recruit@example.org",
        "officer@example.org",
    ]
    (mail,) = [m for m in mailoutbox if m.to == ["new.recruit@example.org"]]
    # The inviter's name is quoted after a label, never a sentence in our voice (issue 12, 11).
    assert "Enrolled by: “Karim Mansour”" in mail.body
    assert "Karim Mansour has enrolled you" not in mail.body
    assert f"- Border basics (due {date_format(DUE)})" in mail.body
    assert "/accounts/password/reset/key/" in mail.body
    assert not kept.exists()  # the kept file is gone once imported


def test_the_invited_person_chooses_a_password_confirms_the_address_and_gets_in(
    client, tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    data = csv_bytes([_row("nadia@example.org", course, name="Nadia", unit="airport-unit")])
    preview = assignment_import_csv_preview(manager=manager, file=data)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_import_csv_apply(manager=manager, token=preview.token)
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mailoutbox[0].body)

    set_password = client.get(link.group(1))
    assert set_password.status_code == 302  # allauth moves the key out of the URL
    chosen = client.post(
        set_password.url, {"password1": "Frontier-Lantern-42", "password2": "Frontier-Lantern-42"}
    )
    assert chosen.status_code == 302
    assert User.objects.get(email="nadia@example.org").has_usable_password()

    # allauth does not count the reset link as a verified address: the first sign-in asks
    # for a confirmation, which the person clicks, and they are in.
    signed_in = client.post(
        "/accounts/login/", {"login": "nadia@example.org", "password": "Frontier-Lantern-42"}
    )
    assert signed_in.status_code == 302
    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mailoutbox[-1].body)
    assert confirm, mailoutbox[-1].body
    confirmed = client.post(confirm.group(1), follow=True)

    assert EmailAddress.objects.get(email="nadia@example.org").verified
    assert confirmed.wsgi_request.user.email == "nadia@example.org"
    dashboard = client.get("/learning/")
    assert dashboard.status_code == 200
    assert "Border basics" in dashboard.content.decode()

    # The invitation link is spent once the password is chosen.
    client.logout()
    reused = client.get(link.group(1), follow=True)
    assert "invalid" in reused.content.decode().lower()


def test_one_bad_row_and_nothing_is_kept_or_written(tree, manager, course):
    make_staff(tree.airport, email="officer@example.org")
    data = csv_bytes(
        [
            _row("officer@example.org", course),
            _row("officer.example.org", course),
            _row("someone@example.org", "no-such-course", unit="airport-unit"),
            _row("officer@example.org", course),
            _row("late@example.org", course, due=DUE - timedelta(days=365), unit="airport-unit"),
        ]
    )

    preview = assignment_import_csv_preview(manager=manager, file=data)

    assert not preview.is_valid and not preview.token
    assert {row.number: row.errors for row in preview.error_rows} == {
        3: ["“officer.example.org” is not a valid email address."],
        4: ["Unknown course “no-such-course”."],
        5: ["The same person and course as row 2."],
        6: [f"The due date {(DUE - timedelta(days=365)).isoformat()} is in the past."],
    }
    assert not Enrollment.objects.exists()
    assert not User.objects.filter(email__in=["someone@example.org", "late@example.org"]).exists()
    assert not (Path(settings.MEDIA_ROOT) / "imports").exists()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "The file is empty."),
        (b"email:course\r\na@example.org:x\r\n", "read with comma"),
        (b"\x00\x01\x02binary", "not readable text"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(manager, data, message):
    preview = assignment_import_csv_preview(manager=manager, file=data)

    assert not preview.is_valid and not preview.rows
    assert message in preview.file_errors[0]


def test_people_and_units_outside_the_scope_are_refused_without_saying_more(tree, manager, course):
    make_staff(tree.integration, email="labour.officer@example.org")
    data = csv_bytes(
        [
            _row("labour.officer@example.org", course),
            _row("new@example.org", course, unit="integration"),
            _row("new2@example.org", course, unit="no-such-unit"),
        ]
    )

    preview = assignment_import_csv_preview(manager=manager, file=data)

    assert [row.errors for row in preview.rows] == [
        ["This person is not in your organisation."],
        ["“integration” is not a unit of your organisation."],
        ["“no-such-unit” is not a unit of your organisation."],
    ]
    assert "Ministry of Labour" not in str(preview.rows)
    assert not Enrollment.objects.exists()


def test_the_import_checks_the_file_again_and_writes_nothing_when_it_no_longer_passes(
    tree, manager, course
):
    make_staff(tree.airport, email="officer@example.org")
    data = csv_bytes(
        [_row("officer@example.org", course), _row("new@example.org", course, unit="airport-unit")]
    )
    preview = assignment_import_csv_preview(manager=manager, file=data)
    assert preview.is_valid
    course.unpublish()

    with pytest.raises(ImportRefused) as refused:
        assignment_import_csv_apply(manager=manager, token=preview.token)

    assert refused.value.preview.rows[0].errors == ["The course “Border basics” is not published."]
    assert not Enrollment.objects.exists()
    assert not User.objects.filter(email="new@example.org").exists()


def test_a_failure_half_way_rolls_everything_back(tree, manager, course, monkeypatch):
    second = make_course(modules=1, lessons=1, title="Second course")
    data = csv_bytes(
        [
            _row("new@example.org", course, unit="airport-unit"),
            _row("new@example.org", second, unit="airport-unit"),
        ]
    )
    preview = assignment_import_csv_preview(manager=manager, file=data)
    real = imports.enrollments_assign_bulk
    calls = []

    def fail_on_the_second_course(**kwargs):
        calls.append(kwargs["course"])
        if len(calls) == 2:
            raise imports.EnrollmentError("The database went away.", code="boom")
        return real(**kwargs)

    monkeypatch.setattr(imports, "enrollments_assign_bulk", fail_on_the_second_course)

    with pytest.raises(AssignmentError, match="database went away"):
        assignment_import_csv_apply(manager=manager, token=preview.token)

    assert len(calls) == 2
    assert not Enrollment.objects.exists()
    assert not User.objects.filter(email="new@example.org").exists()
    assert not EmailAddress.objects.filter(email="new@example.org").exists()


def test_a_token_works_once_and_only_for_the_manager_who_uploaded(tree, manager, course):
    make_staff(tree.airport, email="officer@example.org")
    other_manager = make_manager(tree.police)
    data = csv_bytes([_row("officer@example.org", course)])
    token = assignment_import_csv_preview(manager=manager, file=data).token

    near = token[:-1] + ("B" if token.endswith("A") else "A")  # never the token itself
    for crafted in (near, "../../../../etc/passwd", "", None):
        with pytest.raises(AssignmentError, match="expired or was already done"):
            assignment_import_csv_apply(manager=manager, token=crafted)
    with pytest.raises(AssignmentError, match="expired or was already done"):
        assignment_import_csv_apply(manager=other_manager, token=token)
    assert not Enrollment.objects.exists()

    assignment_import_csv_apply(manager=manager, token=token)
    assert Enrollment.objects.count() == 1
    imports._discard(token)  # what the commit does; the test transaction never commits
    with pytest.raises(AssignmentError, match="expired or was already done"):
        assignment_import_csv_apply(manager=manager, token=token)


def test_people_without_scope_cannot_preview_or_import(tree, course, trainer):
    manager_without_units = make_manager()
    data = csv_bytes([_row("officer@example.org", course)])

    for user in (trainer, manager_without_units):
        with pytest.raises(AssignmentError, match="manage no organisation unit"):
            assignment_import_csv_preview(manager=user, file=data)
        with pytest.raises(AssignmentError, match="manage no organisation unit"):
            assignment_import_csv_apply(manager=user, token="x" * 32)


# --- 10,000 rows --------------------------------------------------------------------------

BATCH = imports.BATCH
# A batch is 500 rows: a query per row would cost 500 more per batch. Measured per batch on
# PostgreSQL: preview 2-3, import 7-9; SQLite splits long INSERTs (999 parameters at most),
# which makes the import with invitations (accounts, addresses, roles, the audit-log entry of
# each account created, since issue 13, and the invitations owed) 26.
QUERIES_PER_BATCH_LIMIT = 28


def _file(prefix: str, count: int, course, due=DUE) -> bytes:
    return csv_bytes(
        [
            _row(f"{prefix}{i}@example.org", course, due, name=f"Person {i}", unit="airport-unit")
            for i in range(count)
        ]
    )


def _import_counts(manager, data) -> tuple[int, int, object]:
    preview_queries, preview = count_queries(
        lambda: assignment_import_csv_preview(manager=manager, file=data)
    )
    assert preview.is_valid, preview.error_rows[:3] or preview.file_errors
    apply_queries, result = count_queries(
        lambda: assignment_import_csv_apply(manager=manager, token=preview.token)
    )
    return preview_queries, apply_queries, result


def test_10000_rows_preview_and_import_in_a_fixed_number_of_queries_per_batch(
    tree, manager, course
):
    """One batch of 500 rows against 20 batches: the difference is a few queries per batch,
    never a query per row. Invitations are mailed after commit, outside these counts."""
    # People new to Waypoint: invited, then enrolled.
    small = _import_counts(manager, _file("small", BATCH, course))
    big = _import_counts(manager, _file("big", 20 * BATCH, course))
    assert big[2] == imports.ImportResult(enrolled=10_000, updated=0, completed=0, invited=10_000)
    # The same people, who now have accounts and enrolments, get a later due date.
    later = DUE + timedelta(days=7)
    small_update = _import_counts(manager, _file("small", BATCH, course, later))
    big_update = _import_counts(manager, _file("big", 20 * BATCH, course, later))
    assert big_update[2] == imports.ImportResult(enrolled=0, updated=10_000, completed=0, invited=0)

    for one, twenty in ((small, big), (small_update, big_update)):
        for step in (0, 1):  # preview, import
            extra = twenty[step] - one[step]
            assert extra <= 19 * QUERIES_PER_BATCH_LIMIT, (one, twenty)
    assert set(Enrollment.objects.values_list("due_at", flat=True)) == {due_at_for(later)}
    assert Enrollment.objects.count() == BATCH + 20 * BATCH
