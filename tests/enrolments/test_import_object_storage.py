"""An assignments file kept between its steps in the private bucket of the object store
(moto, issue 19): previewed, imported in the background with its outcome shown, spent,
and never readable by its bucket address."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Enrollment
from enrolments import selectors
from tests.enrolments.test_assignment_views import IMPORT, _upload
from tests.factories.assignments import csv_bytes, make_manager, make_staff, make_tree
from tests.factories.courses import make_course
from tests.object_storage import anonymous_get, object_url

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + timedelta(days=30)


def test_an_import_file_lives_in_the_private_bucket(
    object_storage, client, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(selectors, "BACKGROUND_ROWS", 2)  # the job path, with its outcome
    tree = make_tree()
    for number in range(3):
        make_staff(tree.airport, email=f"officer{number}@example.org")
    manager = make_manager(tree.police)
    course = make_course(modules=1, lessons=1, title="Border basics")
    data = csv_bytes([[f"officer{n}@example.org", "", DUE.isoformat(), "", ""] for n in range(3)])
    store = object_storage
    client.force_login(manager)

    page = client.post(IMPORT, _upload(data, course=course.pk, due_date=DUE.isoformat()))
    token = page.context["preview"].token
    kept = f"imports/{token}.csv"
    assert kept in store.keys(store.private_bucket)
    assert store.read(store.private_bucket, kept) == data
    assert anonymous_get(object_url(store, store.private_bucket, kept))[0] == 403

    with django_capture_on_commit_callbacks(execute=True):  # the spent file goes on commit
        done = client.post(IMPORT, {"token": token}, follow=True)

    text = re.sub(r"\s+", " ", done.content.decode())
    assert "Imported: 3 enrolled, 0 due dates set, 0 already completed" in text
    assert Enrollment.objects.filter(course=course).count() == 3
    assert kept not in store.keys(store.private_bucket)
    assert store.keys(store.bucket) == []
