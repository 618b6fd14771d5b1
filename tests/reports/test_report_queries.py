"""Every report page runs a fixed number of queries whatever the number of rows: warm up,
count, add learners, enrolments, progress, attempts and certificates, count again."""

import pytest
from django.urls import reverse

from accounts.services import user_place_in_unit
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course
from tests.factories.reports import (
    complete_course,
    do_lessons,
    enrol,
    issue_certificate,
    take_final,
)
from tests.query_counts import count_queries

PAGES = [
    ("reports_course_completion", {}),
    ("reports_unit_completion", {}),
    ("reports_learner_progress", {}),
    ("reports_overdue", {}),
    ("reports_course_completion", {"unit": "airport", "cohort": "cohort_a"}),
    ("reports_learner_progress", {"status": "in_progress", "course": "course_x"}),
]


def _more_rows(world, monkeypatch, n=4):
    monkeypatch.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF")
    extra_course = make_course(title="Course Z", modules=1, lessons=1)
    for i in range(n):
        learner = UserFactory(email=f"extra{i}@example.org", full_name=f"Extra {i}")
        user_place_in_unit(user=learner, unit=world.airport)
        enrol(learner, world.course_x, due_in_days=-2)
        do_lessons(learner, world.course_x, 2)
        take_final(learner, world.quiz, right=1)
        enrol(learner, world.course_y)
        issue_certificate(complete_course(learner, world.course_y))
        enrol(learner, extra_course)


def _resolve(world, params):
    values = {
        "airport": world.airport.pk,
        "cohort_a": world.cohort_a.pk,
        "course_x": world.course_x.pk,
    }
    return {key: values.get(value, value) for key, value in params.items()}


def _count(client, url, params):
    client.get(url, params)  # warm up: sessions, site root paths, permission caches
    queries, response = count_queries(lambda: client.get(url, params))
    assert response.status_code == 200
    return queries


@pytest.mark.parametrize("name, params", PAGES)
def test_report_pages_run_the_same_queries_with_more_rows(client, world, monkeypatch, name, params):
    client.force_login(world.manager_a)
    url, params = reverse(name), _resolve(world, params)
    few = _count(client, url, params)

    _more_rows(world, monkeypatch)
    many = _count(client, url, params)

    assert few == many, f"{few} queries with few rows, {many} with more"
    assert few <= 30


def test_transcript_runs_the_same_queries_with_a_longer_record(client, world, monkeypatch):
    client.force_login(world.manager_a)
    url = reverse("reports_transcript", args=[world.bob.pk])
    few = _count(client, url, {})

    monkeypatch.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF")
    issue_certificate(complete_course(world.bob, world.course_x, quiz=world.quiz, right=4))
    enrol(world.bob, world.course_y)
    do_lessons(world.bob, world.course_y, 1)
    many = _count(client, url, {})

    assert few == many


@pytest.mark.parametrize("name", ["reports_learner_progress", "reports_overdue"])
def test_csv_export_runs_the_same_queries_with_more_rows(client, world, monkeypatch, name):
    client.force_login(world.manager_a)
    url = reverse(name)

    def export():
        return b"".join(client.get(url, {"export": "csv"}).streaming_content)

    export()
    few, _ = count_queries(export)
    _more_rows(world, monkeypatch)
    many, content = count_queries(export)

    assert few == many
    assert content.count(b"Extra ") >= 4
