"""One e-mail per submission to the reviewers (issue 16, lead trainer): the pages one
trainer submits for one course within the quiet period, in one mail per reviewer, in the
reviewer's language, each page with a link to its editor. Wagtail's mail per page is gone.

Each submitted page queues a job that runs after the quiet period; ``run_jobs`` runs those
jobs the way a worker would, in the order given."""

from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import TaskState

from courses.models import LessonPage, ModulePage
from courses.services import SUBMISSION_QUIET_PERIOD, review_submission_notify
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.get_current_timezone())
MINUTE = timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _no_claims_from_earlier_tests():
    """Mails are claimed in the cache by task state id and start time; rolled-back tests
    reuse both."""
    cache.clear()


@pytest.fixture
def leads(db):
    return [
        UserFactory(email="lena@example.org", roles=["Lead trainers"], preferred_language="fr"),
        UserFactory(email="omar@example.org", roles=["Lead trainers"], preferred_language="en"),
    ]


def draft(parent, page, owner):
    page.live, page.owner = False, owner
    parent.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def course_of(trainer, title):
    course = make_course(modules=0, title=title)
    module = draft(course, ModulePage(title=f"{title}: module"), trainer)
    lessons = [draft(module, LessonPage(title=f"{title}: lesson {n}"), trainer) for n in (1, 2)]
    return course, module, lessons


def submit_at(page, user, when) -> int:
    """Submit the page for review as the editor's button does; returns its task state."""
    state = page.get_workflow().start(page, user)
    TaskState.objects.filter(pk=state.current_task_state_id).update(started_at=when)
    return state.current_task_state_id


def run_jobs(task_state_ids):
    return [review_submission_notify(task_state_id=pk) for pk in task_state_ids]


def to(mailoutbox, email):
    return [message for message in mailoutbox if message.to == [email]]


def test_wagtail_no_longer_mails_the_reviewers_for_each_page(
    trainer, leads, mailoutbox, django_capture_on_commit_callbacks
):
    _, module, lessons = course_of(trainer, "Interviewing")

    with django_capture_on_commit_callbacks() as queued:
        for page in (*lessons, module):
            page.get_workflow().start(page, trainer)

    assert mailoutbox == []  # Wagtail sent one per page and reviewer at once
    assert len(queued) == 3  # one job per page, run after the quiet period


def test_pages_submitted_together_make_one_mail_per_reviewer(trainer, leads, mailoutbox):
    course, module, lessons = course_of(trainer, "Interviewing")
    trainer.full_name = "Tariq Rahimi"
    trainer.save()
    jobs = [
        submit_at(lessons[0], trainer, NOW),
        submit_at(lessons[1], trainer, NOW + 2 * MINUTE),
        submit_at(module, trainer, NOW + 6 * MINUTE),
        submit_at(course, trainer, NOW + 10 * MINUTE),
    ]

    assert run_jobs(jobs) == [0, 0, 0, 2]

    (french,) = to(mailoutbox, "lena@example.org")
    (english,) = to(mailoutbox, "omar@example.org")
    assert english.subject == "Submitted for review: Interviewing"
    body = english.body
    assert "4 pages of Interviewing were submitted for your review." in body
    assert "Submitted by: “Tariq Rahimi”" in body
    assert body.index("Course: Interviewing") < body.index("Module: Interviewing: module")
    assert "Lesson: Interviewing: lesson 2 (module Interviewing: module)" in body
    for page in (course, module, *lessons):
        assert f"http://127.0.0.1:8000/admin/pages/{page.pk}/edit/" in body
    assert "Submitted on: Nov. 25, 2026" in body
    assert "25 novembre 2026" in french.body  # in the reviewer's own language
    assert not to(mailoutbox, trainer.email)


def test_a_page_submitted_after_the_quiet_period_starts_a_new_submission(
    trainer, leads, mailoutbox
):
    _, module, lessons = course_of(trainer, "Interviewing")
    first = submit_at(lessons[0], trainer, NOW)
    later = submit_at(lessons[1], trainer, NOW + SUBMISSION_QUIET_PERIOD + MINUTE)

    run_jobs([first, later])

    first_mail, second_mail = to(mailoutbox, "omar@example.org")
    assert "Interviewing: lesson 1" in first_mail.body
    assert "Interviewing: lesson 2" not in first_mail.body
    assert "Interviewing: lesson 2" in second_mail.body
    assert "Interviewing: lesson 1" not in second_mail.body


def test_other_courses_and_other_trainers_make_their_own_submissions(trainer, leads, mailoutbox):
    colleague = UserFactory(roles=["Trainers"])
    _, _, interviewing = course_of(trainer, "Interviewing")
    _, _, fraud = course_of(trainer, "Document fraud")
    _, _, colleagues = course_of(colleague, "Asylum law")
    jobs = [
        submit_at(interviewing[0], trainer, NOW),
        submit_at(fraud[0], trainer, NOW + MINUTE),
        submit_at(colleagues[0], colleague, NOW + MINUTE),
        submit_at(interviewing[1], trainer, NOW + 2 * MINUTE),
    ]

    run_jobs(jobs)

    subjects = sorted(message.subject for message in to(mailoutbox, "omar@example.org"))
    assert subjects == [
        "Submitted for review: Asylum law",
        "Submitted for review: Document fraud",
        "Submitted for review: Interviewing",
    ]


def test_jobs_run_late_out_of_order_or_twice_still_mail_once(trainer, leads, mailoutbox):
    _, module, lessons = course_of(trainer, "Interviewing")
    jobs = [
        submit_at(lessons[0], trainer, NOW),
        submit_at(lessons[1], trainer, NOW + MINUTE),
        submit_at(module, trainer, NOW + 2 * MINUTE),
    ]

    run_jobs(reversed(jobs))
    run_jobs(jobs)  # delivered again

    (mail,) = to(mailoutbox, "omar@example.org")
    assert "3 pages of Interviewing" in mail.body


def test_reviewers_who_switched_submission_mails_off_get_none(trainer, leads, mailoutbox):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(leads[0])
    profile.submitted_notifications = False
    profile.save()
    _, _, lessons = course_of(trainer, "Interviewing")

    run_jobs([submit_at(lessons[0], trainer, NOW)])

    assert [message.to for message in mailoutbox] == [["omar@example.org"]]
