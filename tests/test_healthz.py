"""/healthz and /readyz: what a load balancer or an operator polls to see whether Waypoint
is alive, and whether it can serve (docs/deploy.md)."""

import pytest
from django.core.files.storage import storages

from config.celery import app

pytestmark = pytest.mark.django_db


def test_healthz_says_alive_without_asking_anything_else(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_stays_up_while_the_database_is_down(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database is gone")

    monkeypatch.setattr("config.views.connection.cursor", broken_cursor)

    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 503


def test_readyz_in_the_embedded_default(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "cache": "ok",
        "broker": "in-process",
        "storage": "ok",
        "status": "ok",
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def unreachable_broker(monkeypatch):
    # Celery reads CELERY_BROKER_URL from the environment before its own configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, "redis://127.0.0.1:1/0"
    yield
    app.conf.task_always_eager, app.conf.broker_url = previous


def test_readyz_reports_an_unreachable_broker(client, unreachable_broker):
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["broker"] == "down"
    assert response.json()["database"] == "ok"
    assert response.json()["status"] == "degraded"


def test_readyz_reports_a_database_failure(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database is gone")

    monkeypatch.setattr("config.views.connection.cursor", broken_cursor)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["status"] == "degraded"


def test_readyz_reports_a_cache_failure(client, monkeypatch):
    def broken_set(*args, **kwargs):
        raise ConnectionError("cache is gone")

    monkeypatch.setattr("config.views.cache.set", broken_set)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["cache"] == "down"


def test_readyz_reports_unreachable_file_storage(client, monkeypatch):
    def broken_exists(name):
        raise OSError("bucket unreachable")

    monkeypatch.setattr(storages["private"], "exists", broken_exists)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["storage"] == "down"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_endpoints_answer_get_only(client, path):
    assert client.post(path).status_code == 405


def test_health_endpoints_answer_while_the_shared_cache_is_down(client, settings):
    """A Redis blip must not make every app server look dead: /healthz never touches the
    cache (the page-route cache leaves Django's own paths alone), and /readyz says which
    part is down instead of failing."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }

    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["cache"] == "down"


def test_a_page_is_served_while_the_route_cache_cannot_be_read(client, monkeypatch):
    def cache_down(*args, **kwargs):
        raise ConnectionError("redis is gone")

    monkeypatch.setattr("home.middleware.page_cache.lookup", cache_down)

    assert client.get("/").status_code == 200
