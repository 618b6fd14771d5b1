"""A large assignments file imports in a background job rather than in the web request
that confirms it: the manager is told it is running and finds its outcome on the import
page; the job is safe to run twice and keeps the all-or-nothing rule. (The threshold is
lowered here so that a few rows stand for thousands.)"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Enrollment
from enrolments import selectors, tasks
from tests.enrolments.test_assignment_views import IMPORT, _upload
from tests.factories.assignments import csv_bytes, make_manager, make_staff, make_tree
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + timedelta(days=30)


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def manager(tree):
    return make_manager(tree.police, email="manager@example.org")


@pytest.fixture
def course(db):
    return make_course(modules=1, lessons=1, title="Border basics")


@pytest.fixture(autouse=True)
def _two_rows_is_large(monkeypatch):
    monkeypatch.setattr(selectors, "BACKGROUND_ROWS", 2)


@pytest.fixture
def previewed(client, tree, manager, course):
    """A previewed file of three officers: "large"."""
    for number in range(3):
        make_staff(tree.airport, email=f"officer{number}@example.org")
    rows = [[f"officer{number}@example.org", "", "", "", ""] for number in range(3)]
    client.force_login(manager)
    page = client.post(IMPORT, _upload(csv_bytes(rows), course=course.pk, due_date=DUE.isoformat()))
    assert "it will be imported in the background" in _text(page)
    return page.context["preview"].token


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_large_file_imports_in_the_background_and_the_page_shows_the_outcome(
    client, previewed, course
):
    done = client.post(IMPORT, {"token": previewed}, follow=True)  # the job runs eagerly here

    assert done.redirect_chain[-1][0] == f"{IMPORT}?job={previewed}"
    assert "The import is done" in _text(done)
    assert "Imported: 3 enrolled, 0 due dates set, 0 already completed" in _text(done)
    assert Enrollment.objects.filter(course=course).count() == 3


def test_while_the_job_runs_the_page_says_so_and_a_second_run_changes_nothing(
    client, previewed, manager, course, monkeypatch
):
    monkeypatch.setattr(tasks.import_assignment_csv, "delay", lambda *args: None)  # queued

    running = client.post(IMPORT, {"token": previewed}, follow=True)

    assert "The import is running" in _text(running)
    assert "reload it in a minute" in _text(running)
    assert not Enrollment.objects.exists()
    assert tasks.import_assignment_csv(manager.pk, previewed) == "done"
    assert tasks.import_assignment_csv(manager.pk, previewed) == "done"
    assert Enrollment.objects.filter(course=course).count() == 3
    assert "Imported: 3 enrolled" in _text(client.get(IMPORT, {"job": previewed}))


def test_a_file_that_no_longer_passes_imports_nothing_and_the_page_says_why(
    client, previewed, manager, course, monkeypatch
):
    monkeypatch.setattr(tasks.import_assignment_csv, "delay", lambda *args: None)
    client.post(IMPORT, {"token": previewed})
    course.unpublish()  # after the preview, before the job

    assert "The import is running" in _text(client.get(IMPORT, {"job": previewed}))

    assert tasks.import_assignment_csv(manager.pk, previewed) == "failed"
    text = _text(client.get(IMPORT, {"job": previewed}))
    assert "The import failed; nothing was imported" in text
    assert "is not published" in text
    assert not Enrollment.objects.exists()


def test_another_manager_sees_nothing_of_the_job(client, tree, previewed):
    client.post(IMPORT, {"token": previewed})
    client.force_login(make_manager(tree.police, email="other.manager@example.org"))

    text = _text(client.get(IMPORT, {"job": previewed}))

    assert "The import" not in text
    assert "enrolled" not in text


def test_a_small_file_still_imports_at_once(client, tree, manager, course):
    make_staff(tree.airport, email="officer@example.org")
    client.force_login(manager)
    page = client.post(
        IMPORT,
        _upload(csv_bytes([["officer@example.org", "", "", "", ""]]), course=course.pk,
                due_date=DUE.isoformat()),
    )  # fmt: skip
    assert "in the background" not in _text(page)

    done = client.post(IMPORT, {"token": page.context["preview"].token}, follow=True)

    assert done.redirect_chain[-1][0] == IMPORT
    assert "Imported: 1 enrolled" in _text(done)
