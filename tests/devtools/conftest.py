import pytest
from django.db import transaction
from django.test import TestCase, override_settings

from tests.devtools.demo_run import DEMO_PASSWORD, seed_demo


@pytest.fixture(scope="class")
def demo_seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """One run of ``seed_demo`` shared by a class's tests (a run publishes 52 pages and takes
    half a minute), with what it leaves for after the commit done (the demo learner's
    certificate), rolled back after the class so that no other test sees the demo data.
    Yields what the command printed."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            DEMO_PASSWORD=DEMO_PASSWORD, MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")
        ),
        transaction.atomic(),
    ):
        with TestCase.captureOnCommitCallbacks(execute=True):
            output = seed_demo()
        yield output
        transaction.set_rollback(True)
