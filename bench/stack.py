"""The production-like stack the benchmarks run against: production settings, PostgreSQL,
Redis, Celery workers started here. Everything listens on 127.0.0.1."""

import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_VAR = ROOT / "var" / "bench"
DATABASE = os.environ.get("BENCH_DATABASE", "waypoint_bench")
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13")


def environment() -> dict[str, str]:
    """Production settings, pointed at the bench database, broker and a private media dir.
    Mail goes nowhere (the dummy backend): sending is not what is measured."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "CELERY_BROKER_URL": BROKER_URL,
        "CACHE_URL": "rediscache://127.0.0.1:6379/12",
        "EMAIL_URL": "dummymail://",
        "MEDIA_ROOT": str(BENCH_VAR / "media"),
        "WAYPOINT_VAR_DIR": str(BENCH_VAR),
        "SECURE_SSL_REDIRECT": "False",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8001",
        "DEMO_DATA_ENABLED": "True",
    }


def prepare() -> None:
    """Services up, a fresh bench database with every migration applied, and Django set up
    in this process with the same environment the workers get."""
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    subprocess.run([ROOT / "scripts" / "ensure-services"], check=True)
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", DATABASE],
        check=True,
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    os.environ.update(environment())
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True
    )
    import django

    django.setup()


@contextmanager
def celery_workers(count: int, *, queue: str | None = None):
    """``count`` worker processes of one task slot each, as two single-core workers would
    be deployed. Yields the queue they consume."""
    from config.celery import app

    queue = queue or f"bench-{uuid.uuid4().hex[:6]}"
    workers = []
    logs = []
    for number in range(count):
        log = (BENCH_VAR / f"worker-{number}.log").open("w")
        logs.append(log)
        workers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "-Q",
                    queue,
                    "-n",
                    f"{queue}-{number}@localhost",
                    "--concurrency=1",
                    "--loglevel=WARNING",
                    "--without-gossip",
                    "--without-mingle",
                ],
                cwd=ROOT,
                env=os.environ.copy(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    try:
        nodes = [f"{queue}-{n}@localhost" for n in range(count)]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            replies = app.control.inspect(destination=nodes, timeout=1).ping() or {}
            if len(replies) == count:
                break
        else:
            raise RuntimeError(f"workers not ready; see {BENCH_VAR}/worker-*.log")
        yield queue
    finally:
        app.conf.task_default_queue = previous_queue
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
        for log in logs:
            log.close()
