"""docs/benchmarks.md as `make bench` writes it: the newest run on top, earlier runs kept,
a missed goal in bold, and locust's statistics read back as written."""

from bench import load, results
from bench.results import Result


def test_each_run_goes_on_top_and_earlier_runs_stay(tmp_path, monkeypatch):
    monkeypatch.setattr(results, "REPORT", tmp_path / "benchmarks.md")
    first = [Result("P1", "lesson page", "40 req/s", "≥ 1/5", False, "1/10 of the bare view")]
    second = [
        Result("ceiling", "bare Django view", "400 req/s", "—", None),
        Result("P5", "lesson page weight", "4 KB", "≤ 100 KB", True),
    ]

    results.write(first, command="make bench", notes=["Scale: small"])
    results.write(second, command="make bench BENCH_ARGS='--only weight'", notes=[])

    text = results.REPORT.read_text()
    assert text.count("## Run of") == 2
    assert text.index("--only weight") < text.index("| P1 | lesson page")
    assert "| P1 | lesson page | 40 req/s | ≥ 1/5 | **no** | 1/10 of the bare view |" in text
    assert "| ceiling | bare Django view | 400 req/s | — | — |  |" in text
    assert "| P5 | lesson page weight | 4 KB | ≤ 100 KB | yes |  |" in text


def test_locust_statistics_are_read_by_request_name(tmp_path):
    path = tmp_path / "exam_stats.csv"
    columns = (
        "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
        "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
        "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
    )
    path.write_text(
        f"{columns}\n"
        "POST,answer save (fetch),10000,2,38,45.1,9,900,16,81.2,0.01,"
        "38,45,52,57,70,88,120,150,400,900,900\n"
        ",Aggregated,10000,2,38,45.1,9,900,16,81.2,0.01,38,45,52,57,70,88,120,150,400,900,900\n"
    )

    stats = load._read(path)

    save = stats["answer save (fetch)"]
    assert (save.requests, save.failures, save.p95, save.per_second) == (10000, 2, 88, 81.2)
    assert save.latency() == "median 38 ms, p95 88 ms, p99 150 ms"


def test_exam_saves_are_split_at_the_end_of_the_start_wave():
    from bench.exam import SAVE, _saves

    timings = [
        ("start attempt", 100.0, 900.0, False),
        ("attempt page", 101.0, 9000.0, False),  # the last learner has the page at 110 s
        (SAVE, 105.0, 4000.0, False),  # queued behind the wave
        *[(SAVE, 111.0 + n, 40.0, False) for n in range(18)],
        (SAVE, 130.0, 60.0, True),
    ]

    saves = _saves(timings)

    assert (saves["count"], saves["failed"], saves["steady"]) == (20, 1, 19)
    assert saves["wave"] == 10.0
    assert saves["p99"] > 1000  # the queued save counts in the figure for all saves
    assert saves["steady_p95"] <= 60
