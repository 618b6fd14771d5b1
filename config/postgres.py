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
