"""Issue 16, learner items 5 and 7: a completed course says "Completed" wherever the learner
meets it (catalogue, course page, My learning), and "My learning" lists work with a due
date first, the soonest first, with overdue work marked by more than colour; then the rest,
the most recently active first; completed work last."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrollment
from courses.services import enrollment_create, lesson_complete
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


def _card(html: str, title: str) -> str:
    """The catalogue's or My learning's card of a course, by its title."""
    for card in re.findall(r'<li class="card[^"]*">.*?</li>', html, re.S):
        if f">{title}</a>" in card:
            return card
    raise AssertionError(f"no card for {title}")


def _enrol(learner, title: str, **fields) -> Enrollment:
    course = make_course(modules=1, lessons=2, title=title)
    enrollment = enrollment_create(user=learner, course=course)
    if fields:
        Enrollment.objects.filter(pk=enrollment.pk).update(**fields)
    return enrollment


def _complete(learner, enrollment: Enrollment) -> None:
    for lesson in lessons_of(enrollment.course):
        lesson_complete(user=learner, lesson=lesson)


# --- "Completed", not "Enrolled" -------------------------------------------------------------


def test_a_completed_course_is_labelled_completed_in_the_catalogue(client, learner):
    _enrol(learner, "Reading the MRZ")
    _complete(learner, _enrol(learner, "Integrated border management"))
    client.force_login(learner)

    html = client.get("/courses/").content.decode()

    completed = _card(html, "Integrated border management")
    assert "Completed" in completed and "Enrolled" not in completed
    assert '<span aria-hidden="true">✓</span>' in completed  # a tick, and the word
    assert "Enrolled" in _card(html, "Reading the MRZ")


def test_the_course_page_and_my_learning_say_completed_too(client, learner):
    enrollment = _enrol(learner, "Integrated border management")
    _complete(learner, enrollment)
    client.force_login(learner)

    course_page = client.get(enrollment.course.url).content.decode()
    my_learning = client.get(reverse("learning:dashboard")).content.decode()

    enrol_box = course_page.split('class="enrol-box"', 1)[1].split("</section>", 1)[0]
    assert 'class="badge badge--done"' in enrol_box and "Completed" in enrol_box
    card = _card(my_learning.split('id="completed-heading"', 1)[1], enrollment.course.title)
    assert 'class="badge badge--done"' in card and "Completed" in card


# --- the order of My learning ----------------------------------------------------------------


def test_my_learning_lists_due_work_first_soonest_first_then_by_recent_activity(client, learner):
    now = timezone.now()
    _enrol(learner, "Idle for a month", last_activity_at=now - timedelta(days=30))
    _enrol(learner, "Due in ten days", due_at=now + timedelta(days=10))
    _enrol(learner, "Studied this morning", last_activity_at=now - timedelta(hours=3))
    _enrol(learner, "Overdue by three days", due_at=now - timedelta(days=3))
    _enrol(learner, "Due in two days", due_at=now + timedelta(days=2))
    finished = _enrol(learner, "Finished last week", due_at=now - timedelta(days=1))
    _complete(learner, finished)
    client.force_login(learner)

    html = client.get(reverse("learning:dashboard")).content.decode()

    in_progress, completed = html.split('id="completed-heading"', 1)
    titles = re.findall(r'<h3 class="card__title"[^>]*><a href="[^"]*">([^<]+)</a>', in_progress)
    assert titles == [
        "Overdue by three days",
        "Due in two days",
        "Due in ten days",
        "Studied this morning",
        "Idle for a month",
    ]
    assert "Finished last week" in completed


def test_overdue_work_stands_out_by_more_than_colour(client, learner):
    due = timezone.now() - timedelta(days=3)
    _enrol(learner, "Overdue by three days", due_at=due)
    _enrol(learner, "Due in two days", due_at=timezone.now() + timedelta(days=2))
    client.force_login(learner)

    html = client.get(reverse("learning:dashboard")).content.decode()

    overdue = _card(html, "Overdue by three days")
    assert 'class="card card--overdue"' in overdue
    assert '<span class="due__mark" aria-hidden="true">⚠</span>' in overdue
    assert "<strong>Overdue</strong>" in overdue
    assert f'datetime="{timezone.localtime(due).isoformat()}"' in overdue  # with its date
    on_time = _card(html, "Due in two days")
    assert "card--overdue" not in on_time and "Overdue" not in on_time
