"""docs/benchmarks.md: the newest run on top, earlier runs kept below it, so that a
regression shows."""

import os
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "benchmarks.md"
HEADER = """# Benchmarks

Written by `make bench` (see README, "Benchmarks"). Each run is measured on one machine in
one go; ratios compare figures taken in the same run. The newest run is first; earlier runs
stay below so that regressions show.

Reading the figures: CPU shares are percent of one core over a measurement (200% is all of
two cores); "database and rest" is PostgreSQL, Redis and anything else running on the
machine then, which the load line of each run hints at. On two shared cores the load
generator takes CPU from the server, more of it the faster the page, so a page's ratio to
the bare view in requests per second flatters it; the ratio of the server's CPU per request
does not depend on that.
"""
MARKER = "<!-- runs -->"


@dataclass
class Result:
    target: str
    name: str
    value: str
    goal: str
    met: bool | None  # None: a reference figure (a ceiling) with no goal of its own
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
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass
    return f"{os.cpu_count()} cores ({cpu or platform.processor()}){memory}, {platform.platform()}"


def _commit() -> str:
    """The checked-out commit, read from .git without running git (a fresh clone has it;
    an export without .git says "unknown")."""
    git = ROOT / ".git"
    try:
        if git.is_file():  # a worktree: "gitdir: <path>"
            git = Path(git.read_text().split(":", 1)[1].strip())
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:7]
        ref = head[5:]
        common = git / "commondir"
        roots = [git] + ([git / common.read_text().strip()] if common.exists() else [])
        for root in roots:
            if (root / ref).exists():
                return (root / ref).read_text().strip()[:7]
            packed = root / "packed-refs"
            if packed.exists():
                for line in packed.read_text().splitlines():
                    if line.endswith(" " + ref):
                        return line[:7]
    except (OSError, IndexError):
        pass
    return "unknown"


def _met(met: bool | None) -> str:
    return "—" if met is None else "yes" if met else "**no**"


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
            f"| {r.target} | {r.name} | {r.value} | {r.goal} | {_met(r.met)} | {r.ratio} |"
        )
    section = "\n".join(lines) + "\n"
    earlier = ""
    if REPORT.exists():
        text = REPORT.read_text()
        if MARKER in text:
            earlier = text.split(MARKER, 1)[1].lstrip("\n")
    REPORT.write_text(f"{HEADER}\n{MARKER}\n\n{section}\n{earlier}")
    return section
