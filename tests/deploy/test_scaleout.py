"""Several app servers behind nginx (issue 19): what an operator's users must not notice.

The stack (tests/deploy/conftest.py) is nginx with deploy/nginx/waypoint.conf in front of
two gunicorn servers (deploy/gunicorn.conf.py), two Celery workers, beat, PostgreSQL,
Redis and moto. The tests run in file order: the rolling restart and the periodic jobs'
count come last."""

import json
import re
import signal
import threading
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import pytest
import requests

from bench import proxy
from tests.deploy.conftest import (
    BROKER_URL,
    METRICS_TOKEN,
    VAR,
    WEB_PORTS,
    psql,
)

pytestmark = pytest.mark.services

ACCUMULATED = re.compile(r"Task celery\.accumulate\[([0-9a-f-]+)\] succeeded")
HOST = "waypoint.example.org"  # what the TLS front proxy passes on
A, B = WEB_PORTS


class Browser:
    """Plays a browser behind the TLS front proxy: speaks plain HTTP to nginx (or to one
    gunicorn) with the proxy's headers, and keeps its cookies itself, Secure ones included,
    whichever server set them."""

    def __init__(self):
        self.session = requests.Session()
        self.cookies: dict[str, str] = {}

    def request(self, method, url, headers=None, **kwargs):
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Cookie": cookie, **(headers or {})}
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 30)
        response = self.session.request(method, url, headers=headers, **kwargs)
        self.session.cookies.clear()
        for header in response.raw.headers.getlist("Set-Cookie"):
            parsed = SimpleCookie()
            parsed.load(header)
            for name, morsel in parsed.items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post_form(self, url, data, files=None):
        page = self.get(url)
        assert page.status_code == 200, f"{url} answered {page.status_code}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request(
            "POST",
            url,
            data={**data, "csrfmiddlewaretoken": token},
            files=files,
            headers={"Referer": f"https://{HOST}{urlsplit(url).path}"},
        )

    def sign_in(self, base, email, password):
        response = self.post_form(f"{base}/accounts/login/", {"login": email, "password": password})
        assert response.status_code == 302, f"sign-in failed: {response.status_code}"


