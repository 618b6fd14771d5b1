"""Filters: course, topic, unit, cohort, enrolment date range and status narrow what the
reports count; bad values get a message and no rows, never an error page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrollment
from tests.factories.reports import by_first_cell, screen_table
from tests.factories.translations import translate


def _rows(client, user, name, **params):
    client.force_login(user)
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return screen_table(response)[1]


def _learners(client, user, **params):
    return [(row[0], row[3]) for row in _rows(client, user, "reports_learner_progress", **params)]


def test_filter_by_course_and_topic(client, world):
    by_course = _rows(
        client, world.manager_a, "reports_course_completion", course=world.course_y.pk
    )
    by_topic = _rows(
        client, world.manager_a, "reports_course_completion", topic=world.course_x.topic_id
    )

    assert [row[0] for row in by_course] == ["Course Y"]
    assert [row[0] for row in by_topic] == ["Course X"]


def test_a_topic_link_made_in_another_language_filters_the_same(client, world):
    """A French manager's link names the French copy of the topic; an English manager who
    follows it sees the same course, the topic chosen in English (issue 15)."""
    french = translate(world.course_x.topic, "fr")
    french.name = "Sujet X"
    french.save()
    client.force_login(world.manager_a)

    response = client.get(reverse("reports_course_completion"), {"topic": french.pk})

    assert [row[0] for row in screen_table(response)[1]] == ["Course X"]
    html = response.content.decode()
    assert "Select a valid choice" not in html
    assert f'<option value="{world.course_x.topic_id}" selected>' in html


def test_filter_by_unit_counts_that_subtree_only(client, world):
    rows = by_first_cell(
        _rows(client, world.manager_a, "reports_course_completion", unit=world.airport.pk)
    )
    units = _rows(client, world.manager_a, "reports_unit_completion", unit=world.airport.pk)

    assert rows["Course X"][2:] == ["2", "0", "1", "1", "0", "50", "100", "1"]
    assert [row[0] for row in units] == ["Airport Unit"]


def test_filter_by_cohort(client, world):
    assert _learners(client, world.manager_a, cohort=world.cohort_a.pk) == [
        ("Alice Airport", "Course X"),
        ("Alice Airport", "Course Y"),
        ("Bob Airport", "Course X"),
    ]


@pytest.mark.parametrize(
    "status, expected",
    [
        ("not_started", [("Alice Airport", "Course Y"), ("Carol Land", "Course X")]),
        ("in_progress", [("Bob Airport", "Course X"), ("Dan Land", "Course X")]),
        ("completed", [("Alice Airport", "Course X"), ("Carol Land", "Course Y")]),
        ("overdue", [("Alice Airport", "Course Y"), ("Carol Land", "Course X")]),
    ],
)
def test_filter_by_status(client, world, status, expected):
    assert _learners(client, world.manager_a, status=status) == expected


def test_filter_by_enrolment_date_range(client, world):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    # No service back-dates an enrolment: this one is moved by hand to test the range.
    Enrollment.objects.filter(user=world.bob).update(enrolled_at=long_ago)
    day = long_ago.date()

    in_range = _learners(client, world.manager_a, enrolled_from=day, enrolled_to=day)
    after = _learners(client, world.manager_a, enrolled_from=day + datetime.timedelta(days=1))

    assert in_range == [("Bob Airport", "Course X")]
    assert ("Bob Airport", "Course X") not in after and len(after) == 5


@pytest.mark.parametrize(
    "params, message",
    [
        ({"enrolled_from": "2026-05-01", "enrolled_to": "2026-04-01"}, "The start of the date"),
        ({"enrolled_from": "not-a-date"}, "Enter a valid date."),
        ({"course": "abc"}, "Select a valid choice."),
        ({"topic": "abc"}, "Select a valid choice."),
        ({"topic": "9" * 40}, "Select a valid choice."),
        ({"status": "lost"}, "Select a valid choice."),
    ],
)
def test_bad_filters_get_a_message_and_no_rows(client, world, params, message):
    client.force_login(world.manager_a)

    response = client.get(reverse("reports_learner_progress"), params)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert screen_table(response)[1] == []


def test_the_filter_form_is_labelled(client, world):
    client.force_login(world.manager_a)

    html = client.get(reverse("reports_learner_progress")).content.decode()

    for field, label in [
        ("course", "Course"),
        ("topic", "Topic"),
        ("unit", "Unit"),
        ("cohort", "Cohort"),
        ("enrolled_from", "Enrolled from"),
        ("enrolled_to", "Enrolled until"),
        ("status", "Status"),
    ]:
        assert f'<label class="w-field__label" for="id_{field}">{label}</label>' in html
    assert "Apply filters" in html and "Download XLSX" in html and "Download CSV" in html


def test_unit_choices_are_the_managers_units_only(client, world):
    client.force_login(world.manager_a)

    html = client.get(reverse("reports_learner_progress")).content.decode()

    assert f'<option value="{world.airport.pk}">' in html
    assert f'<option value="{world.integration.pk}">' not in html
    assert f'<option value="{world.cohort_b.pk}">Integration intake' not in html


def test_drill_down_from_a_course_keeps_the_filters(client, world):
    client.force_login(world.manager_a)
    response = client.get(reverse("reports_course_completion"), {"unit": world.airport.pk})

    from bs4 import BeautifulSoup

    link = BeautifulSoup(response.content, "html.parser").find("a", string="Course X")
    followed = client.get(link["href"])

    assert (
        f"course={world.course_x.pk}" in link["href"] and f"unit={world.airport.pk}" in link["href"]
    )
    assert [(r[0], r[3]) for r in screen_table(followed)[1]] == [
        ("Alice Airport", "Course X"),
        ("Bob Airport", "Course X"),
    ]
