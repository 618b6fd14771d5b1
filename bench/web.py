"""Ceilings and P1 (pages a signed-in learner browses), P4's verification lookups (the public
page anyone opens from a certificate's QR code), and P5 (the lesson page's weight), against
the bench's gunicorn.

Every page is measured the same way as the ceilings it is compared with, in the same run:
USERS locust users send one kind of request back to back for SECONDS seconds. Requests per
second is then the server's throughput for that page; the server's CPU time per request is
given too, because on two shared cores the load generator takes CPU from the server, and
more of it the faster the page (which flatters the slow pages' ratio to the ceiling)."""

import gzip
import os
import re
import urllib.error
import urllib.request

from bench import data, load, stack, wrk
from bench.cpu import Usage
from bench.load import Stats
from bench.results import Result

USERS = int(os.environ.get("BENCH_BROWSE_USERS", "16"))  # 4 per worker: never idle
SECONDS = int(os.environ.get("BENCH_BROWSE_SECONDS", "15"))
LEARNERS = 100
P1_RATIO = 1 / 5
CRITICAL_PATH_LIMIT, CRITICAL_PATH_AIM, JAVASCRIPT_LIMIT = 100 * 1024, 50 * 1024, 30 * 1024
CEILINGS = [("PingUser", "bare Django view"), ("StaticUser", "static file (CSS)")]
PAGES = [
    ("CatalogueUser", "catalogue"),
    ("CourseUser", "course page"),
    ("LessonUser", "lesson page"),
    ("VerifyUser", "certificate verification page"),
]
VERIFY_CODES = 200


