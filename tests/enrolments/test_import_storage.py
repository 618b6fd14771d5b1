"""An assignments file goes through the storage API only (issue 13): with a storage that is
no local directory, a file is previewed, imported (in the request and in the background job,
whose outcome the import page shows), refused once spent, and nothing is written to or read
from MEDIA_ROOT."""

import re
from datetime import timedelta

import pytest
from django.core.files.storage import storages
from django.utils import timezone

from courses.models import Enrollment
from enrolments import selectors
from enrolments.services.assignments import AssignmentError
from enrolments.services.imports import assignment_import_csv_apply, assignment_import_csv_preview
from tests.enrolments.test_assignment_views import IMPORT, _upload
from tests.factories.assignments import csv_bytes, make_manager, make_staff, make_tree
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + timedelta(days=30)


@pytest.fixture
def storage_in_memory(settings, tmp_path):
    """Files kept in memory, and MEDIA_ROOT a directory that does not exist: anything
    that wrote there would create it, anything that read from it would fail."""
    media_root = tmp_path / "media-that-is-never-created"
    settings.MEDIA_ROOT = str(media_root)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    yield media_root
    assert not media_root.exists()


@pytest.fixture
def world(db):
    tree = make_tree()
    for number in range(3):
        make_staff(tree.airport, email=f"officer{number}@example.org")
    return make_manager(tree.police), make_course(modules=1, lessons=1, title="Border basics")


def _file():
    return csv_bytes([[f"officer{n}@example.org", "", DUE.isoformat(), "", ""] for n in range(3)])


def test_a_file_is_kept_imported_and_spent_in_the_storage(storage_in_memory, world):
    manager, course = world
    preview = assignment_import_csv_preview(manager=manager, file=_file(), default_course=course)
    assert preview.is_valid, preview.error_rows[:3] or preview.file_errors
    assert storages["private"].exists(f"imports/{preview.token}.csv")

    result = assignment_import_csv_apply(manager=manager, token=preview.token)

    assert result.enrolled == 3
    assert Enrollment.objects.filter(course=course).count() == 3


def test_a_spent_file_is_refused(storage_in_memory, world, django_capture_on_commit_callbacks):
    manager, course = world
    preview = assignment_import_csv_preview(manager=manager, file=_file(), default_course=course)
    with django_capture_on_commit_callbacks(execute=True):
        assignment_import_csv_apply(manager=manager, token=preview.token)

    assert not storages["private"].exists(f"imports/{preview.token}.csv")
    with pytest.raises(AssignmentError, match="expired or was already done"):
        assignment_import_csv_apply(manager=manager, token=preview.token)


def test_a_background_import_and_its_outcome_live_in_the_storage(
    storage_in_memory, world, client, monkeypatch
):
    monkeypatch.setattr(selectors, "BACKGROUND_ROWS", 2)
    manager, course = world
    client.force_login(manager)
    page = client.post(IMPORT, _upload(_file(), course=course.pk, due_date=DUE.isoformat()))
    token = page.context["preview"].token

    done = client.post(IMPORT, {"token": token}, follow=True)  # the job runs eagerly here

    text = re.sub(r"\s+", " ", done.content.decode())
    assert "Imported: 3 enrolled, 0 due dates set, 0 already completed" in text
    assert Enrollment.objects.filter(course=course).count() == 3
