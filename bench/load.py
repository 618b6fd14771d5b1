"""Running locust headless against the bench server, in a process of its own (gevent's
monkey-patching stays out of this Django process), and reading its figures back."""

import csv
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench import stack
from bench.cpu import Meter, Usage

LOCUSTFILES = Path(__file__).resolve().parent / "locustfiles"
OUT = stack.BENCH_VAR / "locust"


@dataclass
class Stats:
    """One row of locust's statistics: a request name, or "Aggregated"."""

    name: str
    requests: int
    failures: int
    per_second: float
    median: float  # milliseconds
    p95: float
    p99: float
    maximum: float

    def latency(self) -> str:
        return f"median {self.median:.0f} ms, p95 {self.p95:.0f} ms, p99 {self.p99:.0f} ms"


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:  # "N/A" when a name has no request
        return 0.0


def _read(path: Path) -> dict[str, Stats]:
    stats = {}
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            stats[row["Name"]] = Stats(
                name=row["Name"],
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                per_second=_number(row["Requests/s"]),
                median=_number(row["50%"]),
                p95=_number(row["95%"]),
                p99=_number(row["99%"]),
                maximum=_number(row["Max Response Time"]),
            )
    return stats


def run(
    locustfile: str,
    user_class: str,
    *,
    label: str,
    users: int,
    seconds: int,
    server_pid: int,
    spawn_rate: float | None = None,
    reset_stats: bool = True,
    env: dict[str, str] | None = None,
    host: str | None = None,
) -> tuple[dict[str, Stats], Usage]:
    """Run one user class; returns locust's statistics by request name and where the CPU
    went. ``reset_stats`` drops what was measured while users were still being spawned.
    ``host``: another server than the bench's gunicorn (nginx, bench/scaleout.py)."""
    OUT.mkdir(parents=True, exist_ok=True)
    prefix = OUT / label
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILES / locustfile),
        user_class,
        "--headless",
        f"--users={users}",
        f"--spawn-rate={spawn_rate or users}",
        f"--run-time={seconds}s",
        f"--host={host or stack.BASE_URL}",
        f"--csv={prefix}",
        "--only-summary",
        "--stop-timeout=30",
        "--loglevel=WARNING",
        f"--logfile={prefix}.log",
        *(["--reset-stats"] if reset_stats else []),
    ]
    meter = Meter(server_pid)
    # locust exits non-zero when any request failed; the statistics say which.
    subprocess.run(
        command,
        cwd=stack.ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=(OUT / f"{label}.stderr").open("w"),
        check=False,
        timeout=seconds + 300,
    )
    usage = meter.stop()
    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        raise RuntimeError(f"locust wrote no statistics; see {prefix}.log and .stderr")
    return _read(stats_file), usage
