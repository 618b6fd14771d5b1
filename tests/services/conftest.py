"""The real stack: PostgreSQL, Redis and a Celery worker started by the test.

Without DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL these tests skip, except when
WAYPOINT_REQUIRE_SERVICES is set (CI), where a missing service fails them.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _require_services():
    missing = []
    if connection.vendor != "postgresql":
        missing.append("PostgreSQL (DATABASE_URL=postgres://...)")
    if not settings.CELERY_BROKER_URL:
        missing.append("Redis (CELERY_BROKER_URL=redis://...)")
    if missing:
        message = "needs " + " and ".join(missing)
        if os.environ.get("WAYPOINT_REQUIRE_SERVICES"):
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def running_worker(app_module: str = "config"):
    """A real worker on a private queue, reading the test database, in its own process
    group so that a test can kill it outright. Yields (app, process)."""
    from config.celery import app

    db = connection.settings_dict
    queue = f"waypoint-test-{uuid.uuid4().hex[:8]}"
    node = f"{queue}@localhost"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "WAYPOINT_TEST_REAL_WORKER": "1",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
    }
    log_path = ROOT / "var" / f"{queue}.log"
    log_path.parent.mkdir(exist_ok=True)
    log = log_path.open("w")
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        app_module,
        "worker",
        "-Q",
        queue,
        "-n",
        node,
        "--concurrency=1",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
    ]
    worker = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    previous = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        _wait_until_ready(app, node, worker, log_path)
        yield app, worker
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = previous
        if worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
        log.close()


@pytest.fixture
def celery_worker_process(transactional_db):
    _require_services()
    with running_worker() as (app, _worker):
        yield app


def _wait_until_ready(app, node, worker, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            raise RuntimeError(f"Celery worker exited early:\n{log_path.read_text()}")
        if app.control.inspect(destination=[node], timeout=1).ping():
            return
    raise RuntimeError(f"Celery worker not ready after {timeout}s:\n{log_path.read_text()}")


def wait_for(predicate, timeout=30, interval=0.2):
    """Poll until predicate() is truthy; returns its last value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()
