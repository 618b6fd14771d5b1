"""A connection kept between requests is checked without a statement (``config.postgresql``,
issue 19, P1), and a connection the server has closed is still replaced before a query."""

import time
from unittest import mock

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_connection(postgres):
    """A second connection to the test database, idle between requests as a worker's is."""
    kept = connections.create_connection("default")
    kept.ensure_connection()
    assert kept.health_check_enabled  # CONN_HEALTH_CHECKS, from our settings
    yield kept
    kept.close()


def _next_request(kept):
    kept.health_check_done = False  # what request_started does for a kept connection


def _pid(kept) -> int:
    with kept.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_a_live_idle_connection_is_checked_without_a_statement(kept_connection):
    pid = _pid(kept_connection)
    _next_request(kept_connection)

    with mock.patch.object(type(kept_connection), "is_usable", side_effect=AssertionError):
        kept_connection.close_if_health_check_failed()

    assert _pid(kept_connection) == pid  # the same connection, kept


def test_a_connection_the_server_closed_is_replaced_before_the_next_query(kept_connection):
    pid = _pid(kept_connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        for _ in range(100):  # until the server has let it go
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.05)
    _next_request(kept_connection)

    kept_connection.close_if_health_check_failed()

    assert _pid(kept_connection) != pid  # a new connection answers, no error reaches the page
