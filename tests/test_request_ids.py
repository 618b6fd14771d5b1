"""Request ids: on every response, on every log line of the request, trusted from the
reverse proxy only, and carried into the Celery tasks the request queues."""

import json
import logging

import pytest

from config import requestlog

pytestmark = pytest.mark.django_db


def test_every_response_gets_a_fresh_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert len(first) == 32 and first != second


def test_a_client_cannot_choose_its_request_id_without_the_proxy(client, settings):
    settings.REQUEST_ID_FROM_PROXY = False

    response = client.get("/healthz", HTTP_X_REQUEST_ID="chosen-by-the-client")

    assert response["X-Request-ID"] != "chosen-by-the-client"


def test_the_proxys_request_id_is_kept_when_well_formed(client, settings):
    settings.REQUEST_ID_FROM_PROXY = True

    kept = client.get("/healthz", HTTP_X_REQUEST_ID="0f5c1e2d3a4b5c6d")
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x"; drop\n{"level":"ERROR"}')

    assert kept["X-Request-ID"] == "0f5c1e2d3a4b5c6d"
    assert forged["X-Request-ID"] != 'x"; drop\n{"level":"ERROR"}'
    assert len(forged["X-Request-ID"]) == 32


def test_request_lines_are_json_with_the_user_id_and_never_the_email(client, settings, learner):
    settings.LOG_REQUESTS = True
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    handler.addFilter(requestlog.RequestIdFilter())
    logger = logging.getLogger("waypoint.requests")
    logger.addHandler(handler)
    client.force_login(learner)
    try:
        response = client.get("/learning/")
    finally:
        logger.removeHandler(handler)

    line = json.loads(requestlog.JsonFormatter().format(records[-1]))
    assert line["request_id"] == response["X-Request-ID"]
    assert line["path"] == "/learning/"
    assert line["status"] == response.status_code
    assert line["user_id"] == learner.pk
    assert line["level"] == "INFO" and line["logger"] == "waypoint.requests"
    assert isinstance(line["duration_ms"], float) and "time" in line
    assert "learner@example.org" not in json.dumps(line)


def test_a_task_carries_the_request_id_of_the_request_that_queued_it():
    from types import SimpleNamespace

    token = requestlog._request_id.set("req-1234567890")
    headers = {}
    requestlog.on_before_task_publish(headers=headers)
    requestlog._request_id.reset(token)
    assert headers[requestlog.HEADER] == "req-1234567890"

    task = SimpleNamespace(request=SimpleNamespace(**{requestlog.HEADER: "req-1234567890"}))
    requestlog.on_task_prerun(task_id="abc", task=task)
    assert requestlog.current_request_id() == "req-1234567890"
    requestlog.on_task_postrun(task_id="abc")
    assert requestlog.current_request_id() == "-"


def test_a_task_queued_outside_a_request_is_labelled_by_its_own_id():
    from types import SimpleNamespace

    task = SimpleNamespace(request=SimpleNamespace())
    requestlog.on_task_prerun(task_id="abc", task=task)
    assert requestlog.current_request_id() == "task-abc"
    requestlog.on_task_postrun(task_id="abc")