def server(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def test_a_session_started_on_one_server_is_honoured_by_the_other_and_through_nginx(scaleout):
    browser = Browser()
    anonymous = Browser()
    browser.sign_in(server(A), scaleout.setup["learner"], scaleout.setup["password"])

    for base in (server(A), server(B), scaleout.base, scaleout.base, scaleout.base):
        assert browser.get(f"{base}/learning/").status_code == 200, base
        assert anonymous.get(f"{base}/learning/").status_code == 302, base


def test_nginx_keeps_metrics_internal_and_passes_request_ids(scaleout):
    outside = requests.get(
        f"{scaleout.base}/metrics",
        headers={"X-Forwarded-For": "203.0.113.9", "Authorization": f"Bearer {METRICS_TOKEN}"},
        timeout=10,
    )
    assert outside.status_code == 403

    without_token = requests.get(f"{scaleout.base}/metrics", timeout=10)
    assert without_token.status_code == 404
    inside = requests.get(
        f"{scaleout.base}/metrics",
        headers={"Authorization": f"Bearer {METRICS_TOKEN}"},
        timeout=10,
    )
    assert inside.status_code == 200
    assert "waypoint_celery_queue_length" in inside.text
    assert re.search(r"django_http_requests_total_by_method_total\{.*\} [1-9]", inside.text)

    given = f"front-proxy-{uuid.uuid4().hex}"
    kept = requests.get(f"{scaleout.base}/healthz", headers={"X-Request-ID": given}, timeout=10)
    assert kept.headers["X-Request-ID"] == given
    logged = [
        line
        for port in WEB_PORTS
        for line in scaleout.log_lines(f"gunicorn-{port}.log")
        if line.get("request_id") == given
    ]
    assert logged and logged[0]["path"] == "/healthz" and logged[0]["status"] == 200


def test_nginx_serves_static_files_compressed_with_a_long_cache_and_no_private_media(scaleout):
    manifest = json.loads((VAR / "static" / "staticfiles.json").read_text())["paths"]
    stylesheet = manifest["css/waypoint.css"]

    response = requests.get(
        f"{scaleout.base}/static/{stylesheet}", headers={"Accept-Encoding": "gzip"}, timeout=10
    )

    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    assert requests.get(f"{scaleout.base}/media/certificates/x.pdf", timeout=10).status_code == 404


def _needs_object_storage(scaleout):
    """Object storage is part of the stack: the settings must put files in the buckets,
    or these tests would pass on one shared disk."""
    assert scaleout.storage, "object storage is off: the settings ignore AWS_STORAGE_BUCKET_NAME"


def test_a_document_uploaded_through_one_server_is_served_by_the_other(scaleout):
    _needs_object_storage(scaleout)
    trainer = Browser()
    trainer.sign_in(server(A), scaleout.setup["trainer"], scaleout.setup["password"])
    content = b"Scale-out handbook " + uuid.uuid4().hex.encode()

    response = trainer.post_form(
        f"{server(A)}/admin/documents/add/",
        {"title": "Scale-out handbook", "collection": "1"},
        files={"file": ("handbook.txt", content, "text/plain")},
    )

    assert response.status_code == 302, response.text[:2000]
    document_id, filename = psql(
        "SELECT id, file FROM wagtaildocs_document ORDER BY id DESC LIMIT 1"
    ).split("|")
    served = trainer.get(f"{server(B)}/documents/{document_id}/{filename.rsplit('/', 1)[-1]}")
    if served.status_code == 302:  # a short-lived signed URL after the access check
        served = requests.get(served.headers["Location"], timeout=10)
    assert served.status_code == 200
    assert served.content == content


def test_a_certificate_issued_by_a_worker_downloads_through_both_servers(scaleout):
    _needs_object_storage(scaleout)
    learner = Browser()
    learner.sign_in(scaleout.base, scaleout.setup["learner"], scaleout.setup["password"])
    enrollment = scaleout.setup["enrollment"]
    code = ""
    deadline = time.monotonic() + 60
    while not code and time.monotonic() < deadline:
        code = psql(
            "SELECT code FROM certificates_certificate "
            f"WHERE enrollment_id = {enrollment} AND pdf <> ''"
        )
        time.sleep(0.5)
    assert code, "no worker issued the certificate within a minute"

    bodies = []
    for base in (server(A), server(B)):
        response = learner.get(f"{base}/certificates/{code}/pdf/")
        if response.status_code == 302:
            response = requests.get(response.headers["Location"], timeout=10)
        assert response.status_code == 200, base
        bodies.append(response.content)
    assert bodies[0].startswith(b"%PDF") and bodies[0] == bodies[1]


class Load(threading.Thread):
    """Requests through nginx back to back (pages for a signed-in learner, the catalogue,
    readiness) and a task queued every few requests, until stopped. Counts everything."""

    PATHS = ["/learning/", "/courses/", "/readyz", "/"]

    def __init__(self, scaleout, celery):
        super().__init__(daemon=True)
        self.scaleout, self.celery = scaleout, celery
        self.browser = Browser()
        self.browser.sign_in(scaleout.base, scaleout.setup["learner"], scaleout.setup["password"])
        self.statuses: list[tuple[str, int]] = []
        self.task_ids: list[str] = []
        self.running = True

    def run(self):
        number = 0
        while self.running:
            path = self.PATHS[number % len(self.PATHS)]
            try:
                status = self.browser.get(f"{self.scaleout.base}{path}").status_code
            except requests.RequestException as error:
                status = f"{type(error).__name__}"
            self.statuses.append((path, status))
            if number % 3 == 0:
                result = self.celery.send_task("celery.accumulate", args=(number,))
                self.task_ids.append(result.id)
            number += 1


def test_a_rolling_restart_under_load_loses_no_request_and_no_task(scaleout, monkeypatch):
    from celery import Celery

    # Celery reads CELERY_BROKER_URL from the environment before its own settings: CI sets
    # it for the suite's worker, and the client would queue there, not on the stack's broker.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    # Not the current app: the suite's tasks after this one must still find Waypoint's.
    celery = Celery("scaleout-client", broker=BROKER_URL, set_as_current=False)
    load = Load(scaleout, celery)
    load.start()
    time.sleep(3)
    # Server A reloads its workers in place (SIGHUP), then each server is stopped
    # (SIGTERM: requests in progress finish) and started again, one at a time, waiting for
    # nginx to take the restarted one back (fail_timeout) before the next.
    scaleout.servers[A].send_signal(signal.SIGHUP)

    def restart_workers():  # one at a time, while the app servers restart
        for number in (1, 2):
            proxy.stop(scaleout.workers[number], grace_seconds=60)
            scaleout.start_worker(number)

    workers = threading.Thread(target=restart_workers)
    workers.start()
    time.sleep(4)
    for port in WEB_PORTS:
        proxy.stop(scaleout.servers[port], grace_seconds=40)
        time.sleep(1)
        scaleout.start_server(port)
        time.sleep(4)
    workers.join(timeout=180)
    time.sleep(3)
    load.running = False
    load.join(timeout=60)

    failed = [(path, status) for path, status in load.statuses if status not in range(200, 400)]
    assert len(load.statuses) > 100, "the load thread hardly ran"
    assert not failed, f"{len(failed)} of {len(load.statuses)} requests failed: {failed[:10]}"

    def completed() -> dict[str, int]:
        runs: dict[str, int] = {}
        for number in (1, 2):
            for line in scaleout.log_lines(f"worker-{number}.log"):
                found = ACCUMULATED.match(line["message"])
                if found:
                    runs[found.group(1)] = runs.get(found.group(1), 0) + 1
        return runs

    deadline = time.monotonic() + 60
    while set(load.task_ids) - set(completed()) and time.monotonic() < deadline:
        time.sleep(1)
    runs = completed()
    lost = set(load.task_ids) - set(runs)
    twice = {task_id: count for task_id, count in runs.items() if count > 1}
    assert len(load.task_ids) > 30
    assert not lost, f"{len(lost)} of {len(load.task_ids)} tasks never completed"
    assert not twice, f"tasks completed more than once: {twice}"


def test_each_periodic_job_runs_once_per_schedule_with_two_workers(scaleout):
    from config.settings.schedule import CELERY_BEAT_SCHEDULE

    time.sleep(max(0, 12 - (time.monotonic() - scaleout.started)))
    proxy.stop(scaleout.beat, grace_seconds=20)
    sent: dict[str, int] = {}
    for line in scaleout.log_lines("beat.log"):
        found = re.match(r"Scheduler: Sending due task (\S+) \((\S+)\)", line["message"])
        if found:
            sent[found.group(2)] = sent.get(found.group(2), 0) + 1
    tasks = {entry["task"] for entry in CELERY_BEAT_SCHEDULE.values()}
    assert set(sent) == tasks, f"beat never sent {tasks - set(sent)}"

    def executed() -> tuple[dict[str, set], list[str]]:
        ids: dict[str, set] = {}
        every: list[str] = []
        for number in (1, 2):
            for line in scaleout.log_lines(f"worker-{number}.log"):
                found = re.match(r"Task (\S+)\[([0-9a-f-]+)\] (succeeded|raised)", line["message"])
                if found and found.group(1) in tasks:
                    ids.setdefault(found.group(1), set()).add(found.group(2))
                    every.append(found.group(2))
        return ids, every

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ids, every = executed()
        if all(len(ids.get(task, ())) >= count for task, count in sent.items()):
            break
        time.sleep(1)
    ids, every = executed()
    assert {task: len(ids.get(task, ())) for task in tasks} == sent
    assert len(every) == len(set(every)), "a periodic job ran twice for one schedule"
