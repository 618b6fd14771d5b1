"""Issue 19: the browse scenario through nginx (deploy/nginx/waypoint.conf) in front of one,
then two gunicorn servers (deploy/gunicorn.conf.py), and the ratio of the two.

On one machine of two cores the second server adds processes, not cores: the ratio shows
what nginx and a second server cost, not what a second machine would give. The bench's own
gunicorn (port BENCH_PORT) is stopped by then; these servers listen on BENCH_SCALEOUT_PORT
(nginx) and the two ports after it."""

import os
import shutil
import time

from bench import data, load, proxy, stack
from bench.results import Result
from bench.web import SECONDS, USERS, _fixture

PORT = int(os.environ.get("BENCH_SCALEOUT_PORT", "8113"))
PAGES = [("CatalogueUser", "catalogue"), ("LessonUser", "lesson page")]


def _measure(servers: int, path) -> dict[str, load.Stats]:
    directory = stack.BENCH_VAR / "scaleout"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    ports = [PORT + 1 + number for number in range(servers)]
    processes = []
    try:
        for port in ports:
            log = directory / f"gunicorn-{port}.log"
            processes.append(
                proxy.start_gunicorn(
                    port=port,
                    env={**os.environ, "LOG_REQUESTS": "false"},
                    log_path=log,
                    workers=stack.WORKERS,
                )
            )
        for port, process in zip(ports, processes, strict=True):
            proxy.wait_until_serving(
                f"http://127.0.0.1:{port}/healthz", process, directory / f"gunicorn-{port}.log"
            )
        config = proxy.render_nginx(
            directory / "nginx",
            listen_port=PORT,
            upstream_ports=ports,
            static_root=stack.BENCH_VAR / "static",
            media_root=stack.BENCH_VAR / "media",
        )
        nginx = proxy.start_nginx(config)
        processes.append(nginx)
        proxy.wait_until_serving(
            f"http://127.0.0.1:{PORT}/healthz", nginx, directory / "nginx" / "error.log"
        )
        for _ in range(8 * servers):  # every worker imports its templates first
            proxy.status_of(f"http://127.0.0.1:{PORT}/courses/", timeout=30)
        measured = {}
        for user_class, name in PAGES:
            stats, _usage = load.run(
                "browse.py",
                user_class,
                label=f"scaleout-{servers}-{user_class}",
                users=USERS,
                seconds=SECONDS,
                server_pid=processes[0].pid,
                env={"BENCH_LOCUST_DATA": str(path)},
                host=f"http://127.0.0.1:{PORT}",
            )
            measured[name] = stats[name]
        return measured
    finally:
        for process in processes:
            proxy.stop(process, grace_seconds=30)
        time.sleep(1)


def scaleout() -> list[Result]:
    path = data.write("browse", _fixture())
    one = _measure(1, path)
    two = _measure(2, path)
    results = []
    for _, name in PAGES:
        first, second = one[name], two[name]
        ratio = second.per_second / first.per_second if first.per_second else 0
        results.append(
            Result(
                target="scale-out",
                name=(
                    f"{name} through nginx, signed-in learners ({USERS} users, {SECONDS} s): "
                    f"two app servers against one, {stack.WORKERS} workers each"
                ),
                value=(
                    f"one: {first.per_second:.0f} req/s ({first.latency()}), "
                    f"{first.failures} failed; two: {second.per_second:.0f} req/s "
                    f"({second.latency()}), {second.failures} failed"
                ),
                goal="no failure",
                met=first.failures == 0 and second.failures == 0,
                ratio=(
                    f"{ratio:.2f}× with two servers. On two shared cores a second server adds "
                    "processes, not cores: on an idle machine this shows what nginx and the "
                    "extra processes cost (≤ 1×), not the gain of a second machine; above 1× "
                    "the extra workers took CPU from other work on the machine (load line)."
                ),
            )
        )
    return results
