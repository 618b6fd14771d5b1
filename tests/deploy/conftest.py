"""The scale-out stack (issue 19): nginx from Debian with the shipped configuration in front
of two gunicorn servers, two Celery workers, beat, PostgreSQL, Redis and moto (S3), all on
127.0.0.1 (ports 8110-8119). Each gunicorn and each worker has a MEDIA_ROOT of its own, so
only object storage can let one serve what another stored.

Skips when nginx, PostgreSQL, Redis or moto is missing, and fails instead under
WAYPOINT_REQUIRE_SERVICES=1 (CI). The database ``waypoint_scaleout`` is migrated once per
session (kept as a template while the migrations do not change)."""

import functools
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bench import proxy
from bench.stack import _fingerprint

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "scaleout"
DATABASE = "waypoint_scaleout"
NGINX_PORT, WEB_PORTS, MOTO_PORT = 8110, (8111, 8112), 8119
BROKER_URL = "redis://127.0.0.1:6379/7"
CACHE_URL = "redis://127.0.0.1:6379/8"
METRICS_TOKEN = secrets.token_urlsafe(24)
BUCKETS = ("waypoint-scaleout-media", "waypoint-scaleout-private")


def _reachable(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def _missing() -> list[str]:
    missing = []
    if not proxy.nginx_binary():
        missing.append("nginx (scripts/ensure-system-deps installs it)")
    if not _reachable(5432):
        missing.append("PostgreSQL on 127.0.0.1:5432")
    if not _reachable(6379):
        missing.append("Redis on 127.0.0.1:6379")
    try:
        import moto.server  # noqa: F401
    except ImportError:
        missing.append("moto[server] (requirements-dev.txt)")
    return missing


def require(condition_missing: list[str]) -> None:
    if condition_missing:
        message = "the scale-out stack needs " + ", ".join(condition_missing)
        if os.environ.get("WAYPOINT_REQUIRE_SERVICES"):
            pytest.fail(message)
        pytest.skip(message)


@functools.cache
def _credential_signing_key() -> str:
    """Production refuses to start without the key that signs credentials: one per run,
    the same for every server and worker of the stack."""
    from certificates.credentials.keys import new_private_key_pem

    return new_private_key_pem().decode()


def environment(media_root: Path, *, metrics_dir: Path | None = None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_URL", "CELERY_", "CACHE_URL", "AWS_", "PYTEST"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.deploy.scaleout_settings",
            "SECRET_KEY": "scaleout-test-" + "k" * 60,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,waypoint.example.org",
            "WAGTAILADMIN_BASE_URL": "https://waypoint.example.org",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
            "CELERY_BROKER_URL": BROKER_URL,
            "CACHE_URL": CACHE_URL.replace("redis://", "rediscache://", 1),
            "EMAIL_URL": "dummymail://",
            "WAYPOINT_VAR_DIR": str(VAR),
            "MEDIA_ROOT": str(media_root),
            "TRUSTED_PROXY_COUNT": "1",
            "MFA_REQUIRED_FOR_STAFF": "false",
            "LOG_FORMAT": "json",
            "METRICS_ENABLED": "true",
            "METRICS_TOKEN": METRICS_TOKEN,
            "AWS_STORAGE_BUCKET_NAME": BUCKETS[0],
            "AWS_PRIVATE_BUCKET_NAME": BUCKETS[1],
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{MOTO_PORT}",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "scaleout",
            "AWS_SECRET_ACCESS_KEY": "scaleout-secret",
            "CREDENTIAL_SIGNING_KEY": _credential_signing_key(),
        }
    )
    if metrics_dir is not None:
        env["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    return env


def _run(command: list, env: dict, **kwargs) -> str:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, **kwargs)
    if result.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{result.stderr[-4000:]}")
    return result.stdout


def psql(sql: str, database: str = DATABASE) -> str:
    return _run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", sql], os.environ
    ).strip()


def _fresh_database(env: dict) -> None:
    """A fresh database with every migration applied, copied from a template labelled with
    the migrations' fingerprint: migrating from nothing takes a minute or two."""
    template = f"{DATABASE}_migrated"
    fingerprint = _fingerprint([*ROOT.glob("*/migrations/*.py"), ROOT / "requirements.txt"])
    pg = ["-h", "127.0.0.1", "-U", "postgres"]
    _run(["dropdb", *pg, "--if-exists", "--force", DATABASE], os.environ)
    found = psql(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
        f"WHERE datname = '{template}'",
        database="postgres",
    )
    if found != fingerprint:
        _run(["dropdb", *pg, "--if-exists", "--force", template], os.environ)
        _run(["createdb", *pg, template], os.environ)
        _run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            {**env, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{template}"},
        )
        psql(f"COMMENT ON DATABASE {template} IS '{fingerprint}'", database="postgres")
    _run(["createdb", *pg, "-T", template, DATABASE], os.environ)


def _static_files(env: dict) -> None:
    marker = VAR / "static.fingerprint"
    sources = [p for p in (ROOT / "static").rglob("*") if p.is_file()]
    fingerprint = _fingerprint([*sources, ROOT / "requirements.txt"])
    if marker.exists() and marker.read_text() == fingerprint:
        return
    _run([sys.executable, "manage.py", "collectstatic", "--noinput", "--clear", "-v", "0"], env)
    marker.write_text(fingerprint)


