"""locust users for `make bench`, run by bench.load in a process of their own: they import
nothing from Django, and read who they are from the JSON file named by BENCH_LOCUST_DATA."""
