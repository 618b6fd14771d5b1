"""docs/benchmarks.md: the newest run on top, earlier runs kept below it, so that a
regression shows."""

import platform
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "benchmarks.md"
HEADER = """# Benchmarks

Written by `make bench` (see README, "Benchmarks"). Each run is measured on one machine in
one go; ratios compare figures taken in the same run. The newest run is first; earlier runs
stay below so that regressions show.
"""
MARKER = "<!-- runs -->"


@dataclass
class Result:
    target: str
    name: str
    value: str
    goal: str
    met: bool
    ratio: str = ""


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass
    return f"{os.cpu_count()} cores ({cpu or platform.processor()}){memory}, {platform.platform()}"


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"


def write(results: list[Result], *, command: str, notes: list[str]) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## Run of {stamp}",
        "",
        f"- Command: `{command}`",
        f"- Machine: {machine()}",
        f"- Commit: {_commit()}",
        *[f"- {note}" for note in notes],
        "",
        "| target | measurement | result | goal | met | ratio |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r.target} | {r.name} | {r.value} | {r.goal} | {'yes' if r.met else '**no**'} "
            f"| {r.ratio} |"
        )
    section = "\n".join(lines) + "\n"
    earlier = ""
    if REPORT.exists():
        text = REPORT.read_text()
        if MARKER in text:
            earlier = text.split(MARKER, 1)[1].lstrip("\n")
    REPORT.write_text(f"{HEADER}\n{MARKER}\n\n{section}\n{earlier}")
    return section
