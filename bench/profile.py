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


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--html", help="write a pyinstrument profile of the lesson page here")
    parser.add_argument(
        "--cprofile", type=int, default=0, help="print the N costliest functions by CPU time"
    )
    args = parser.parse_args()

    from bench import stack

    os.environ.update(stack.environment())
    os.environ.setdefault("BENCH_CEILING_VIEW", "True")
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application

    from bench import data

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
