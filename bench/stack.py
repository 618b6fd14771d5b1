"""The production-like stack the benchmarks run against: production settings, PostgreSQL,
Redis, gunicorn and Celery workers started here. Everything listens on 127.0.0.1.

Each service address can be moved with an environment variable (BENCH_DATABASE,
BENCH_BROKER_URL, BENCH_CACHE_URL, BENCH_PORT), so that two runs on one machine do not
trample each other's database, queues or port."""

import hashlib
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_VAR = ROOT / "var" / "bench"
DATABASE = os.environ.get("BENCH_DATABASE", "waypoint_bench")
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13")
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12")
PORT = int(os.environ.get("BENCH_PORT", "8001"))
BASE_URL = f"http://127.0.0.1:{PORT}"
# Sync workers, two per core: a request is CPU work in Python plus waits on PostgreSQL and
# Redis, and a second worker per core fills those waits (gunicorn's own advice is 2-4 per
# core). More would only queue inside the kernel instead of in the accept backlog.
WORKERS = int(os.environ.get("BENCH_WORKERS") or 2 * (os.cpu_count() or 1))


def environment() -> dict[str, str]:
    """Production settings, pointed at the bench database, broker and a private media dir.
    Mail goes nowhere (the dummy backend): sending is not what is measured."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,waypoint.example.org",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "CELERY_BROKER_URL": BROKER_URL,
        "CACHE_URL": CACHE_URL.replace("redis://", "rediscache://", 1),
        "EMAIL_URL": "dummymail://",
        "MEDIA_ROOT": str(BENCH_VAR / "media"),
        "WAYPOINT_VAR_DIR": str(BENCH_VAR),
        "SECURE_SSL_REDIRECT": "False",
        # Printed in PDFs and mails only; production refuses a local http address there.
        "WAGTAILADMIN_BASE_URL": "https://waypoint.example.org",
        "DEMO_DATA_ENABLED": "True",
        "BENCH_CEILING_VIEW": "True",
        # One JSON log line per request (production's default) would be measured with every
        # page; earlier runs had none. docs/deploy.md, "Logs".
        "LOG_REQUESTS": "False",
        # Lookups come from one address here; production keeps 30 a minute per client.
        "CERTIFICATE_VERIFY_RATE_PER_MINUTE": "1000000",
        # Production refuses to start without a credential signing key; a new one per run.
        "CREDENTIAL_SIGNING_KEY": _credential_key(),
    }


def _credential_key() -> str:
    from certificates.credentials.keys import new_private_key_pem

    return new_private_key_pem().decode()


def _fingerprint(paths) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _psql(sql: str) -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-tAc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def _pg(*command: str) -> None:
    subprocess.run([*command, "-h", "127.0.0.1", "-U", "postgres"], check=True)


def _manage(*command: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *command, "--noinput", "-v", "0"], cwd=ROOT, check=True
    )


def _fresh_database() -> None:
    """A new database with every migration applied. Migrating from nothing takes a minute
    or two here, so the migrated state is kept as a template database, labelled with a
    fingerprint of the migrations and pinned packages, and copied while it still matches."""
    template = f"{DATABASE}_migrated"
    fingerprint = _fingerprint([*ROOT.glob("*/migrations/*.py"), ROOT / "requirements.txt"])
    _pg("dropdb", "--if-exists", "--force", DATABASE)
    found = _psql(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
        f"WHERE datname = '{template}'"
    )
    if found == fingerprint:
        _pg("createdb", "-T", template, DATABASE)
        return
    _pg("dropdb", "--if-exists", "--force", template)
    _pg("createdb", DATABASE)
    _manage("migrate")
    _pg("createdb", "-T", DATABASE, template)
    _psql(f"COMMENT ON DATABASE {template} IS '{fingerprint}'")


def _static_files() -> None:
    """collectstatic (hashed, compressed for whitenoise) unless nothing it reads changed
    since the last run: it takes most of a minute."""
    marker = BENCH_VAR / "static.fingerprint"
    sources = [p for p in (ROOT / "static").rglob("*") if p.is_file()]
    fingerprint = _fingerprint([*sources, ROOT / "requirements.txt"])
    if marker.exists() and marker.read_text() == fingerprint:
        return
    _manage("collectstatic", "--clear")
    marker.write_text(fingerprint)


def prepare() -> None:
    """Services up, a fresh bench database with every migration applied, empty bench queues
    and cache, static files collected, and Django set up in this process with the same
    environment the server and the workers get."""
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    subprocess.run([ROOT / "scripts" / "ensure-services"], check=True)
    import redis

    for url in (BROKER_URL, CACHE_URL):  # tasks or routes left by an earlier run
        redis.Redis.from_url(url).flushdb()
    os.environ.update(environment())
    _fresh_database()
    _static_files()
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


def stop_process_group(process: subprocess.Popen, *, grace_seconds: float) -> None:
    """Stop a process started with ``start_new_session=True`` and everything it started
    (gunicorn and its workers): SIGTERM to the group, SIGKILL after ``grace_seconds``."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _get(path: str, timeout: float = 5) -> int:
    try:
        with urllib.request.urlopen(BASE_URL + path, timeout=timeout) as response:
            response.read()
            return response.status
    except OSError:
        return 0


@contextmanager
def web_server(workers: int = WORKERS):
    """gunicorn with the production settings on 127.0.0.1:PORT, static files through
    whitenoise, stopped on the way out. Yields the master process."""
    log = (BENCH_VAR / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            f"--bind=127.0.0.1:{PORT}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--backlog=2048",
            "--timeout=120",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while _get("/bench/ping", timeout=1) != 200:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {BENCH_VAR}/gunicorn.log")
            time.sleep(0.3)
        for _ in range(4 * workers):  # every worker imports its templates before measuring
            _get("/courses/")
        yield server
    finally:
        stop_process_group(server, grace_seconds=30)
        log.close()
