"""P3: the manager reports over the load data, against the bench's gunicorn.

An administrator (everything) and the manager of one ministry (its subtree) open the two
summary reports, Completion by course and Completion by unit: cold (the summary cache entry
deleted before each request, so the page reads the summary snapshot the periodic job
keeps), warm (served from the summary cache), and computed ("Refresh the figures": every
enrolment, certificate and attempt in scope read again, for reference). Then the
administrator downloads Learner progress as CSV, every row: seconds, rows, bytes, and the
peak memory of the gunicorn worker that served it (its high-water mark, reset just before).

Times are the median of SAMPLES requests as the client on 127.0.0.1 sees them, beside the
server's CPU per request (bench.cpu)."""

import os
import statistics
import time
import urllib.request
from pathlib import Path

from bench import data, stack
from bench.cpu import Meter, cpu_seconds, worker_pids
from bench.results import Result

SAMPLES = int(os.environ.get("BENCH_REPORTS_SAMPLES", "7"))
COMPUTED_SAMPLES = 3
SUMMARY_MS, EXPORT_SECONDS, EXPORT_MB = 300, 30, 200
PAGES = [
    ("Completion by course", "/admin/reports/courses/"),
    ("Completion by unit", "/admin/reports/units/"),
]
EXPORT = "/admin/reports/learners/?export=csv"
# Compliance with required courses: totals from the summary snapshot, the page of people
# read live; and with "Refresh the figures", totals computed set-wise, for reference.
COMPLIANCE = "/admin/reports/compliance/"
SUMMARY_KEYS = "*reports:summary:*"  # reports.selectors.summaries._cached, with Django's prefix


def _people() -> list[tuple[str, str]]:
    """(who, Cookie header) for a bench administrator and the manager of the first ministry
    of the load data, each with a second factor on record, as production requires of staff
    before /admin/ (the session is written directly, so it is never asked for)."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from accounts import roles
    from accounts.models import Organisation

    admin, _ = get_user_model().objects.get_or_create(
        email="bench-admin@example.org", defaults={"full_name": "Bench Administrator"}
    )
    admin.groups.add(Group.objects.get(name=roles.ADMINISTRATORS))
    ministry = (
        Organisation.objects.filter(depth=1, code__startswith="load-").order_by("path").first()
    )
    manager = ministry and ministry.managers.order_by("id").first()
    if manager is None:
        raise RuntimeError("no ministry manager in the load data: did generate_load_data run?")
    for user in (admin, manager):
        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.WEBAUTHN, defaults={"data": {}}
        )
    cookies = data.sign_in([admin, manager])
    return [
        ("administrator (everything)", cookies[0]),
        (f"manager of one ministry ({ministry.name})", cookies[1]),
    ]


def _open(path: str, cookie: str):
    request = urllib.request.Request(
        stack.BASE_URL + path, headers={"Cookie": cookie, "X-Forwarded-Proto": "https"}
    )
    return urllib.request.urlopen(request, timeout=600)


def _get_ms(path: str, cookie: str) -> float:
    started = time.perf_counter()
    with _open(path, cookie) as response:
        response.read()
        if response.status != 200 or response.url != stack.BASE_URL + path:
            raise RuntimeError(f"{path} answered {response.status} at {response.url}")
    return 1000 * (time.perf_counter() - started)


def _bust_summaries() -> None:
    import redis

    client = redis.Redis.from_url(stack.CACHE_URL)
    keys = list(client.scan_iter(match=SUMMARY_KEYS, count=1000))
    if keys:
        client.delete(*keys)


def _median(path: str, cookie: str, samples: int, server_pid: int, *, cold: bool):
    """Median milliseconds of ``samples`` requests, and the server's CPU per request."""
    _get_ms(path, cookie)  # the worker's templates and the person's permissions
    times, meter = [], Meter(server_pid)
    for _ in range(samples):
        if cold:
            _bust_summaries()
        times.append(_get_ms(path, cookie))
    usage = meter.stop()
    return statistics.median(times), 1000 * usage.server / samples


def _snapshot() -> float:
    from reports.services.summary_snapshots import summary_snapshot_take

    started = time.monotonic()
    summary_snapshot_take()
    return time.monotonic() - started


