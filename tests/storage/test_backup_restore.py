"""Backups restored (issue 19): learners' progress and issued certificates, with their
PDFs in the object store (moto), are backed up by ``scripts/backup`` and restored by
``scripts/restore`` into an EMPTY database and EMPTY buckets; on the restored site every
certificate still verifies, every PDF matches its hash and progress is intact.

PostgreSQL in CI (pg_dump / pg_restore; under WAYPOINT_REQUIRE_SERVICES anything else
fails); on a machine without it the same test runs the SQLite path of the same scripts."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from config.backup import BackupError, backup_check
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz
from tests.factories.courses import make_course
from tests.factories.reports import complete_course, do_lessons, enrol
from tests.object_storage import ObjectStore
from tests.storage.restored_check import snapshot

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _engine_or_fail():
    if connection.vendor != "postgresql" and os.environ.get("WAYPOINT_REQUIRE_SERVICES"):
        pytest.fail("needs PostgreSQL (DATABASE_URL=postgres://...)")
    return connection.vendor


def _learners_with_certificates():
    course = make_course(modules=1, lessons=2, title="Integrated Border Management")
    quiz = make_quiz(course=course, count=3, title="Final assessment")
    for number in range(2):
        learner = UserFactory(email=f"graduate{number}@example.org", full_name=f"Graduate {number}")
        enrol(learner, course)
        complete_course(learner, course, quiz=quiz, right=3)  # the certificate follows
    halfway = UserFactory(email="halfway@example.org")
    enrol(halfway, course)
    do_lessons(halfway, course, 1)


def _pg_url(name: str) -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


class EmptySite:
    """A new, empty database and new, empty buckets in the same moto server."""

    def __init__(self, store: ObjectStore, tmp_path: Path, vendor: str):
        suffix = uuid.uuid4().hex[:10]
        self.store = ObjectStore(
            store.endpoint, f"restored-media-{suffix}", f"restored-private-{suffix}", store.client
        )
        for bucket in (self.store.bucket, self.store.private_bucket):
            store.client.create_bucket(Bucket=bucket)
        self.vendor = vendor
        if vendor == "postgresql":
            self.name = f"{connection.settings_dict['NAME']}_restored_{suffix}"
            self._admin(f'CREATE DATABASE "{self.name}"')
            self.url = _pg_url(self.name)
        else:
            self.url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"

    def _admin(self, sql: str):
        with psycopg.connect(_pg_url("postgres"), autocommit=True) as admin:
            admin.execute(sql)

    def drop(self):
        if self.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def run(self, *command: str) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            **self.store.environ(),
            "DATABASE_URL": self.url,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PYTHON": sys.executable,
        }
        return subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
        )


@pytest.fixture
def empty_site(object_storage, tmp_path):
    site = EmptySite(object_storage, tmp_path, _engine_or_fail())
    yield site
    site.drop()


def test_a_backup_restores_into_an_empty_site_with_certificates_and_progress_intact(
    object_storage, empty_site, tmp_path, settings
):
    _learners_with_certificates()
    before = snapshot()
    assert len(before["certificates"]) == 2 and len(before["attempts"]) == 2
    assert len(before["steps"]) == 2 * 3 + 1  # two lessons and the quiz each, one lesson

    backup = subprocess.run(
        [str(ROOT / "scripts/backup"), str(tmp_path / "backups")],
        env={
            **os.environ,
            **object_storage.environ(),
            "DATABASE_URL": _pg_url(connection.settings_dict["NAME"])
            if connection.vendor == "postgresql"
            else f"sqlite:///{connection.settings_dict['NAME']}",
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PYTHON": sys.executable,
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert backup.returncode == 0, backup.stderr
    (folder,) = (tmp_path / "backups").iterdir()
    manifest = backup_check(source=folder)
    pdfs = {item["key"] for item in manifest["files"]["objects"]}
    assert pdfs == set(object_storage.keys(object_storage.private_bucket)) and len(pdfs) == 2
    assert manifest["missing"] == []

    restore = empty_site.run(str(ROOT / "scripts/restore"), str(folder))
    assert restore.returncode == 0, restore.stderr
    assert "2 certificate PDFs matching their hashes" in restore.stdout
    assert sorted(empty_site.store.keys(empty_site.store.private_bucket)) == sorted(pdfs)

    check = empty_site.run(sys.executable, "-m", "tests.storage.restored_check")
    assert check.returncode == 0, check.stderr
    after = json.loads(check.stdout)
    assert after == before
    assert all(
        c == {**c, "http": 200, "status": "valid", "pdf_matches": True}
        for c in after["certificates"].values()
    )

    again = empty_site.run(str(ROOT / "scripts/restore"), str(folder))
    assert again.returncode == 1 and "not empty" in again.stderr

    tampered = tmp_path / "tampered"
    shutil.copytree(folder, tampered)
    (tampered / "files" / sorted(pdfs)[0]).write_bytes(b"%PDF-1.7 forged")
    with pytest.raises(BackupError, match="does not match its checksum"):
        backup_check(source=tampered)
