import os

import pytest
from django.conf import settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from tests.factories.accounts import UserFactory

# make test runs the suite in two processes, handing out whole files in collection order
# (--dist loadfile --no-loadscope-reorder). The slowest files go first, so that neither
# process is left with a long one at the end while the other waits (from the per-test times
# of a CI run's var/ci-junit.xml: together these are about half of the suite's time).
SLOWEST_FIRST = (
    "tests/e2e/test_accessibility.py",
    "tests/services/test_thousand_completions.py",
    "tests/deploy/",
    "tests/services/",
    "tests/e2e/",
    "tests/courses/test_page_weight.py",
    "tests/security/test_access_matrix.py",
    "tests/storage/test_backup_restore.py",
)


def _slowness_rank(nodeid: str) -> int:
    return next(
        (rank for rank, prefix in enumerate(SLOWEST_FIRST) if nodeid.startswith(prefix)),
        len(SLOWEST_FIRST),
    )


def pytest_collection_modifyitems(config, items):
    if hasattr(config, "workerinput"):  # a pytest-xdist process; one process keeps the order
        items.sort(key=lambda item: _slowness_rank(item.nodeid))  # stable within a rank


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in another (Accept-Language,
    the language cookie) leaves it active in the test's thread afterwards."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def learner(db):
    return UserFactory(email="learner@example.org", roles=["Learners"])


@pytest.fixture
def other_learner(db):
    return UserFactory(email="other@example.org", roles=["Learners"])


@pytest.fixture
def trainer(db):
    return UserFactory(email="trainer@example.org", roles=["Trainers"])


@pytest.fixture(autouse=True)
def _restore_migration_data_in_transactional_tests(django_db_serialized_rollback):
    """Transactional tests (live server, real worker) empty the tables when they end; the
    site structure the migrations create (home, catalogue, roles) must come back for the
    tests after them. Ordinary tests roll back and are unaffected."""


def _empties_the_tables(item) -> bool:
    """A transactional test: pytest-django (as Django) empties every table after it."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """The data a transactional test restores is put back when it *starts* (serialized
    rollback), so Django runs the ordinary tests first. Under pytest-xdist a process may get
    a file of ordinary tests after a transactional one: the migrations' data (locales, the
    site's pages, roles) is put back for it here, once, right after the tables are emptied."""
    result = yield
    if nextitem is not None and _empties_the_tables(item) and not _empties_the_tables(nextitem):
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all():
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result


# Property tests (tests/security/test_properties_*.py): the same examples on every run, so
# CI is repeatable and fast; HYPOTHESIS_PROFILE=explore searches harder by hand.
hypothesis_settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None, max_examples=100
)
hypothesis_settings.register_profile("explore", deadline=None, max_examples=5_000)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# The S3 emulator (moto) and storages pointed at it: tests/object_storage.py.
@pytest.fixture
def postgres():
    """The default connection, for tests of what only PostgreSQL does: skipped on SQLite,
    failed where the services are required (CI)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        if os.environ.get("WAYPOINT_REQUIRE_SERVICES"):
            pytest.fail("needs PostgreSQL (DATABASE_URL)")
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    connection.ensure_connection()
    return connection


from tests.object_storage import moto_endpoint, object_storage, one_bucket_storage  # noqa: E402,F401
