"""/healthz: what a load balancer or an operator polls to see whether Waypoint can serve."""

import pytest

from config.celery import app

pytestmark = pytest.mark.django_db


def test_healthz_in_the_embedded_default(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"database": "ok", "broker": "in-process", "status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def unreachable_broker(monkeypatch):
    # Celery reads CELERY_BROKER_URL from the environment before its own configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, "redis://127.0.0.1:1/0"
    yield
    app.conf.task_always_eager, app.conf.broker_url = previous


def test_healthz_reports_an_unreachable_broker(client, unreachable_broker):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "down", "status": "degraded"}


def test_healthz_reports_a_database_failure(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database is gone")

    monkeypatch.setattr("config.views.connection.cursor", broken_cursor)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["status"] == "degraded"


def test_healthz_answers_get_only(client):
    assert client.post("/healthz").status_code == 405
