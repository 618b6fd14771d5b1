"""python -m bench [--only NAME ...]: prepares the production-like stack, runs the
scenarios, and writes docs/benchmarks.md."""

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.results import Result


@dataclass(frozen=True)
class Scenario:
    name: str
    what: str
    run: Callable[[int | None], list[Result]]  # given gunicorn's pid when ``server``
    data: bool = False  # needs the load data set (generate_load_data)
    server: bool = False  # needs gunicorn running on 127.0.0.1:BENCH_PORT


def _browse(server_pid):
    from bench.web import browse

    return browse(server_pid)


def _weight(server_pid):
    from bench.web import page_weight

    return page_weight()


def _video(server_pid):
    from bench.video import video_weight

    return video_weight()


def _offline(server_pid):
    from bench.offline import weak_link

    return weak_link()


def _exam(server_pid):
    from bench.exam import exam_burst

    return exam_burst(server_pid)


def _reports(server_pid):
    from bench.reports import reports

    return reports(server_pid)


def _pdf(server_pid):
    from bench.certificates import pdf_rendering

    return pdf_rendering()


def _issuance(server_pid):
    from bench.certificates import bulk_issuance

    return bulk_issuance()


def _signing(server_pid):
    from bench.certificates import credential_signing

    return credential_signing()


def _scaleout(server_pid):
    from bench.scaleout import scaleout

    return scaleout()


# In the order they run: those that need the server first, while it is up, then the rest.
SCENARIOS = [
    Scenario("browse", "ceilings and P1: catalogue, course and lesson pages", _browse, True, True),
    Scenario("weight", "P5: the lesson page's weight and JavaScript", _weight, True, True),
    Scenario("video", "issue 17: a lesson with a video, before play; 304", _video, False, True),
    Scenario("offline", "P6: a lesson on a weak link, cold and warm", _offline, True, True),
    Scenario("exam", "P2: 500 learners take a timed exam at once; integrity", _exam, True, True),
    Scenario(
        "reports", "P3: summary reports cold and warm; a full CSV export", _reports, True, True
    ),
    Scenario("pdf", "P4: certificate PDF rendering, warm", _pdf),
    Scenario("issuance", "P4, R1: 1,000 certificates by two workers", _issuance),
    Scenario("signing", "P4: what signing the credential adds to issuing", _signing),
    Scenario(
        "scaleout", "issue 19: browse through nginx, one and two app servers", _scaleout, True
    ),
]
NAMES = [scenario.name for scenario in SCENARIOS]


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="make bench",
        epilog="Scenarios: " + "; ".join(f"{s.name}: {s.what}" for s in SCENARIOS),
    )
    parser.add_argument("--only", nargs="*", choices=NAMES, default=NAMES)
    args = parser.parse_args()
    chosen = [s for s in SCENARIOS if s.name in args.only]

    from bench import data, results, stack

    scale = data.scale()
    load = os.getloadavg()
    started = time.monotonic()

    def say(what: str) -> None:
        print(f"bench: {what} ({time.monotonic() - started:.0f} s)", flush=True)

    stack.prepare()
    say("stack ready")
    notes = [
        f"Scale: {scale}",
        "Settings: config.settings.production, PostgreSQL, Redis, "
        f"gunicorn with {stack.WORKERS} sync workers, Celery workers where a scenario says",
        f"Machine load before the run (1, 5, 15 min): {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}",
    ]
    if any(s.data for s in chosen):
        command, seconds = data.load_data()
        notes.append(f"Data: `{command}` ({seconds:.0f} s)")
        say("load data ready")
    measured = []
    serving = [s for s in chosen if s.server]
    if serving:
        with stack.web_server() as server:
            for scenario in serving:
                say(f"{scenario.name} starts")
                measured += scenario.run(server.pid)
    for scenario in chosen:
        if not scenario.server:
            say(f"{scenario.name} starts")
            measured += scenario.run(None)
    say("done")
    command = "make bench" + (
        f" BENCH_ARGS='--only {' '.join(args.only)}'" if args.only != NAMES else ""
    )
    if scale != "small":
        command = f"BENCH_SCALE={scale} {command}"
    section = results.write(measured, command=command, notes=notes)
    print(section)
    return 0 if all(r.met is not False for r in measured) else 1


if __name__ == "__main__":
    sys.exit(main())
