"""Figures when people move between units (issue 14, "Reports"), hand-computed from the
history of conftest.py.

The rule (docs/reports.md, "People who move"): an enrolment counts in the unit its holder
belongs to now, except one completed before the holder left a unit, which stays in that
unit's figures. So the old unit keeps the completions made while the person was in it; the
new unit counts the open enrolments the person brings and everything completed from then on.

Alice (Airport Unit) completed Course X (best final score 100 %, certificate) and has Course
Y open (not started, overdue). She moves to the Integration Directorate (Ministry of
Labour), then completes Course Y there and gets its certificate.
"""

import pytest
from django.urls import reverse

from accounts.services import (
    membership_request_create,
    membership_request_decide,
    users_move_to_organisation,
)
from courses.models import Enrollment
from reports.services.summary_snapshots import summary_snapshot_take
from tests.factories.reports import by_first_cell, complete_course, issue_certificate, screen_table

pytestmark = pytest.mark.django_db

# Enrolled, not started, in progress, completed, overdue, rate, mean score, certificates.
BEFORE = {
    "Border Police": ["6", "2", "2", "2", "2", "33.3", "75", "2"],
    "Airport Unit": ["3", "1", "1", "1", "1", "33.3", "100", "1"],
    "Land Border Unit": ["3", "1", "1", "1", "1", "33.3", "50", "1"],
    "Ministry of Labour": ["2", "0", "1", "1", "1", "50", "75", "0"],
}
# Alice's open Course Y leaves with her; her Course X completion stays in the Airport Unit.
AFTER_MOVE = {
    "Border Police": ["5", "1", "2", "2", "1", "40", "75", "2"],
    "Airport Unit": ["2", "0", "1", "1", "0", "50", "100", "1"],
    "Land Border Unit": ["3", "1", "1", "1", "1", "33.3", "50", "1"],
    "Ministry of Labour": ["3", "1", "1", "1", "2", "33.3", "75", "0"],
    "Integration Directorate": ["3", "1", "1", "1", "2", "33.3", "75", "0"],
}
# Course Y completed in her new unit counts there only.
AFTER_COMPLETION = {
    **AFTER_MOVE,
    "Ministry of Labour": ["3", "0", "1", "2", "1", "66.7", "75", "1"],
    "Integration Directorate": ["3", "0", "1", "2", "1", "66.7", "75", "1"],
}


@pytest.fixture(params=["computed", "snapshot"])
def figures_from(request, monkeypatch):
    """Read the figures live, or from a snapshot taken just before (the test calls it)."""
    if request.param == "computed":
        return lambda: None

    def take():
        summary_snapshot_take()
        monkeypatch.setattr("reports.selectors.summaries._figures", _refuse)

    return take


def _refuse(*args, **kwargs):
    raise AssertionError("figures computed instead of read from the snapshot")


def unit_rows(client, user) -> dict[str, list[str]]:
    client.force_login(user)
    response = client.get(reverse("reports_unit_completion"))
    assert response.status_code == 200
    return {name: row[1:] for name, row in by_first_cell(screen_table(response)[1]).items()}


def course_rows(client, user) -> dict[str, list[str]]:
    client.force_login(user)
    response = client.get(reverse("reports_course_completion"))
    return {name: row[2:] for name, row in by_first_cell(screen_table(response)[1]).items()}


@pytest.fixture(params=["request approved", "moved by an administrator"])
def move_alice(request, world):
    """Alice asks to join the Integration Directorate and its ministry's manager approves,
    or an administrator moves her there from the organisation screen."""

    def move(world):
        if request.param == "request approved":
            asked = membership_request_create(user=world.alice, unit=world.integration)
            membership_request_decide(
                membership_request=asked, decider=world.manager_b, approve=True
            )
        else:
            users_move_to_organisation(
                users=[world.alice], organisation=world.integration, actor=world.admin
            )

    return move


def test_the_old_unit_keeps_the_completions_made_before_the_move(
    client, world, figures_from, move_alice
):
    border, labour = unit_rows(client, world.manager_a), unit_rows(client, world.manager_b)
    assert {**border, **labour} == {
        **BEFORE,
        "Integration Directorate": BEFORE["Ministry of Labour"],
    }

    move_alice(world)
    figures_from()

    border, labour = unit_rows(client, world.manager_a), unit_rows(client, world.manager_b)
    assert border == {name: AFTER_MOVE[name] for name in border}
    assert list(border) == ["Border Police", "Airport Unit", "Land Border Unit"]
    assert labour == {
        name: AFTER_MOVE[name] for name in ("Ministry of Labour", "Integration Directorate")
    }


def test_the_new_unit_counts_only_what_follows_the_move(client, world, figures_from, move_alice):
    move_alice(world)
    issue_certificate(complete_course(world.alice, world.course_y))
    figures_from()

    border, labour = unit_rows(client, world.manager_a), unit_rows(client, world.manager_b)

    assert border == {name: AFTER_COMPLETION[name] for name in border}
    assert labour == {
        name: AFTER_COMPLETION[name] for name in ("Ministry of Labour", "Integration Directorate")
    }


def test_completion_by_course_follows_the_same_rule(client, world, figures_from, move_alice):
    move_alice(world)
    figures_from()

    border, labour = course_rows(client, world.manager_a), course_rows(client, world.manager_b)

    # Border Police keeps Alice's Course X (completed, 100 %) and loses her open Course Y.
    assert border["Course X"] == ["4", "1", "2", "1", "1", "25", "75", "1"]
    assert border["Course Y"] == ["1", "0", "0", "1", "0", "100", "—", "1"]
    # Labour gains her open Course Y only (Erin's Y is in progress and overdue).
    assert labour["Course X"] == ["1", "0", "0", "1", "0", "100", "75", "0"]
    assert labour["Course Y"] == ["2", "1", "1", "0", "2", "0", "—", "0"]


def test_the_old_units_learner_rows_keep_her_completed_course_only(client, world, move_alice):
    move_alice(world)

    client.force_login(world.manager_a)
    _, rows = screen_table(client.get(reverse("reports_learner_progress")))
    alice = [row for row in rows if row[0].startswith("Alice Airport")]
    client.force_login(world.manager_b)
    _, labour_rows = screen_table(client.get(reverse("reports_learner_progress")))
    alice_now = [row for row in labour_rows if row[0].startswith("Alice Airport")]

    assert [("Course X" in " ".join(row), "Airport Unit" in row) for row in alice] == [(True, True)]
    assert [
        ("Course Y" in " ".join(row), "Integration Directorate" in row) for row in alice_now
    ] == [(True, True)]


def test_a_move_marks_only_completed_enrolments_as_kept(world, move_alice):
    move_alice(world)

    kept = dict(
        Enrollment.objects.filter(user=world.alice).values_list("course__title", "reported_unit")
    )
    assert kept == {"Course X": world.airport.pk, "Course Y": None}
