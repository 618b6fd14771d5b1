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

from bench.stack import stop_process_group

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
def running_worker(
    app_module: str = "config",
    *,
    concurrency: int = 1,
    queue: str | None = None,
    extra_env: dict | None = None,
):
    """A real worker on a private queue, reading the test database, in its own process
    group so that a test can kill it outright. Yields (app, process).

    ``extra_env`` reaches only the worker (CELERY_BROKER_URL there points it at another
    broker); pass the same ``queue`` to a second worker to replace a killed one."""
    from config.celery import app

    db = connection.settings_dict
    queue = queue or f"waypoint-test-{uuid.uuid4().hex[:8]}"
    node = f"{queue}-{uuid.uuid4().hex[:4]}@localhost"
    env = {
        **os.environ,
        **(extra_env or {}),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "WAYPOINT_TEST_REAL_WORKER": "1",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
    }
    log_path = ROOT / "var" / f"{node.split('@')[0]}.log"
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
        f"--concurrency={concurrency}",
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


@contextmanager
def private_redis():
    """A Redis server of the test's own, on a free port, that the test may stop and start
    again (it keeps nothing on disk, so a restart loses whatever was queued). Yields a
    controller with ``url``, ``stop()`` and ``start()``."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    class Controller:
        url = f"redis://127.0.0.1:{port}/0"
        process = None

        def start(self):
            self.process = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    return
                except OSError:
                    time.sleep(0.05)
            raise RuntimeError("private redis-server did not start")

        def stop(self):
            if self.process and self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=10)

    controller = Controller()
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


@contextmanager
def producing_to(broker_url: str):
    """Send this process's tasks to another broker for the duration. Celery reads
    CELERY_BROKER_URL from the environment before its settings, and keeps a connection
    pool: both are switched on the way in and back on the way out."""
    from config.celery import app

    def use(url, env_value):
        if env_value is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = env_value
        app.conf.broker_url = url
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url, os.environ.get("CELERY_BROKER_URL")
    use(broker_url, broker_url)
    try:
        yield app
    finally:
        use(*previous)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(
    *, workers: int = 1, threads: int = 1, queue: str, extra_env: dict | None = None
):
    """gunicorn serving the site from the test database, as production does (persistent
    database connections, ``CONN_HEALTH_CHECKS``), sending its tasks to the broker on
    ``queue``. Yields the base URL. ``workers=1, threads=1`` makes every request reach the
    same process and the same database connection."""
    import urllib.request

    db = connection.settings_dict
    port = _free_port()
    env = {
        **os.environ,
        **(extra_env or {}),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "WAYPOINT_TEST_REAL_WORKER": "1",
        "WAYPOINT_TEST_QUEUE": queue,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
    }
    log_path = ROOT / "var" / f"gunicorn-{queue}.log"
    log_path.parent.mkdir(exist_ok=True)
    log = log_path.open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tests.services.private_queue_app:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--worker-class=gthread" if threads > 1 else "--worker-class=sync",
            "--timeout=60",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start:\n{log_path.read_text()}") from None
                time.sleep(0.3)
        yield url
    finally:
        stop_process_group(server, grace_seconds=20)
        log.close()
