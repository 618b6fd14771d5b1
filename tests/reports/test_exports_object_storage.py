"""A report export built in the background lives in the private bucket of the object store
(moto, issue 19): built, offered and downloaded by the manager who asked, refused to
another manager, never readable by its bucket address, and removed a day later."""

import time

import pytest
from django.urls import reverse

from reports import exports
from reports.services import exports as export_files
from tests.factories.reports import xlsx_table
from tests.object_storage import anonymous_get, object_url


@pytest.fixture
def small_inline_limit(monkeypatch):
    monkeypatch.setattr(exports, "XLSX_INLINE_LIMIT", 3)


def test_a_background_export_is_kept_in_the_private_bucket(
    client, world, object_storage, small_inline_limit
):
    store = object_storage
    client.force_login(world.manager_a)
    url = reverse("reports_learner_progress")

    client.post(url + "?export=xlsx")  # built by the job (eagerly here)
    download = client.get(url, {"export": "xlsx", "download": "1"})

    name = export_files.export_name(user_id=world.manager_a.pk, report="learners", query="")
    assert name in store.keys(store.private_bucket)
    assert store.keys(store.bucket) == []
    table = xlsx_table(b"".join(download.streaming_content))
    assert len(table) == 7
    assert xlsx_table(store.read(store.private_bucket, name)) == table
    assert anonymous_get(object_url(store, store.private_bucket, name))[0] == 403

    client.force_login(world.manager_b)
    other = client.get(url, {"export": "xlsx", "download": "1"})
    assert not getattr(other, "streaming", False), "another manager got the file"

    assert export_files.exports_remove_old(now=time.time() + export_files.EXPORTS_KEPT_FOR + 60)
    assert name not in store.keys(store.private_bucket)
