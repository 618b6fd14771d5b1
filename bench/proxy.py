"""nginx with the shipped configuration (deploy/nginx/) in front of gunicorn servers started
with the shipped settings (deploy/gunicorn.conf.py), all on 127.0.0.1. Used by the scale-out
test (tests/deploy/) and by `make bench`'s scale-out scenario (bench/scaleout.py)."""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None
    )


def render_nginx(
    directory: Path,
    *,
    listen_port: int,
    upstream_ports: list[int],
    static_root: Path,
    media_root: Path,
    fail_timeout: int = 3,
) -> Path:
    """deploy/nginx/waypoint.conf rendered by deploy/nginx/render, inside a minimal main
    configuration of the test's own (no root, no port 80, files under ``directory``).
    127.0.0.1 plays the front proxy that terminates TLS."""
    directory.mkdir(parents=True, exist_ok=True)
    upstreams = directory / "upstreams.conf"
    upstreams.write_text(
        "".join(
            f"server 127.0.0.1:{port} max_fails=1 fail_timeout={fail_timeout}s;\n"
            for port in upstream_ports
        )
    )
    env = {
        **os.environ,
        "WAYPOINT_LISTEN": f"127.0.0.1:{listen_port}",
        "WAYPOINT_SERVER_NAME": "_",
        "WAYPOINT_UPSTREAMS_FILE": str(upstreams),
        "WAYPOINT_FRONT_PROXY": "127.0.0.1",
        "WAYPOINT_METRICS_ALLOW": "127.0.0.1",
        "WAYPOINT_STATIC_ROOT": str(static_root),
        "WAYPOINT_MEDIA_ROOT": str(media_root),
        "WAYPOINT_ACCESS_LOG": str(directory / "access.log"),
    }
    site = subprocess.run(
        [DEPLOY / "nginx" / "render"], env=env, check=True, capture_output=True, text=True
    ).stdout
    (directory / "waypoint.conf").write_text(site)
    temp = directory / "temp"
    temp.mkdir(exist_ok=True)
    main = directory / "nginx.conf"
    main.write_text(
        f"pid {directory}/nginx.pid;\n"
        f"error_log {directory}/error.log warn;\n"
        "daemon off;\nworker_processes 1;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        "  include /etc/nginx/mime.types;\n"
        "  default_type application/octet-stream;\n"
        f"  client_body_temp_path {temp}/body;\n  proxy_temp_path {temp}/proxy;\n"
        f"  fastcgi_temp_path {temp}/fastcgi;\n  uwsgi_temp_path {temp}/uwsgi;\n"
        f"  scgi_temp_path {temp}/scgi;\n"
        f"  include {directory}/waypoint.conf;\n"
        "}\n"
    )
    return main


def start_nginx(config: Path) -> subprocess.Popen:
    binary = nginx_binary()
    check = subprocess.run(
        [binary, "-t", "-q", "-c", str(config), "-p", str(config.parent)],
        capture_output=True,
        text=True,
    )
    if check.returncode:
        raise RuntimeError(f"nginx refused the configuration:\n{check.stderr}")
    return subprocess.Popen(
        [binary, "-c", str(config), "-p", str(config.parent)],
        stdout=subprocess.DEVNULL,
        stderr=(config.parent / "stderr.log").open("w"),
        start_new_session=True,
    )


def start_gunicorn(*, port: int, env: dict, log_path: Path, workers: int = 2) -> subprocess.Popen:
    """gunicorn with deploy/gunicorn.conf.py, as the systemd unit starts it."""
    log = log_path.open("a")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(DEPLOY / "gunicorn.conf.py"),
            "config.wsgi:application",
        ],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def status_of(url: str, timeout: float = 2) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def wait_until_serving(url: str, process: subprocess.Popen, log_path: Path, timeout=60) -> None:
    deadline = time.monotonic() + timeout
    while status_of(url) != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            log = log_path.read_text() if log_path.exists() else ""
            raise RuntimeError(f"{url} did not answer 200:\n{log[-4000:]}")
        time.sleep(0.2)


def stop(process: subprocess.Popen, *, grace_seconds: float = 30) -> None:
    """SIGTERM (graceful for gunicorn, warm shutdown for Celery), SIGKILL after the grace."""
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
