"""The manager's admin dashboard (issue 16, manager 1): requests waiting for a decision,
people overdue, completions this month and shortcuts to the reports, strictly within the
manager's units; administrators see the whole platform; a fixed number of queries.

The world (conftest.py): manager A (Border Police) sees Alice, Bob, Carol and Dan, two of
them overdue (Alice in Y, Carol in X), two completions this month in six current enrolments;
manager B (Ministry of Labour) sees Erin, overdue in Y, one completion in two enrolments."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import formats, timezone

from accounts import roles
from accounts.services import user_place_in_unit
from courses.services import enrollment_request_create
from tests.factories.accounts import UserFactory
from tests.factories.approvals import approval_course
from tests.factories.reports import enrol
from tests.query_counts import count_queries

DASHBOARD = reverse("wagtailadmin_home")


@pytest.fixture
def course():
    return approval_course(title="Document Fraud Detection")


def _panels(client, user) -> dict[str, str]:
    """The dashboard's panels as {heading: text}."""
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        section.select_one(".w-panel__heading").get_text(" ", strip=True): section.get_text(
            " ", strip=True
        )
        for section in soup.select("section.w-panel")
        if section.select_one(".w-panel__heading")
    }


def _links(client, user) -> set[str]:
    client.force_login(user)
    soup = BeautifulSoup(client.get(DASHBOARD).content, "html.parser")
    return {a["href"] for a in soup.select("section.w-panel a[href]")}


def _month() -> str:
    return formats.date_format(timezone.now(), "YEAR_MONTH_FORMAT")


def test_a_manager_sees_requests_overdue_completions_and_shortcuts(client, world, course):
    enrollment_request_create(user=world.bob, course=course, message="")
    enrollment_request_create(user=world.manager_a, course=course, message="")  # their own

    panels = _panels(client, world.manager_a)

    requests = panels["Enrolment requests waiting for a decision"]
    assert "1 request for a place is waiting" in requests
    assert "Bob Airport" in requests and "Document Fraud Detection" in requests
    assert "Manager A" not in requests, "nobody decides their own request"
    figures = panels["Your units at a glance"]
    assert "Border Police, with every unit below." in figures
    assert "2 people overdue" in figures and "(2 courses past their due date)" in figures
    assert f"2 completions in {_month()}" in figures
    assert "33.3 % completed (2 of 6 enrolments)" in figures
    shortcuts = panels["Reports and assignments"]
    for title in ("Completion by course", "Completion by unit", "Learner progress"):
        assert title in shortcuts
    assert "Overdue assignments" in shortcuts and "Assign a course" in shortcuts
    links = _links(client, world.manager_a)
    assert reverse("enrolment_requests:index") in links
    assert reverse("reports_overdue") in links and reverse("reports_course_completion") in links


def test_a_manager_of_one_ministry_never_sees_anothers_people_or_numbers(client, world, course):
    enrollment_request_create(user=world.bob, course=course, message="")
    enrollment_request_create(user=world.erin, course=course, message="")

    panels = _panels(client, world.manager_b)

    text = " ".join(panels.values())
    for name in ("Alice", "Bob", "Carol", "Dan", "Border Police", "Airport"):
        assert name not in text
    assert "Erin Integration" in panels["Enrolment requests waiting for a decision"]
    figures = panels["Your units at a glance"]
    assert "Ministry of Labour, with every unit below." in figures
    assert "1 person overdue" in figures
    assert f"1 completion in {_month()}" in figures
    assert "50 % completed (1 of 2 enrolments)" in figures


def test_administrators_see_the_whole_platform(client, world, course):
    enrollment_request_create(user=world.bob, course=course, message="")
    enrollment_request_create(user=world.erin, course=course, message="")

    panels = _panels(client, world.admin)

    requests = panels["Enrolment requests waiting for a decision"]
    assert "2 requests for a place are waiting" in requests
    assert "Bob Airport" in requests and "Erin Integration" in requests
    figures = panels["Your units at a glance"]
    assert "Every unit of the platform." in figures
    assert "3 people overdue" in figures
    assert f"3 completions in {_month()}" in figures


def test_nothing_waiting_says_so(client, world):
    panels = _panels(client, world.manager_a)

    requests = panels["Enrolment requests waiting for a decision"]
    assert "No request for a place is waiting" in requests


def test_a_manager_without_a_unit_is_told_why_the_dashboard_is_empty(client, world):
    manager = UserFactory(email="new-manager@example.org", roles=[roles.MANAGERS])

    panels = _panels(client, manager)

    assert "You do not manage any unit yet" in panels["No unit yet"]
    assert "Your units at a glance" not in panels


def test_trainers_get_no_manager_panels(client, world):
    trainer = UserFactory(email="trainer-d@example.org", roles=[roles.TRAINERS])

    panels = _panels(client, trainer)

    assert not {"Enrolment requests waiting for a decision", "Your units at a glance"} & set(panels)
    assert "No unit yet" not in panels


def _more_people(world, course, start: int, stop: int) -> None:
    """More people at the airport, each overdue in X and asking for a place."""
    for i in range(start, stop):
        learner = UserFactory(email=f"more{i}@example.org", full_name=f"More {i}")
        user_place_in_unit(user=learner, unit=world.airport)
        enrol(learner, world.course_x, due_in_days=-2)
        enrollment_request_create(user=learner, course=course, message="")


@pytest.mark.parametrize(("who", "overdue"), [("manager_a", 2), ("admin", 3)])
def test_the_dashboard_runs_the_same_queries_with_2_or_20_people(
    client, world, course, who, overdue
):
    client.force_login(getattr(world, who))
    _more_people(world, course, 0, 2)
    client.get(DASHBOARD)  # warm up (Wagtail's per-process caches)

    with_2, _response = count_queries(lambda: client.get(DASHBOARD))
    _more_people(world, course, 2, 20)
    with_20, response = count_queries(lambda: client.get(DASHBOARD))

    assert f"{overdue + 20} people overdue" in response.content.decode()
    assert "20 requests for a place are waiting" in response.content.decode()
    assert with_2 == with_20
