"""A course assigned by a manager no longer arrives without a word (issue 16, learner 7): each
learner it is news to gets one e-mail, in their language, with the course, its link, who
assigned it and the due date; sent by a task after the commit, never inside the request."""

from datetime import timedelta

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone, translation
from django.utils.formats import date_format

from courses.services import enrollment_create, lesson_complete
from enrolments.models import AssignmentNotice
from enrolments.services.assignments import (
    assignment_to_cohort,
    assignment_to_unit,
    due_at_for,
)
from enrolments.services.imports import assignment_import_csv_apply, assignment_import_csv_preview
from enrolments.services.notices import assignment_notices_send
from enrolments.tasks import send_assignment_notices
from tests.factories.assignments import csv_bytes, make_cohort, make_manager, make_staff, make_tree
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db

ASSIGN = "/admin/assignments/assign/"
DUE = timezone.localdate() + timedelta(days=30)
LATER = DUE + timedelta(days=14)


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def manager(tree):
    return make_manager(tree.police, email="chief@example.org", full_name="Daniel Okafor")


@pytest.fixture
def course(db):
    return make_course(modules=1, lessons=1, title="Border basics")


def _assign_data(course, **fields):
    return {"course": course.pk, "due_date": DUE.isoformat(), "target": "unit", **fields}


def _mails_to(mailoutbox, email):
    return [message for message in mailoutbox if message.to == [email]]


def test_a_unit_assignment_tells_each_learner_in_their_language(
    client, tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    make_staff(tree.airport, email="lea@example.org", preferred_language="fr")
    make_staff(tree.land, email="omar@example.org", preferred_language="en")
    client.force_login(manager)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASSIGN, {**_assign_data(course, organisation=tree.police.pk), "confirm": "1"})

    assert sorted(m.to[0] for m in mailoutbox) == ["lea@example.org", "omar@example.org"]
    (french,) = _mails_to(mailoutbox, "lea@example.org")
    (english,) = _mails_to(mailoutbox, "omar@example.org")
    assert french.subject == "Un cours vous a été attribué\u00a0: Border basics"
    assert "The course Border basics has been assigned to you." in english.body
    assert course.url in english.body  # the link to the course
    assert "Assigned by: “Daniel Okafor”" in english.body
    assert "To the unit: “Border Police”" in english.body
    assert f"Due by the end of {date_format(DUE)}." in english.body
    # Written with French active: the sentences and the date ("5 janvier 2027") are French.
    with translation.override("fr"):
        french_date = date_format(DUE, "DATE_FORMAT")
    assert f"à la fin de la journée du {french_date}" in french.body
    assert french_date != date_format(DUE)


