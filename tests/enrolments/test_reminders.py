"""Due-date reminders (7 days, 1 day, overdue) and the managers' weekly overdue digest:
each sent once however often the jobs run, a moved due date reminded again, completed
courses left alone, and the digest's opt-out respected."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrollment
from courses.services import enrollment_assign, lesson_complete
from enrolments.models import DueDateReminder, OverdueDigest
from enrolments.services.reminders import due_date_reminders_send, overdue_digests_send
from enrolments.tasks import send_due_date_reminders, send_overdue_digests
from tests.factories.approvals import make_tree, manager_of, person_in
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db

# A Wednesday at noon: the ISO week started on Monday 2026-11-23.
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def tree():
    return make_tree()


@pytest.fixture
def manager(tree):
    return manager_of(tree.border_police, email="chief@example.org", full_name="Chief Officer")


@pytest.fixture
def course():
    return make_course(modules=1, lessons=1, title="Counter-Trafficking Basics")


def assign(user, course, manager, due_at):
    return enrollment_assign(user=user, course=course, due_at=due_at, assigned_by=manager)[0]


def run_reminders(capture, now):
    with capture(execute=True):
        return due_date_reminders_send(now=now)


def run_digests(capture, now):
    with capture(execute=True):
        return overdue_digests_send(now=now)


def test_a_learner_is_reminded_a_week_before_a_day_before_and_when_overdue(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    learner = person_in(tree.airport, email="amina@example.org", full_name="Amina Diallo")
    due = NOW + timedelta(days=10)
    assign(learner, course, manager, due)

    sent = [
        run_reminders(django_capture_on_commit_callbacks, due - timedelta(days=days, hours=hours))
        for days, hours in [(8, 0), (6, 23), (6, 0), (0, 20), (0, 1), (-1, 0), (-2, 0)]
    ]

    assert sent == [0, 1, 0, 1, 0, 1, 0]
    assert [mail.subject for mail in mailoutbox] == [
        "Due in a week: Counter-Trafficking Basics",
        "Due within 24 hours: Counter-Trafficking Basics",
        "Overdue: Counter-Trafficking Basics",
    ]
    assert all(mail.to == ["amina@example.org"] for mail in mailoutbox)
    assert "Counter-Trafficking Basics is due on" in mailoutbox[0].body
    assert "Amina Diallo" not in mailoutbox[0].body  # names stay out of mails to a person
    assert reverse("learning:dashboard") in mailoutbox[0].body


def test_running_twice_sends_one_mail_each(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(3):
        assign(person_in(tree.airport), course, manager, NOW + timedelta(days=3, hours=n))

    first = run_reminders(django_capture_on_commit_callbacks, NOW)
    second = run_reminders(django_capture_on_commit_callbacks, NOW)

    assert (first, second) == (3, 0)
    assert len(mailoutbox) == 3
    assert DueDateReminder.objects.count() == 3


def test_a_learner_first_seen_a_day_before_gets_only_that_reminder(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    assign(person_in(tree.airport), course, manager, NOW + timedelta(hours=5))

    run_reminders(django_capture_on_commit_callbacks, NOW)
    run_reminders(django_capture_on_commit_callbacks, NOW + timedelta(hours=1))

    assert [mail.subject for mail in mailoutbox] == [
        "Due within 24 hours: Counter-Trafficking Basics"
    ]


def test_a_moved_due_date_is_reminded_again(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    learner = person_in(tree.airport)
    assign(learner, course, manager, NOW + timedelta(days=5))
    run_reminders(django_capture_on_commit_callbacks, NOW)

    assign(learner, course, manager, NOW + timedelta(days=6))  # the manager moves it
    run_reminders(django_capture_on_commit_callbacks, NOW)

    assert len(mailoutbox) == 2
    assert [r.kind for r in DueDateReminder.objects.order_by("pk")] == ["due_in_7_days"] * 2


def test_completed_courses_and_courses_without_due_dates_get_no_reminder(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    finished = person_in(tree.airport)
    assign(finished, course, manager, NOW + timedelta(days=2))
    lesson_complete(user=finished, lesson=lessons_of(course)[0])
    assign(person_in(tree.airport), course, manager, None)

    assert run_reminders(django_capture_on_commit_callbacks, NOW) == 0
    assert mailoutbox == []


def test_the_task_runs_the_service(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    assign(person_in(tree.airport), course, manager, timezone.now() - timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_date_reminders.delay().get() == 1

    assert [mail.subject for mail in mailoutbox] == ["Overdue: Counter-Trafficking Basics"]


# --- the weekly digest -----------------------------------------------------------------------


def _overdue(tree, manager, course, unit=None, **person):
    return assign(
        person_in(unit or tree.airport, **person), course, manager, NOW - timedelta(days=3)
    )


def test_the_digest_lists_overdue_staff_of_the_managers_units_only(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    _overdue(tree, manager, course, full_name="Samir Haddad")
    _overdue(tree, manager, course, unit=tree.integration, full_name="Outside Person")
    assign(person_in(tree.airport, full_name="Not Late"), course, manager, NOW + timedelta(days=1))

    assert run_digests(django_capture_on_commit_callbacks, NOW) == 1

    assert [mail.to for mail in mailoutbox] == [["chief@example.org"]]
    body = mailoutbox[0].body
    assert "Samir Haddad" in body and "Airport Unit" in body
    assert "3 days overdue" in body
    assert "Outside Person" not in body and "Not Late" not in body
    assert mailoutbox[0].subject == "Overdue courses in your organisation: 1"


def test_the_digest_goes_once_per_week(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    _overdue(tree, manager, course)

    sent = [
        run_digests(django_capture_on_commit_callbacks, NOW + timedelta(days=days))
        for days in (0, 1, 4)  # Wednesday, Thursday, and Sunday of the same week
    ]
    sent.append(run_digests(django_capture_on_commit_callbacks, NOW + timedelta(days=5)))

    assert sent == [1, 0, 0, 1]  # the Monday after is a new week
    assert list(OverdueDigest.objects.values_list("week_starting", flat=True)) == [
        datetime(2026, 11, 23).date(),
        datetime(2026, 11, 30).date(),
    ]
    assert len(mailoutbox) == 2


def test_a_manager_who_opted_out_gets_no_digest(
    client, tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    _overdue(tree, manager, course)
    client.force_login(manager)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": manager.full_name,
            "preferred_language": "en",
            "organisation": "",
            # the digest box left unticked
        },
    )
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.receives_overdue_digest is False

    assert run_digests(django_capture_on_commit_callbacks, NOW) == 0
    assert mailoutbox == []


def test_the_profile_offers_the_digest_to_managers_only(client, tree, manager, learner):
    client.force_login(manager)
    assert (
        "receives_overdue_digest" in client.get(reverse("accounts:profile")).context["form"].fields
    )

    client.force_login(learner)
    assert (
        "receives_overdue_digest"
        not in client.get(reverse("accounts:profile")).context["form"].fields
    )


def test_ticking_the_box_again_turns_the_digest_back_on(client, manager):
    client.force_login(manager)
    data = {"full_name": manager.full_name, "preferred_language": "en", "organisation": ""}
    client.post(reverse("accounts:profile"), data)
    client.post(reverse("accounts:profile"), {**data, "receives_overdue_digest": "on"})

    manager.refresh_from_db()
    assert manager.receives_overdue_digest is True


def test_no_digest_when_nobody_is_overdue_and_none_for_completed_courses(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    enrollment = _overdue(tree, manager, course)
    lesson_complete(user=enrollment.user, lesson=lessons_of(course)[0])
    assert Enrollment.objects.get(pk=enrollment.pk).is_completed

    assert run_digests(django_capture_on_commit_callbacks, NOW) == 0
    assert mailoutbox == []
    assert not OverdueDigest.objects.exists()


def test_the_digest_task_runs_the_service(
    tree, manager, course, mailoutbox, django_capture_on_commit_callbacks
):
    assign(person_in(tree.airport), course, manager, timezone.now() - timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_digests.delay().get() == 1
        assert send_overdue_digests.delay().get() == 0

    assert len(mailoutbox) == 1


def test_the_beat_schedule_runs_both_jobs(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {
        "enrolments.tasks.send_due_date_reminders",
        "enrolments.tasks.send_overdue_digests",
    } <= tasks
