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