def _summaries(server_pid: int, people) -> list[Result]:
    results = []
    for who, cookie in people:
        for page, path in PAGES:
            cold, cold_cpu = _median(path, cookie, SAMPLES, server_pid, cold=True)
            warm, warm_cpu = _median(path, cookie, SAMPLES, server_pid, cold=False)
            computed, computed_cpu = _median(
                path + "?refresh=1", cookie, COMPUTED_SAMPLES, server_pid, cold=False
            )
            load = os.getloadavg()[0]
            results.append(
                Result(
                    target="P3",
                    name=f"{page}, {who}: cold (from the summary snapshot)",
                    value=(
                        f"{cold:.0f} ms median of {SAMPLES}; server CPU {cold_cpu:.0f} ms; "
                        f"machine load {load:.1f}"
                    ),
                    goal=f"≤ {SUMMARY_MS} ms",
                    met=cold <= SUMMARY_MS,
                    ratio=(
                        f"warm (summary cache) {warm:.0f} ms, server CPU {warm_cpu:.0f} ms; "
                        f"computed afresh (Refresh the figures) {computed:.0f} ms median of "
                        f"{COMPUTED_SAMPLES}, server CPU {computed_cpu:.0f} ms"
                    ),
                )
            )
    return results


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _export(server_pid: int, cookie: str, path: str, name: str) -> Result:
    """One CSV export read to its end: its time and the serving worker's peak memory."""
    workers = worker_pids(server_pid)
    for pid in workers:  # reset each worker's peak RSS to its current RSS
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    cpu_before = cpu_seconds(workers)
    rss_before = {pid: _status_kb(pid, "VmRSS") / 1024 for pid in workers}
    started = time.monotonic()
    size = lines = 0
    with _open(path, cookie) as response:
        while chunk := response.read(1 << 20):
            size += len(chunk)
            lines += chunk.count(b"\n")
    seconds = time.monotonic() - started
    cpu_after = cpu_seconds(workers)
    served_by = max(workers, key=lambda pid: cpu_after[pid] - cpu_before[pid])
    peak_mb = _status_kb(served_by, "VmHWM") / 1024
    rows = lines - 6  # the heading block (5 lines) and the column headings
    return Result(
        target="P3",
        name=name,
        value=(
            f"{rows:,} rows ({size / 2**20:.1f} MB) in {seconds:.1f} s; peak RSS of the "
            f"worker serving it {peak_mb:.0f} MB ({rss_before[served_by]:.0f} MB before); "
            f"machine load {os.getloadavg()[0]:.1f}"
        ),
        goal=f"≤ {EXPORT_SECONDS} s, ≤ {EXPORT_MB} MB",
        met=seconds <= EXPORT_SECONDS and peak_mb <= EXPORT_MB,
        ratio=(
            f"{seconds / EXPORT_SECONDS:.2f} of the time, {peak_mb / EXPORT_MB:.2f} of the "
            "memory (the whole worker: Django and Wagtail loaded)"
        ),
    )


def reports(server_pid: int) -> list[Result]:
    people = _people()
    snapshot_seconds = _snapshot()
    results = [
        Result(
            target="P3",
            name="Summary snapshot (the periodic job, every 5 minutes), every course and unit",
            value=f"{snapshot_seconds:.1f} s",
            goal="—",
            met=None,
        )
    ]
    results += _summaries(server_pid, people)
    results += _compliance(server_pid, people)
    admin_cookie = people[0][1]
    results.append(
        _export(
            server_pid,
            admin_cookie,
            EXPORT,
            "CSV export of Learner progress, every row, administrator",
        )
    )
    results.append(
        _export(
            server_pid,
            admin_cookie,
            COMPLIANCE + "?export=csv",
            "CSV export of Compliance with required courses, every person and required course, "
            "administrator",
        )
    )
    return results


def _compliance(server_pid: int, people) -> list[Result]:
    """The compliance page, every person of the scope against the courses their units
    require (generate_load_data: each ministry requires three courses)."""
    results = []
    for who, cookie in people:
        median, cpu = _median(COMPLIANCE, cookie, SAMPLES, server_pid, cold=False)
        computed, computed_cpu = _median(
            COMPLIANCE + "?refresh=1", cookie, COMPUTED_SAMPLES, server_pid, cold=False
        )
        results.append(
            Result(
                target="P3",
                name=f"Compliance with required courses, {who} (totals from the snapshot)",
                value=(
                    f"{median:.0f} ms median of {SAMPLES}; server CPU {cpu:.0f} ms; "
                    f"machine load {os.getloadavg()[0]:.1f}"
                ),
                goal=f"≤ {SUMMARY_MS} ms",
                met=median <= SUMMARY_MS,
                ratio=(
                    f"totals computed afresh (Refresh the figures) {computed:.0f} ms median "
                    f"of {COMPUTED_SAMPLES}, server CPU {computed_cpu:.0f} ms"
                ),
            )
        )
    return results
