"""`make bench` compares pages with a bare Django view on the same server: /bench/ping,
routed only when the bench turns it on, answering without the database or a session."""

import importlib

import pytest
from django.urls import clear_url_caches

from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def ceiling_view_on(settings, monkeypatch):
    from django.contrib import admin

    import config.urls

    # Importing config.urls wraps the admin's login view: put the original back afterwards.
    monkeypatch.setattr(admin.site, "login", admin.site.login)
    settings.BENCH_CEILING_VIEW = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.BENCH_CEILING_VIEW = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_the_ceiling_view_is_not_routed_outside_the_bench(client):
    assert client.get("/bench/ping", follow=True).status_code == 404


def test_the_ceiling_view_answers_without_database_or_session(client, ceiling_view_on, learner):
    client.force_login(learner)
    client.get("/bench/ping")  # warm-up

    with assert_queries(0):
        response = client.get("/bench/ping")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
