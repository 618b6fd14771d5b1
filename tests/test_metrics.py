"""/metrics (Prometheus) opens only to the monitoring system's token; what it reports."""

import pytest

pytestmark = pytest.mark.django_db

TOKEN = "scraper-token-for-tests-0123456789"


@pytest.fixture
def metrics_token(settings):
    settings.METRICS_TOKEN = TOKEN


def test_metrics_are_off_without_a_token_setting(client, settings):
    settings.METRICS_TOKEN = ""

    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_metrics_refuse_a_missing_or_wrong_token(client, metrics_token, learner):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Basic {TOKEN}").status_code == 404
    client.force_login(learner)  # being signed in is not enough either
    assert client.get("/metrics").status_code == 404


def test_metrics_with_the_token_report_queues_and_task_failures(client, metrics_token):
    from django_celery_results.models import TaskResult

    TaskResult.objects.create(task_id="t-1", task_name="demo", status="FAILURE")
    TaskResult.objects.create(task_id="t-2", task_name="demo", status="SUCCESS")

    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert 'waypoint_celery_tasks_last_hour{state="FAILURE"} 1.0' in body
    assert 'waypoint_celery_tasks_last_hour{state="SUCCESS"} 1.0' in body
    assert "waypoint_celery_queue_length" in body


def test_a_token_in_any_alphabet_is_refused_not_a_crash(client, settings):
    settings.METRICS_TOKEN = "right-token"

    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer é-not-ascii")

    assert response.status_code == 404
