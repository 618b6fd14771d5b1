"""Timestamps read from PostgreSQL in UTC through one C call instead of Django's loader.

Django's PostgreSQL backend reads every ``timestamptz`` value with its own subclass of
psycopg's pure-Python loader (``psycopg_any.BaseTzLoader``): a regular expression, ten
``int()`` calls, a shift to the connection's zone, then ``datetime.replace(tzinfo=...)``
with keyword arguments — about 40,000 instructions a value; a signed-in lesson page reads
six (the person's and the enrolment's), issue 19, P1.

Our connections run in UTC (``TIME_ZONE = "UTC"``, no per-database zone), so PostgreSQL
sends ``2026-11-20 10:11:12.123456+00``, which ``datetime.fromisoformat`` reads into the
same value Django's loader gives: the same wall time with ``tzinfo=datetime.timezone.utc``.
Anything else (another zone or offset, years after 9999, BC, infinity) goes to
Django's loader unchanged, and so does every connection whose zone is not UTC.
"""

from datetime import UTC, datetime
from functools import cache

from django.db.backends.signals import connection_created


@cache
def _utc_iso_loader(django_loader: type) -> type:
    class UtcIsoTimestamptzLoader(django_loader):
        def load(self, data):
            if (
                self.timezone is UTC
                and len(data) >= 22
                and data[-3:] == b"+00"
                and data[4:5] == b"-"
                and data[10:11] == b" "
            ):
                try:
                    return datetime.fromisoformat(bytes(data).decode("ascii"))
                except ValueError:
                    pass
            return super().load(data)

    UtcIsoTimestamptzLoader.django_loader = django_loader
    return UtcIsoTimestamptzLoader


def use_utc_iso_loader(*, sender=None, connection, **kwargs) -> None:
    """``connection_created`` receiver: PostgreSQL connections only."""
    if connection.vendor != "postgresql":
        return
    from psycopg.postgres import types
    from psycopg.pq import Format

    adapters = connection.connection.adapters
    oid = types["timestamptz"].oid
    current = adapters.get_loader(oid, Format.TEXT)
    if getattr(current, "timezone", None) is not UTC or hasattr(current, "django_loader"):
        return  # not Django's loader for a UTC connection, or ours already
    adapters.register_loader(oid, _utc_iso_loader(current))


def connect() -> None:
    connection_created.connect(use_utc_iso_loader, dispatch_uid="config.postgres.utc_iso")


@cache
def _preparing_cursor_class() -> type:
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        """Django's server-binding cursor, whose statements are prepared on their first run
        on a connection (psycopg keeps up to ``prepared_max`` of them, 100)."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(
                query, params, prepare=True if prepare is None else prepare, binary=binary
            )

        def _send_query_prepared(self, name, pgq, *, binary=None):
            # psycopg keeps the query it sent for a plain run, not for a prepared one;
            # Django's query log (CaptureQueriesContext, DEBUG) reads it from there.
            self._query = pgq
            return super()._send_query_prepared(name, pgq, binary=binary)

    return PreparingCursor


def prepared_statement_cursor(connection):
    """A cursor for a statement that a page runs on every request (issue 19, P1).

    Django binds parameters on the client and turns psycopg's prepared statements off: every
    run sends PostgreSQL the whole statement as text, which it parses and plans again (the
    lesson page's enrolment read took 0.27 ms to plan and 0.05 ms to run). On PostgreSQL
    this cursor binds them on the server and prepares each statement on its first run on a
    connection; later runs skip the parse and, once PostgreSQL settles on a generic plan,
    the planning. Only the statements run through this cursor are prepared; every other
    query keeps Django's client-side binding. It is Django's cursor wrapper around it, as
    ``connection.cursor()`` makes one, so query capture, execute wrappers and the
    query-count tests see its statements.

    Django turns preparing off (psycopg's ``prepare_threshold`` is None) unless the
    database's OPTIONS set it; our settings do, unless ``DATABASE_PREPARED_STATEMENTS`` is
    off (behind a pooler that does not keep prepared statements across transactions, such
    as PgBouncer in transaction mode before 1.21). Without it, and on other databases, this
    is ``connection.cursor()``. Django's other cursors bind on the client and are never
    prepared, whatever the threshold.
    """
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        return connection.cursor()
    with connection.wrap_database_errors:
        # BaseDatabaseWrapper._cursor, with our cursor in place of create_cursor's.
        cursor = _preparing_cursor_class()(connection.connection)
        return connection._prepare_cursor(cursor)
