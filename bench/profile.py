"""python -m bench.profile [--html FILE] [--requests N] [PATH ...]: where a signed-in learner's
lesson page spends its CPU, in this process, with the bench's production settings against
the bench database (run ``make bench BENCH_ARGS='--only browse'`` once first, with the same
BENCH_* environment, so that the database holds the load data).

Each path is requested N times through Django's WSGI handler, as gunicorn would call it,
after a warm-up; the CPU time of this process per request is printed next to the bare
view's, and ``--html`` writes a pyinstrument profile of the lesson page's requests. No
server and no load generator: the figures are the application's own CPU, without the
network, gunicorn or competition for the cores."""

import argparse
import io
import os
import sys
import time


def _environ(path: str, cookie: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8001",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": cookie,
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def _serve(application, path: str, cookie: str) -> int:
    status = []
    body = application(_environ(path, cookie), lambda s, h, e=None: status.append(s))
    for _ in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return int(status[0].split()[0])


def _cpu_per_request(application, paths: list[str], cookie: str, count: int) -> float:
    started = time.process_time()
    for number in range(count):
        path = paths[number % len(paths)]
        status = _serve(application, path, cookie)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
    return 1000 * (time.process_time() - started) / count


def _middleware_costs(lessons, cookie, count, ping, lesson) -> None:
    """What each middleware costs a request: the CPU saved when it alone is left out.
    Leaving one out can change what the others do (no session: no user), so read the
    lesson page's column with care; the bare view's is the overhead every request pays."""
    from django.conf import settings
    from django.test import override_settings

    from config.handlers import KnownPagesWSGIHandler as WSGIHandler

    print(f"{'middleware left out':<58} {'bare view':>10} {'lesson':>10}")
    for name in settings.MIDDLEWARE:
        with override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != name]):
            handler = WSGIHandler()
            saved = []
            for paths, cookie_sent, requests, full in (
                (["/bench/ping"], "", count * 4, ping),
                (lessons, cookie, count, lesson),
            ):
                try:  # a page that needs the middleware (a session, a user) fails
                    for path in paths * 2:
                        _serve(handler, path, cookie_sent)
                    cost = full - _cpu_per_request(handler, paths, cookie_sent, requests)
                    saved.append(f"{cost:+.3f}")
                except Exception:
                    saved.append("needed")
        print(f"{name:<58} {saved[0]:>10} {saved[1]:>10}")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--html", help="write a pyinstrument profile of the lesson page here")
    parser.add_argument(
        "--middleware",
        action="store_true",
        help="the bare view's and the lesson page's CPU without each middleware in turn",
    )
    parser.add_argument(
        "--cprofile", type=int, default=0, help="print the N costliest functions by CPU time"
    )
    args = parser.parse_args()

    from bench import stack

    os.environ.update(stack.environment())
    os.environ.setdefault("BENCH_CEILING_VIEW", "True")
    import django

    django.setup()
    from bench import data
    from config.handlers import get_wsgi_application

    fixture = data.browse_learners(1)
    if not fixture["learners"]:
        raise SystemExit("no learner: run make bench BENCH_ARGS='--only browse' first")
    learner = fixture["learners"][0]
    application = get_wsgi_application()
    lessons, cookie = learner["lessons"], learner["cookie"]
    for path in lessons * 3:
        _serve(application, path, cookie)
    for _ in range(50):
        _serve(application, "/bench/ping", "")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        _serve(application, lessons[0], cookie)
    print(f"{len(queries.captured_queries)} queries for {lessons[0]}:")
    for query in queries.captured_queries:
        print("  ", query["sql"][:150])
    ping = _cpu_per_request(application, ["/bench/ping"], "", args.requests * 4)
    lesson = _cpu_per_request(application, lessons, cookie, args.requests)
    print(
        f"bare view {ping:.2f} ms/request, lesson page {lesson:.2f} ms/request: "
        f"1/{lesson / ping:.1f}"
    )
    if args.middleware:
        _middleware_costs(lessons, cookie, args.requests, ping, lesson)
    if args.cprofile:
        import cProfile
        import pstats

        profile = cProfile.Profile(time.process_time)
        profile.enable()
        _cpu_per_request(application, lessons, cookie, args.requests)
        profile.disable()
        stats = pstats.Stats(profile).strip_dirs()
        stats.sort_stats("cumulative").print_stats(args.cprofile)
        stats.sort_stats("tottime").print_stats(args.cprofile)
    if args.html:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0002)
        profiler.start()
        _cpu_per_request(application, lessons, cookie, args.requests)
        profiler.stop()
        with open(args.html, "w") as handle:
            handle.write(profiler.output_html())
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
