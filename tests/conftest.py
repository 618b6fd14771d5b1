import pytest

from tests.factories.accounts import UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


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