def test_no_mail_leaves_inside_the_request_one_task_sends_them_after_the_commit(
    client, tree, manager, course, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    make_staff(tree.airport, count=40)
    queued = []
    monkeypatch.setattr(send_assignment_notices, "delay", lambda: queued.append("after commit"))
    client.force_login(manager)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(ASSIGN, {**_assign_data(course, organisation=tree.airport.pk), "confirm": "1"})
    assert mailoutbox == [] and queued == []  # nothing sent or queued inside the transaction
    for callback in callbacks:
        callback()

    assert mailoutbox == [] and queued == ["after commit"]  # one task for all 40
    assert send_assignment_notices() == 40
    assert send_assignment_notices() == 0  # a second delivery sends nothing again
    assert len(mailoutbox) == 40


def test_an_unchanged_assignment_tells_nobody_again_and_a_moved_due_date_is_told(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    (learner,) = make_staff(tree.airport, email="lea@example.org")
    assign = lambda day: assignment_to_unit(  # noqa: E731
        manager=manager, organisation=tree.airport, course=course, due_at=due_at_for(day)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assign(DUE)
    with django_capture_on_commit_callbacks(execute=True):
        assign(DUE)  # submitted again, unchanged
    assert len(mailoutbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        assign(LATER)

    first, moved = mailoutbox
    assert moved.subject == "Due date changed: Border basics"
    assert "The due date of Border basics has changed." in moved.body
    assert f"Due by the end of {date_format(LATER)}." in moved.body


def test_a_learner_who_had_enrolled_on_their_own_is_told_of_the_assignment(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    (learner,) = make_staff(tree.airport, email="lea@example.org")
    enrollment_create(user=learner, course=course)

    with django_capture_on_commit_callbacks(execute=True):
        assignment_to_unit(
            manager=manager, organisation=tree.airport, course=course, due_at=due_at_for(DUE)
        )

    (message,) = mailoutbox
    assert "has been assigned to you" in message.body


def test_a_cohort_assignment_names_the_cohort_and_skips_who_has_completed(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    (new, done) = make_staff(tree.airport, count=2)
    enrollment_create(user=done, course=course)
    for lesson in lessons_of(course):
        lesson_complete(user=done, lesson=lesson)
    cohort = make_cohort("Spring intake", tree.airport, [new, done])

    with django_capture_on_commit_callbacks(execute=True):
        assignment_to_cohort(manager=manager, cohort=cohort, course=course, due_at=due_at_for(DUE))

    (message,) = mailoutbox
    assert message.to == [new.email]
    assert "To the cohort: “Spring intake”" in message.body


def test_a_file_tells_existing_learners_and_leaves_the_invitation_to_the_invited(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    make_staff(tree.airport, email="lea@example.org", preferred_language="fr")
    rows = [
        ["lea@example.org", course.slug, DUE.isoformat(), "", ""],
        ["new.recruit@example.org", course.slug, DUE.isoformat(), "Nadia Benali", "airport-unit"],
    ]
    preview = assignment_import_csv_preview(manager=manager, file=csv_bytes(rows))
    assert preview.is_valid, preview.error_rows[:3] or preview.file_errors

    with django_capture_on_commit_callbacks(execute=True):
        assignment_import_csv_apply(manager=manager, token=preview.token)

    (notice,) = _mails_to(mailoutbox, "lea@example.org")
    (invitation,) = _mails_to(mailoutbox, "new.recruit@example.org")
    assert "vous a été attribué" in notice.body  # Léa reads French
    assert "Attribué au moyen d'un fichier d'attributions." in notice.body
    assert "has been assigned to you" not in invitation.body


def test_a_failed_send_is_retried_and_nobody_gets_it_twice(
    tree, manager, course, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    make_staff(tree.airport, count=3)
    original = EmailBackend.send_messages
    sends = []

    def fail_on_the_second(self, messages):
        sends.append(messages)
        if len(sends) == 2:
            raise ConnectionRefusedError("the mail server is down")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", fail_on_the_second)
    monkeypatch.setattr(send_assignment_notices, "delay", lambda: None)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_to_unit(
            manager=manager, organisation=tree.airport, course=course, due_at=due_at_for(DUE)
        )

    with pytest.raises(ConnectionRefusedError):
        assignment_notices_send()  # the task's first run: one sent, then the failure
    assert len(mailoutbox) == 1
    assert assignment_notices_send() == 2  # its retry sends the other two
    assert assignment_notices_send() == 0
    assert len({m.to[0] for m in mailoutbox}) == 3 and len(mailoutbox) == 3


def test_a_notice_overtaken_before_it_went_is_settled_without_a_mail(
    tree, manager, course, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    (learner,) = make_staff(tree.airport)
    monkeypatch.setattr(send_assignment_notices, "delay", lambda: None)  # the task is late
    with django_capture_on_commit_callbacks(execute=True):
        assignment_to_unit(
            manager=manager, organisation=tree.airport, course=course, due_at=due_at_for(DUE)
        )
    for lesson in lessons_of(course):
        lesson_complete(user=learner, lesson=lesson)  # finished before the mail went

    assert assignment_notices_send() == 0
    assert mailoutbox == [] and not AssignmentNotice.objects.filter(sent_at__isnull=True).exists()


def test_notices_a_lost_task_owed_go_with_the_periodic_run(
    settings, tree, manager, course, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    make_staff(tree.airport, count=2)
    monkeypatch.setattr(send_assignment_notices, "delay", lambda: None)  # the broker was down
    with django_capture_on_commit_callbacks(execute=True):
        assignment_to_unit(
            manager=manager, organisation=tree.airport, course=course, due_at=due_at_for(DUE)
        )
    assert mailoutbox == []

    periodic = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "enrolments.tasks.send_assignment_notices" in periodic
    assert send_assignment_notices() == 2