def fetch(path: str, cookie: str = "", encoding: str = "identity") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(
        stack.BASE_URL + path,
        headers={"Cookie": cookie, "X-Forwarded-Proto": "https", "Accept-Encoding": encoding},
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def _fixture() -> dict:
    from django.templatetags.static import static

    fixture = data.browse_learners(LEARNERS)
    if not fixture["learners"]:
        raise RuntimeError("no learner with an enrolment: did generate_load_data run?")
    fixture["stylesheet"] = static("css/waypoint.css")
    fixture["verify"] = data.verification_paths(VERIFY_CODES)
    if not fixture["verify"]:
        raise RuntimeError("no certificate to verify: did generate_load_data run?")
    return fixture


def _warm(fixture: dict) -> None:
    """Every learner's course page once (their session learns whether to show the admin
    link) and every lesson once (the route cache learns its page); all must be served."""
    seen = set()
    for learner in fixture["learners"]:
        for path in [learner["course"], *(p for p in learner["lessons"] if p not in seen)]:
            seen.add(path)
            status = fetch(path, learner["cookie"])[0]
            if status != 200:
                raise RuntimeError(f"{path} answered {status} to an enrolled learner")


def _cpu_per_request(stats: Stats, usage: Usage) -> float:
    return 1000 * usage.server / stats.requests if stats.requests else 0.0


def browse(server_pid: int) -> list[Result]:
    fixture = _fixture()
    _warm(fixture)
    path = data.write("browse", fixture)
    measured: dict[str, tuple[Stats, Usage]] = {}
    for user_class, name in CEILINGS + PAGES:
        stats, usage = load.run(
            "browse.py",
            user_class,
            label=f"browse-{user_class}",
            users=USERS,
            seconds=SECONDS,
            server_pid=server_pid,
            env={"BENCH_LOCUST_DATA": str(path)},
        )
        measured[name] = (stats[name], usage)
    if not wrk.available():
        raise RuntimeError("wrk is missing: run scripts/ensure-system-deps as root")
    return _browse_results(measured) + _wrk_results(fixture, server_pid)


def _browse_results(measured: dict[str, tuple[Stats, Usage]]) -> list[Result]:
    ceiling, ceiling_usage = measured["bare Django view"]
    ceiling_cpu = _cpu_per_request(ceiling, ceiling_usage)
    results = []
    for _, name in CEILINGS + PAGES:
        stats, usage = measured[name]
        cpu = _cpu_per_request(stats, usage)
        ratio = stats.per_second / ceiling.per_second if ceiling.per_second else 0
        value = (
            f"{stats.per_second:.0f} req/s ({stats.latency()}); {stats.failures} failed of "
            f"{stats.requests}; server CPU {cpu:.1f} ms/request"
        )
        detail = f"{usage.summary()}"
        if name == "bare Django view":
            results.append(Result("ceiling", f"{name} (`/bench/ping`)", value, "—", None, detail))
            continue
        if name.startswith("static"):
            results.append(Result("ceiling", name, value, "—", None, detail))
            continue
        cpu_ratio = ceiling_cpu / cpu if cpu else 0
        ratio_text = (
            f"1/{1 / ratio:.1f} of the bare view's req/s; 1/{1 / cpu_ratio:.1f} of its "
            f"CPU-bound rate. {detail}"
            if ratio and cpu_ratio
            else detail
        )
        if name == "certificate verification page":
            results.append(
                Result(
                    target="P4",
                    name=(
                        f"{name}, anonymous lookups of {VERIFY_CODES} codes ({USERS} users back "
                        f"to back, {SECONDS} s; the per-client rate limit raised for the bench)"
                    ),
                    value=value,
                    goal="no failure (≤ 3 queries: tests)",
                    met=stats.failures == 0,
                    ratio=ratio_text,
                )
            )
            continue
        is_lesson = name == "lesson page"
        results.append(
            Result(
                target="P1",
                name=f"{name}, signed-in learner ({USERS} users back to back, {SECONDS} s)",
                value=value,
                goal="≥ 1/5 of the bare view, no failure" if is_lesson else "no failure",
                met=stats.failures == 0 and (ratio >= P1_RATIO if is_lesson else True),
                ratio=ratio_text,
            )
        )
    return results


def _wrk_results(fixture: dict, server_pid: int) -> list[Result]:
    """The bare view and the lesson page again, side by side, with wrk: the same
    connections, the learners' sessions and lessons in turn. wrk takes little CPU, so its
    ratio is the one locust cannot cap; the CPU-per-request ratio should agree with it."""
    lessons = [
        (path, learner["cookie"]) for learner in fixture["learners"] for path in learner["lessons"]
    ]
    runs = {}
    for label, targets in (("ping", [("/bench/ping", "")]), ("lesson", lessons)):
        runs[label] = wrk.run(
            targets, label=label, connections=USERS, seconds=SECONDS, server_pid=server_pid
        )
    (ping, ping_usage), (lesson, lesson_usage) = runs["ping"], runs["lesson"]
    ping_cpu = 1000 * ping_usage.server / ping.requests if ping.requests else 0.0
    lesson_cpu = 1000 * lesson_usage.server / lesson.requests if lesson.requests else 0.0
    ratio = lesson.per_second / ping.per_second if ping.per_second else 0.0
    cpu_ratio = ping_cpu / lesson_cpu if lesson_cpu else 0.0
    how = f"wrk, {USERS} connections, {SECONDS} s"

    def value(stats, cpu):
        return (
            f"{stats.per_second:.0f} req/s ({stats.latency()}); {stats.failures} failed of "
            f"{stats.requests}; server CPU {cpu:.1f} ms/request"
        )

    return [
        Result(
            "ceiling",
            f"bare Django view (`/bench/ping`; {how})",
            value(ping, ping_cpu),
            "—",
            None,
            ping_usage.summary(),
        ),
        Result(
            target="P1",
            name=f"lesson page, signed-in learner ({how}; {len(lessons)} lessons of "
            f"{len(fixture['learners'])} learners in turn)",
            value=value(lesson, lesson_cpu),
            goal="≥ 1/5 of the bare view, no failure",
            met=lesson.failures == 0 and ratio >= P1_RATIO,
            ratio=(
                f"1/{1 / ratio:.1f} of the bare view's req/s (wrk); 1/{1 / cpu_ratio:.1f} of "
                f"its CPU-bound rate. {lesson_usage.summary()}"
                if ratio and cpu_ratio
                else lesson_usage.summary()
            ),
        ),
    ]


def page_weight(fixture: dict | None = None) -> list[Result]:
    """P5, as a browser on a slow connection gets the lesson page from this server: the HTML
    (gzipped here, as the proxy in front would; Django sends it plain), the stylesheets it
    links (as whitenoise serves them compressed) and its JavaScript."""
    fixture = fixture or _fixture()
    learner = fixture["learners"][0]
    lesson = learner["lessons"][len(learner["lessons"]) // 2]
    status, _, html = fetch(lesson, learner["cookie"])
    if status != 200:
        raise RuntimeError(f"{lesson} answered {status}")
    stylesheets = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    scripts = re.findall(rb'<script[^>]*src="([^"]+)"', html)
    inline = re.findall(rb"<script(?![^>]*src)[^>]*>(.*?)</script>", html, re.S)
    css_wire = 0
    for href in stylesheets:
        _, headers, body = fetch(href.decode(), encoding="gzip")
        compressed = headers.get("Content-Encoding") == "gzip"
        css_wire += len(body) if compressed else len(gzip.compress(body))
    javascript = b"".join(fetch(src.decode())[2] for src in scripts) + b"".join(inline)
    html_gzip = len(gzip.compress(html))
    total = html_gzip + css_wire + (len(gzip.compress(javascript)) if javascript else 0)
    return [
        Result(
            target="P5",
            name="Lesson page critical path, compressed (HTML + CSS + JS)",
            value=(
                f"{total / 1024:.1f} KB (HTML {html_gzip / 1024:.1f} KB gzipped from "
                f"{len(html) / 1024:.1f} KB, CSS {css_wire / 1024:.1f} KB as served)"
            ),
            goal="≤ 100 KB (aim < 50 KB)",
            met=total <= CRITICAL_PATH_LIMIT,
            ratio=f"{total / CRITICAL_PATH_AIM:.2f} of the 50 KB aim",
        ),
        Result(
            target="P5",
            name="Lesson page JavaScript",
            value=f"{len(javascript) / 1024:.1f} KB ({len(scripts)} files, {len(inline)} inline)",
            goal="≤ 30 KB",
            met=len(javascript) <= JAVASCRIPT_LIMIT,
            ratio=f"{len(javascript) / JAVASCRIPT_LIMIT:.2f} of the limit",
        ),
    ]
