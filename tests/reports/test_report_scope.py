"""The scope matrix: the Border Police manager never sees the Ministry of Labour (Erin) in
any report, export, drill-down or transcript, whatever the query string says; learners and
trainers see no reports at all."""

import pytest
from django.urls import reverse

from accounts import roles
from tests.factories.accounts import UserFactory
from tests.factories.reports import csv_rows, screen_table, xlsx_rows

pytestmark = pytest.mark.django_db

REPORTS = [
    "reports_course_completion",
    "reports_unit_completion",
    "reports_learner_progress",
    "reports_overdue",
]
ENROLMENT_REPORTS = ["reports_learner_progress", "reports_overdue"]


def _erin_traces(world) -> list[str]:
    return [world.erin.email, world.erin.full_name, world.integration.name, world.labour.name]


def _assert_no_trace(content: str, world):
    for trace in _erin_traces(world):
        assert trace not in content


@pytest.mark.parametrize("name", REPORTS)
def test_manager_sees_only_their_subtree(client, world, name):
    client.force_login(world.manager_a)

    response = client.get(reverse(name))

    assert response.status_code == 200
    html = response.content.decode()
    _assert_no_trace(html, world)
    if name in ENROLMENT_REPORTS:
        assert world.alice.full_name in html


@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("param", ["unit", "cohort"])
def test_crafted_unit_or_cohort_from_elsewhere_is_refused(client, world, name, param):
    other = {"unit": world.integration.pk, "cohort": world.cohort_b.pk}[param]
    client.force_login(world.manager_a)

    response = client.get(reverse(name), {param: other})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Some filters are not valid" in html
    assert screen_table(response)[1] == []
    _assert_no_trace(html, world)


@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_crafted_export_is_refused_with_a_message(client, world, name, export):
    client.force_login(world.manager_a)

    response = client.get(reverse(name), {"unit": world.labour.pk, "export": export})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Correct the filters before downloading the report." in html
    _assert_no_trace(html, world)


@pytest.mark.parametrize("name", REPORTS)
def test_exports_keep_to_the_scope(client, world, name):
    client.force_login(world.manager_a)

    csv_text = "\n".join(
        ",".join(row) for row in csv_rows(client.get(reverse(name), {"export": "csv"}))
    )
    xlsx = client.get(reverse(name), {"export": "xlsx"})
    xlsx_text = "\n".join(str(row) for row in xlsx_rows(xlsx.content))

    _assert_no_trace(csv_text, world)
    _assert_no_trace(xlsx_text, world)


def test_a_course_filter_does_not_widen_the_scope(client, world):
    client.force_login(world.manager_a)

    response = client.get(reverse("reports_learner_progress"), {"course": world.course_x.pk})

    names = {row[0] for row in screen_table(response)[1]}
    assert names == {"Alice Airport", "Bob Airport", "Carol Land", "Dan Land"}


def test_transcript_outside_the_scope_is_not_found(client, world):
    client.force_login(world.manager_a)

    assert client.get(reverse("reports_transcript", args=[world.erin.pk])).status_code == 404
    assert client.get(reverse("reports_transcript", args=[world.alice.pk])).status_code == 200
    assert client.get(reverse("reports_transcript", args=[999_999])).status_code == 404


def test_the_other_manager_sees_the_other_side(client, world):
    client.force_login(world.manager_b)

    response = client.get(reverse("reports_learner_progress"))

    assert {row[0] for row in screen_table(response)[1]} == {"Erin Integration"}
    assert client.get(reverse("reports_transcript", args=[world.alice.pk])).status_code == 404
    assert client.get(reverse("reports_transcript", args=[world.erin.pk])).status_code == 200


def test_a_manager_of_no_unit_sees_empty_reports(client, world):
    client.force_login(UserFactory(roles=[roles.MANAGERS]))

    for name in ("reports_unit_completion", "reports_learner_progress", "reports_overdue"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert screen_table(response)[1] == [], name
    _, course_rows = screen_table(client.get(reverse("reports_course_completion")))
    assert {row[0] for row in course_rows} == {"Course X", "Course Y"}
    assert all(row[2] == "0" for row in course_rows), "courses are listed, nobody in them"


@pytest.mark.parametrize("role", [roles.LEARNERS, roles.TRAINERS, roles.LEAD_TRAINERS])
def test_people_without_the_manager_role_are_refused(client, world, role):
    user = UserFactory(roles=[role])
    client.force_login(user)

    for name in REPORTS:
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert "Alice" not in response.content.decode()
    for export in ("csv", "xlsx"):
        response = client.get(reverse("reports_learner_progress"), {"export": export})
        assert response.status_code == 302
    response = client.get(reverse("reports_transcript", args=[world.alice.pk]))
    assert response.status_code == 302


@pytest.mark.parametrize("role", [roles.TRAINERS, roles.LEAD_TRAINERS])
def test_the_reports_menu_items_are_absent_without_the_manager_role(client, world, role):
    client.force_login(UserFactory(roles=[role]))

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Completion by course" not in html
    assert "Learner progress" not in html
    assert "Compliance with required courses" not in html
    assert "Required courses" not in html


def test_the_reports_menu_lists_the_reports_for_managers(client, world):
    client.force_login(world.manager_a)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    for label in (
        "Completion by course",
        "Completion by unit",
        "Learner progress",
        "Overdue assignments",
        "Compliance with required courses",
        "Required courses",
    ):
        assert label in html
    assert reverse("reports_course_completion") in html
