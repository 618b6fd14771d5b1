"""Where the CPU went during a measurement: the server, the load generator, and the rest
(PostgreSQL, Redis, and anything else running on the machine). On two shared cores the
load generator competes with the server, so every throughput figure says how much CPU each
side had; the server's CPU per request does not depend on that competition."""

import os
import resource
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _processes() -> dict[int, tuple[int, float]]:
    """Every process: its parent and the CPU seconds it has used (user and system)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):  # gone in between
            continue
        found[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK)
    return found


def _descendants(pid: int, processes: dict[int, tuple[int, float]]) -> set[int]:
    tree, grew = {pid}, True
    while grew:
        more = {p for p, (parent, _) in processes.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return tree


def worker_pids(server_pid: int) -> list[int]:
    """The processes a server started (gunicorn's workers)."""
    return sorted(_descendants(server_pid, _processes()) - {server_pid})


def cpu_seconds(pids) -> dict[int, float]:
    """CPU seconds (user and system) each of these processes has used so far."""
    processes = _processes()
    return {pid: processes[pid][1] for pid in pids if pid in processes}


def _machine_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / TICK, sum(values[:8]) / TICK


@dataclass
class Usage:
    seconds: float  # wall clock
    server: float  # CPU seconds of the gunicorn master and workers
    load: float  # CPU seconds of the load generator (children waited for in between)
    workers: float  # CPU seconds of the Celery workers the bench started
    busy: float  # CPU seconds of the whole machine

    @property
    def rest(self) -> float:
        return max(0.0, self.busy - self.server - self.load - self.workers)

    def share(self, cpu_seconds: float) -> str:
        return f"{100 * cpu_seconds / self.seconds:.0f}%" if self.seconds else "?"

    def summary(self) -> str:
        """Percent of one core, over the measurement: 200% is both cores of two."""
        workers = f"Celery workers {self.share(self.workers)}, " if self.workers else ""
        return (
            f"CPU: server {self.share(self.server)}, load generator {self.share(self.load)}, "
            f"{workers}database and rest {self.share(self.rest)} "
            f"(of {100 * (os.cpu_count() or 1)}%)"
        )


class Meter:
    """Start before a measurement, ``stop()`` after it; ``server_pid`` is gunicorn's
    master, whose workers are counted too. Other processes this one started and still runs
    (Celery workers) are counted as workers."""

    def __init__(self, server_pid: int | None):
        self.server_pid = server_pid
        self._start = self._read()

    def _read(self):
        processes = _processes()
        server = _descendants(self.server_pid, processes) if self.server_pid else set()
        ours = _descendants(os.getpid(), processes) - server - {os.getpid()}
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (
            os.times().elapsed,
            {pid: processes[pid][1] for pid in server},
            {pid: processes[pid][1] for pid in ours},
            children.ru_utime + children.ru_stime,
            _machine_seconds()[0],
        )

    def stop(self) -> Usage:
        elapsed, server, ours, load, busy = self._read()
        start_elapsed, start_server, start_ours, start_load, start_busy = self._start
        # A process started in between counts from zero; the load generator has exited and
        # been waited for, so it is in the children's usage, not among ``ours``.
        return Usage(
            seconds=elapsed - start_elapsed,
            server=sum(now - start_server.get(pid, 0.0) for pid, now in server.items()),
            load=load - start_load,
            workers=sum(now - start_ours.get(pid, 0.0) for pid, now in ours.items()),
            busy=busy - start_busy,
        )
