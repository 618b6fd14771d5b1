"""Query-count assertions that print the SQL when they fail, as Zulip's
``assert_database_query_count`` does."""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def assert_queries(expected: int):
    with CaptureQueriesContext(connection) as context:
        yield context
    executed = len(context.captured_queries)
    if executed != expected:
        sql = "\n".join(f"{i}. {q['sql']}" for i, q in enumerate(context.captured_queries, 1))
        raise AssertionError(f"expected {expected} queries, ran {executed}:\n{sql}")


def count_queries(func) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        result = func()
    return len(context.captured_queries), result