def object_storage_on(env: dict) -> bool:
    """Whether the settings put files in the bucket when AWS_STORAGE_BUCKET_NAME is set
    (django-storages, docs/storage.md)."""
    probe = (
        "import django; django.setup(); "
        "from django.core.files.storage import storages; "
        "print(type(storages['default']).__module__, type(storages['private']).__module__)"
    )
    modules = _run([sys.executable, "-c", probe], env).split()  # a failing probe fails
    return len(modules) == 2 and all("s3" in module for module in modules)


@dataclass
class Stack:
    base: str = f"http://127.0.0.1:{NGINX_PORT}"
    servers: dict = field(default_factory=dict)  # port -> Popen
    workers: dict = field(default_factory=dict)  # number -> Popen
    processes: list = field(default_factory=list)
    setup: dict = field(default_factory=dict)
    storage: bool = False
    started: float = field(default_factory=time.monotonic)
    beat: object = None

    def server_url(self, port: int) -> str:
        return f"http://127.0.0.1:{port}"

    def web_env(self, port: int) -> dict:
        return environment(VAR / f"media-web-{port}", metrics_dir=VAR / f"metrics-{port}")

    def start_server(self, port: int, *, wait: bool = True) -> None:
        log = VAR / f"gunicorn-{port}.log"
        metrics = VAR / f"metrics-{port}"  # empty at each start, as systemd makes it
        shutil.rmtree(metrics, ignore_errors=True)
        metrics.mkdir()
        self.servers[port] = proxy.start_gunicorn(
            port=port, env=self.web_env(port), log_path=log, workers=2
        )
        if wait:
            self.wait_for_server(port)

    def wait_for_server(self, port: int) -> None:
        log = VAR / f"gunicorn-{port}.log"
        proxy.wait_until_serving(self.server_url(port) + "/readyz", self.servers[port], log)

    def start_worker(self, number: int, *, wait: bool = True) -> None:
        path = VAR / f"worker-{number}.log"
        with path.open("a") as marker:
            marker.write("scaleout-start\n")
        log = path.open("a")
        self.workers[number] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                f"--hostname=scaleout{number}@localhost",
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=environment(VAR / f"media-worker-{number}"),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if wait:
            self.wait_for_worker(number)

    def wait_for_worker(self, number: int) -> None:
        path = VAR / f"worker-{number}.log"
        deadline = time.monotonic() + 90
        while "ready." not in path.read_text().rsplit("scaleout-start", 1)[-1]:
            if self.workers[number].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker {number} did not start:\n{path.read_text()[-3000:]}")
            time.sleep(0.2)

    def log_lines(self, name: str) -> list[dict]:
        """The JSON lines of a log (Celery's and the application's); others are skipped."""
        lines = []
        path = VAR / name
        for line in path.read_text().splitlines() if path.exists() else []:
            if line.startswith("{"):
                try:
                    lines.append(json.loads(line))
                except ValueError:
                    pass
        return lines


@pytest.fixture(scope="session")
def scaleout():
    require(_missing())
    VAR.mkdir(parents=True, exist_ok=True)
    for old in VAR.iterdir():  # logs and files of an earlier run; collected static files stay
        if old.name not in ("static", "static.fingerprint"):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    env = environment(VAR / "media-setup")
    if os.environ.get("WAYPOINT_REQUIRE_SERVICES"):
        _run([ROOT / "scripts" / "ensure-services"], os.environ)
    import redis

    for url in (BROKER_URL, CACHE_URL):
        redis.Redis.from_url(url).flushdb()
    _fresh_database(env)
    _static_files(env)

    stack = Stack(storage=object_storage_on(env))
    try:
        moto_log = (VAR / "moto.log").open("w")
        stack.processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(MOTO_PORT)],
                stdout=moto_log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        _create_buckets()
        for port in WEB_PORTS:  # in parallel: each takes seconds to import Django
            stack.start_server(port, wait=False)
        for number in (1, 2):
            stack.start_worker(number, wait=False)
        config = proxy.render_nginx(
            VAR / "nginx",
            listen_port=NGINX_PORT,
            upstream_ports=list(WEB_PORTS),
            static_root=VAR / "static",
            media_root=VAR / "media-nginx",
        )
        for port in WEB_PORTS:
            stack.wait_for_server(port)
        nginx = proxy.start_nginx(config)
        stack.processes.append(nginx)
        proxy.wait_until_serving(stack.base + "/healthz", nginx, VAR / "nginx" / "error.log")
        for number in (1, 2):
            stack.wait_for_worker(number)
        beat_log = (VAR / "beat.log").open("w")
        stack.processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO"],
                cwd=ROOT,
                env=env,
                stdout=beat_log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        stack.beat = stack.processes[-1]
        stack.started = time.monotonic()
        stack.setup = json.loads(
            _run([sys.executable, "-m", "tests.deploy.stack_setup"], env).strip().splitlines()[-1]
        )
        yield stack
    finally:
        for process in [*stack.servers.values(), *stack.workers.values(), *stack.processes]:
            proxy.stop(process, grace_seconds=20)


def _create_buckets() -> None:
    import boto3

    deadline = time.monotonic() + 30
    while not _reachable(MOTO_PORT):
        if time.monotonic() > deadline:
            raise RuntimeError("moto did not start; see var/scaleout/moto.log")
        time.sleep(0.2)
    client = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{MOTO_PORT}",
        region_name="us-east-1",
        aws_access_key_id="scaleout",
        aws_secret_access_key="scaleout-secret",
    )
    for bucket in BUCKETS:
        client.create_bucket(Bucket=bucket)
