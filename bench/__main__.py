"""python -m bench [--only NAME ...]: prepares the production-like stack, runs the
scenarios, and writes docs/benchmarks.md."""

import argparse
import os
import sys

SCENARIOS = ["pdf", "issuance"]


def main() -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--only", nargs="*", choices=SCENARIOS, default=SCENARIOS)
    args = parser.parse_args()
    scale = os.environ.get("BENCH_SCALE", "small")

    from bench import results, stack

    stack.prepare()
    measured = []
    if "pdf" in args.only:
        from bench.certificates import pdf_rendering

        measured += pdf_rendering()
    if "issuance" in args.only:
        from bench.certificates import bulk_issuance

        measured += bulk_issuance()
    command = "make bench" + (
        f" BENCH_ARGS='--only {' '.join(args.only)}'" if args.only != SCENARIOS else ""
    )
    section = results.write(
        measured,
        command=command,
        notes=[f"Scale: {scale}", "Settings: config.settings.production, PostgreSQL, Redis"],
    )
    print(section)
    return 0 if all(r.met for r in measured) else 1


if __name__ == "__main__":
    sys.exit(main())
