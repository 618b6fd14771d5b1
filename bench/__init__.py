"""`make bench`: measures Waypoint against the targets of docs/targets.md on a production-like
stack on 127.0.0.1 and writes docs/benchmarks.md. Not part of the test suite."""
