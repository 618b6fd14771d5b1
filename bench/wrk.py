"""Running wrk (Debian's ``wrk``, scripts/ensure-system-deps) against the bench server: a
load generator written in C that takes a few percent of a core where locust takes most of
one, so that on two shared cores it does not cap the fast pages (the bare view). Each
connection sends the next of a list of requests (path and cookie) back to back; any answer
but 200 counts as failed, so a redirect to sign in is a failure, not a fast page."""

import re
import shutil
import subprocess
from dataclasses import dataclass

from bench import stack
from bench.cpu import Meter, Usage

OUT = stack.BENCH_VAR / "wrk"
THREADS = 2
SUMMARY = re.compile(
    r"WAYPOINT requests=(\d+) failed=(\d+) seconds=([\d.]+) "
    r"p50=([\d.]+) p95=([\d.]+) p99=([\d.]+)"
)
SCRIPT = """
local paths = {%(paths)s}
local cookies = {%(cookies)s}
local prepared = {}
local position = 0
local threads = {}
failed = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for i, path in ipairs(paths) do
    local headers = {["X-Forwarded-Proto"] = "https"}
    if cookies[i] ~= "" then headers["Cookie"] = cookies[i] end
    prepared[i] = wrk.format("GET", path, headers)
  end
  position = math.random(#prepared) - 1
end

function request()
  position = position %% #prepared + 1
  return prepared[position]
end

function response(status, headers, body)
  if status ~= 200 then failed = failed + 1 end
end

function done(summary, latency, requests)
  local failures = 0
  for _, thread in ipairs(threads) do failures = failures + thread:get("failed") end
  io.write(string.format(
    "WAYPOINT requests=%%d failed=%%d seconds=%%.3f p50=%%.2f p95=%%.2f p99=%%.2f\\n",
    summary.requests, failures + summary.errors.status, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


@dataclass
class WrkStats:
    requests: int
    failures: int
    seconds: float
    median: float  # milliseconds
    p95: float
    p99: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def latency(self) -> str:
        return f"median {self.median:.0f} ms, p95 {self.p95:.0f} ms, p99 {self.p99:.0f} ms"


def available() -> bool:
    return shutil.which("wrk") is not None


def _lua_strings(values) -> str:
    return ", ".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values)


def run(
    targets: list[tuple[str, str]],
    *,
    label: str,
    connections: int,
    seconds: int,
    server_pid: int,
) -> tuple[WrkStats, Usage]:
    """``targets``: (path, Cookie header or "") pairs, sent in turn by every connection."""
    OUT.mkdir(parents=True, exist_ok=True)
    script = OUT / f"{label}.lua"
    script.write_text(
        SCRIPT
        % {
            "paths": _lua_strings(path for path, _ in targets),
            "cookies": _lua_strings(cookie for _, cookie in targets),
        }
    )
    command = [
        "wrk",
        f"--threads={THREADS}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=30s",
        f"--script={script}",
        stack.BASE_URL,
    ]
    meter = Meter(server_pid)
    finished = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=seconds + 120
    )
    usage = meter.stop()
    (OUT / f"{label}.out").write_text(finished.stdout + finished.stderr)
    found = SUMMARY.search(finished.stdout)
    if not found:
        raise RuntimeError(f"wrk printed no summary; see {OUT / label}.out")
    requests, failed = int(found[1]), int(found[2])
    seconds_taken, median, p95, p99 = (float(found[i]) for i in range(3, 7))
    return WrkStats(requests, failed, seconds_taken, median, p95, p99), usage
