"""Report figures against the hand-computed history of conftest.py. Every number here can
be recounted from the docstring there: current enrolments only (Dan's first cycle is
history), revoked certificates not counted, best final score per enrolment."""

import pytest
from django.urls import reverse

from reports.services.summary_snapshots import summary_snapshot_take
from tests.factories.reports import by_first_cell, screen_table

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["computed", "snapshot"])
def figures_from(request, world, monkeypatch):
    """Summary figures computed from the rows, or read from a summary snapshot taken after
    the history: then computing them fails the test, so the snapshot is what answered."""
    if request.param == "snapshot":
        summary_snapshot_take()

        def refuse(*args, **kwargs):
            raise AssertionError("figures computed instead of read from the snapshot")

        monkeypatch.setattr("reports.selectors.summaries._figures", refuse)
    return request.param


COURSE_HEADINGS = [
    "Course",
    "Topic",
    "Enrolled",
    "Not started",
    "In progress",
    "Completed",
    "Overdue",
    "Completion rate (%)",
    "Mean final-assessment score (%)",
    "Certificates issued",
]


def _get(client, user, name, query=""):
    client.force_login(user)
    response = client.get(reverse(name) + query)
    assert response.status_code == 200
    return response


def test_completion_by_course_for_the_border_police_manager(client, world, figures_from):
    headings, rows = screen_table(_get(client, world.manager_a, "reports_course_completion"))

    assert headings == COURSE_HEADINGS
    rows = by_first_cell(rows)
    x_topic, y_topic = world.course_x.topic.name, world.course_y.topic.name
    assert rows["Course X"] == ["Course X", x_topic, "4", "1", "2", "1", "1", "25", "75", "1"]
    assert rows["Course Y"] == ["Course Y", y_topic, "2", "1", "0", "1", "1", "50", "—", "1"]


def test_completion_by_course_for_an_administrator_counts_everyone(client, world, figures_from):
    _, rows = screen_table(_get(client, world.admin, "reports_course_completion"))

    rows = by_first_cell(rows)
    # Erin adds a completion (75 %) with a revoked certificate, and an overdue Y.
    assert rows["Course X"][2:] == ["5", "1", "2", "2", "1", "40", "75", "1"]
    assert rows["Course Y"][2:] == ["3", "1", "1", "1", "2", "33.3", "—", "1"]


def test_completion_by_unit_rolls_up_each_subtree(client, world, figures_from):
    headings, rows = screen_table(_get(client, world.manager_a, "reports_unit_completion"))

    assert headings == ["Unit"] + COURSE_HEADINGS[2:]
    assert [row[0] for row in rows] == ["Border Police", "Airport Unit", "Land Border Unit"]
    rows = by_first_cell(rows)
    assert rows["Border Police"][1:] == ["6", "2", "2", "2", "2", "33.3", "75", "2"]
    assert rows["Airport Unit"][1:] == ["3", "1", "1", "1", "1", "33.3", "100", "1"]
    assert rows["Land Border Unit"][1:] == ["3", "1", "1", "1", "1", "33.3", "50", "1"]


def test_completion_by_unit_for_an_administrator_covers_both_ministries(
    client, world, figures_from
):
    _, rows = screen_table(_get(client, world.admin, "reports_unit_completion"))

    rows = by_first_cell(rows)
    assert rows["Ministry of Interior"][1:] == rows["Border Police"][1:]
    assert rows["Ministry of Labour"][1:] == ["2", "0", "1", "1", "1", "50", "75", "0"]
    assert rows["Integration Directorate"][1:] == rows["Ministry of Labour"][1:]


def test_learner_progress_rows(client, world):
    headings, rows = screen_table(_get(client, world.manager_a, "reports_learner_progress"))

    assert headings == [
        "Learner",
        "E-mail",
        "Unit",
        "Course",
        "Status",
        "Progress (%)",
        "Enrolled on",
        "Due on",
        "Completed on",
        "Overdue",
        "Best final-assessment score (%)",
        "Certificate",
    ]
    summary = [(r[0], r[3], r[4], r[5], r[9], r[10]) for r in rows]
    assert summary == [
        ("Alice Airport", "Course X", "Completed", "100", "—", "100"),
        ("Alice Airport", "Course Y", "Not started", "0", "Yes", "—"),
        ("Bob Airport", "Course X", "In progress", "20", "—", "—"),
        ("Carol Land", "Course X", "Not started", "0", "Yes", "—"),
        ("Carol Land", "Course Y", "Completed", "100", "—", "—"),
        ("Dan Land", "Course X", "In progress", "40", "—", "50"),
    ]
    alice_x = rows[0]
    assert alice_x[11] == world.alice.certificates.get().code
    assert rows[5][11] == "—", "Dan's certificate belongs to his earlier cycle"


def test_revoked_certificates_say_so(client, world):
    _, rows = screen_table(_get(client, world.manager_b, "reports_learner_progress"))

    erin_x = by_first_cell([r[3:] + r[:3] for r in rows])["Course X"]
    assert erin_x[8].endswith("(revoked)")


def test_overdue_assignments_longest_overdue_first(client, world):
    headings, rows = screen_table(_get(client, world.admin, "reports_overdue"))

    assert headings == [
        "Learner",
        "E-mail",
        "Unit",
        "Course",
        "Due on",
        "Days overdue",
        "Progress (%)",
        "Assigned by",
    ]
    assert [(r[0], r[3], r[5], r[6]) for r in rows] == [
        ("Alice Airport", "Course Y", "5", "0"),
        ("Carol Land", "Course X", "3", "0"),
        ("Erin Integration", "Course Y", "1", "50"),
    ]


def test_transcript_shows_every_cycle_attempt_and_certificate(client, world):
    client.force_login(world.manager_a)
    response = client.get(reverse("reports_transcript", args=[world.dan.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dan Land" in html and "Land Border Unit" in html
    assert html.count("Final assessment X (final assessment)") == 2
    assert "75.00" in html and "50.00" in html
    assert "(earlier cycle)" in html
    assert world.dan.certificates.get().code in html
    assert ">40 <" in html  # cycle 2: 2 of 5 steps


def test_completions_chart_has_a_table_with_the_same_figures(client, world, figures_from):
    response = _get(client, world.manager_a, "reports_course_completion")

    html = response.content.decode()
    assert '<svg viewBox="0 0 560 240"' in html and 'role="img"' in html
    assert "<script" not in html.split("waypoint-chart", 1)[1].split("</figure>", 1)[0]
    from bs4 import BeautifulSoup

    table = BeautifulSoup(html, "html.parser").select_one("table.waypoint-chart__table")
    cells = [td.get_text(strip=True) for td in table.select("tbody td")]
    assert len(cells) == 12
    assert cells[-1] == "2", "Alice's X and Carol's Y were completed this month"
    assert sum(int(c) for c in cells) == 2


def test_unit_rates_chart_lists_each_unit_on_the_page(client, world, figures_from):
    response = _get(client, world.manager_a, "reports_unit_completion")

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("table.waypoint-chart__table")
    assert [th.get_text(strip=True) for th in table.select("tbody th")] == [
        "Border Police",
        "Airport Unit",
        "Land Border Unit",
    ]
    assert [td.get_text(strip=True) for td in table.select("tbody td")] == ["33 %"] * 3
    assert len(soup.select("figure.waypoint-chart svg rect")) == 3
