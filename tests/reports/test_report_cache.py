"""Summary figures may be served from a short-lived cache: per scope and filters (never
another manager's figures), saying when they were computed, and recomputed on demand."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.services import user_place_in_unit
from courses.services import enrollment_create
from tests.factories.accounts import UserFactory
from tests.factories.reports import by_first_cell, screen_table
from tests.query_counts import count_queries


@pytest.fixture
def cached_figures(settings):
    settings.REPORTS_SUMMARY_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _course_x(client, query=None):
    response = client.get(reverse("reports_course_completion"), query or {})
    return by_first_cell(screen_table(response)[1])["Course X"], response


def test_figures_are_kept_for_a_while_and_refreshed_on_demand(client, world, cached_figures):
    client.force_login(world.manager_a)
    before, _ = _course_x(client)
    newcomer = UserFactory(email="newcomer@example.org", full_name="Newcomer")
    user_place_in_unit(user=newcomer, unit=world.airport)
    enrollment_create(user=newcomer, course=world.course_x)

    cached, response = _course_x(client)
    refreshed, _ = _course_x(client, {"refresh": "1"})
    after, _ = _course_x(client)

    assert before[2] == cached[2] == "4"
    assert "Figures as of" in response.content.decode()
    assert refreshed[2] == after[2] == "5"


def test_cached_figures_are_per_scope(client, world, cached_figures):
    client.force_login(world.manager_a)
    a_rows, _ = _course_x(client)
    client.force_login(world.manager_b)
    b_rows, _ = _course_x(client)
    client.force_login(world.admin)
    admin_rows, _ = _course_x(client)

    assert (a_rows[2], b_rows[2], admin_rows[2]) == ("4", "1", "5")


def test_cached_figures_follow_the_filters(client, world, cached_figures):
    client.force_login(world.manager_a)
    _course_x(client)

    airport, _ = _course_x(client, {"unit": world.airport.pk})

    assert airport[2] == "2"


def test_a_cached_page_runs_fewer_queries(client, world, cached_figures):
    client.force_login(world.manager_a)
    url = reverse("reports_unit_completion")
    client.get(url, {"refresh": "1"})
    uncached, _ = count_queries(lambda: client.get(url, {"refresh": "1"}))

    cached, response = count_queries(lambda: client.get(url))

    assert cached == uncached - 4, "counts, certificates, scores and unit paths come cached"
    assert by_first_cell(screen_table(response)[1])["Border Police"][1] == "6"
