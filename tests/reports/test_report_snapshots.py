"""Summary reports answer from the newest summary snapshot (taken every few minutes by a
periodic job) and say when it was taken; "Refresh the figures", the filters that tallies
per course and unit cannot answer, and a snapshot too old or in another time zone give
live figures instead. The figures themselves are checked against the hand-computed history
in test_report_figures.py, from a snapshot and computed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format

from accounts.selectors import OrganisationScope
from accounts.services import cohort_set_members, user_place_in_unit
from courses.services import enrollment_create
from reports.models import SummarySnapshot, SummaryTally
from reports.selectors.criteria import ReportCriteria
from reports.selectors.snapshots import usable_snapshot
from reports.services.summary_snapshots import summary_snapshot_take
from reports.tasks import take_summary_snapshot
from tests.factories.accounts import UserFactory
from tests.factories.reports import by_first_cell, screen_table
from tests.query_counts import count_queries
from tests.reports.test_report_queries import _more_rows

pytestmark = pytest.mark.django_db


def _course_x(client, query=None):
    response = client.get(reverse("reports_course_completion"), query or {})
    assert response.status_code == 200
    return by_first_cell(screen_table(response)[1])["Course X"], response


def _newcomer_in_course_x(world):
    newcomer = UserFactory(email="newcomer@example.org", full_name="Newcomer")
    user_place_in_unit(user=newcomer, unit=world.airport)
    enrollment_create(user=newcomer, course=world.course_x)
    return newcomer


def test_the_page_shows_the_snapshot_until_the_next_one_is_taken(client, world):
    taken = summary_snapshot_take(now=timezone.now() - timedelta(minutes=10))
    client.force_login(world.manager_a)
    newcomer_joins = _newcomer_in_course_x(world)

    before, response = _course_x(client)
    refreshed, _ = _course_x(client, {"refresh": "1"})
    take_summary_snapshot.delay()
    after, _ = _course_x(client)

    assert newcomer_joins
    assert before[2] == "4", "the snapshot was taken before the newcomer enrolled"
    as_of = time_format(timezone.localtime(taken.taken_at), "TIME_FORMAT")
    assert f"Figures as of {as_of}" in response.content.decode()
    assert refreshed[2] == "5", "Refresh the figures computes them"
    assert after[2] == "5", "the next snapshot counts the newcomer"


@pytest.mark.parametrize("narrowing", ["cohort", "enrolled_from"])
def test_filters_a_snapshot_cannot_answer_give_live_figures(client, world, narrowing):
    summary_snapshot_take()
    newcomer = _newcomer_in_course_x(world)
    cohort_set_members(cohort=world.cohort_a, members=[world.alice, world.bob, newcomer])
    client.force_login(world.manager_a)
    query = {
        "cohort": {"cohort": world.cohort_a.pk},
        "enrolled_from": {"enrolled_from": timezone.localdate().isoformat()},
    }[narrowing]

    row, _ = _course_x(client, query)

    # Alice, Bob and the newcomer are in the cohort; everyone enrolled today.
    assert row[2] == {"cohort": "3", "enrolled_from": "5"}[narrowing]


def test_unit_and_topic_filters_are_answered_by_the_snapshot(client, world, monkeypatch):
    summary_snapshot_take()

    def refuse(*args, **kwargs):
        raise AssertionError("figures computed instead of read from the snapshot")

    monkeypatch.setattr("reports.selectors.summaries._figures", refuse)
    client.force_login(world.manager_a)

    airport, _ = _course_x(client, {"unit": world.airport.pk})
    by_topic, _ = _course_x(client, {"topic": world.course_x.topic_id})
    response = client.get(reverse("reports_unit_completion"), {"unit": world.land_border.pk})

    assert airport[2:7] == ["2", "0", "1", "1", "0"]
    assert by_topic[2] == "4"
    assert by_first_cell(screen_table(response)[1])["Land Border Unit"][1] == "3"


def test_a_snapshot_older_than_the_limit_is_not_used(client, world, settings):
    settings.REPORTS_SUMMARY_SNAPSHOT_MAX_AGE = 15 * 60
    summary_snapshot_take(now=timezone.now() - timedelta(minutes=16))
    _newcomer_in_course_x(world)
    client.force_login(world.manager_a)

    row, _ = _course_x(client)

    assert row[2] == "5"


def test_a_snapshot_answers_only_in_the_time_zone_of_its_months(world):
    summary_snapshot_take()
    criteria = ReportCriteria(scope=OrganisationScope(everything=True))

    with timezone.override("Asia/Tokyo"):
        elsewhere = usable_snapshot(criteria)

    assert usable_snapshot(criteria) is not None
    assert elsewhere is None


def test_taking_a_snapshot_again_replaces_the_previous_one(world):
    summary_snapshot_take()
    second = summary_snapshot_take()

    assert list(SummarySnapshot.objects.values_list("pk", flat=True)) == [second.pk]
    assert SummaryTally.objects.count() == second.tallies.count() > 0


@pytest.mark.parametrize("name", ["reports_course_completion", "reports_unit_completion"])
def test_snapshot_pages_run_the_same_queries_with_more_rows(client, world, monkeypatch, name):
    client.force_login(world.manager_a)
    url = reverse(name)
    summary_snapshot_take()
    client.get(url)
    few, _ = count_queries(lambda: client.get(url))
    computed, _ = count_queries(lambda: client.get(url, {"refresh": "1"}))

    _more_rows(world, monkeypatch)
    summary_snapshot_take()
    many, response = count_queries(lambda: client.get(url))

    assert response.status_code == 200
    assert few == many, f"{few} queries with few rows, {many} with more"
    assert few <= computed
