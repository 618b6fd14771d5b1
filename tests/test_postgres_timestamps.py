"""Timestamps read from PostgreSQL through ``config.postgres``'s loader are the values
Django's own loader gives, with the same zone object, for every form PostgreSQL sends."""

from datetime import UTC

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

VALUES = [
    "2026-11-20 10:11:12.123456+00",
    "2026-11-20 10:11:12.5+00",
    "2026-11-20 10:11:12+00",
    "2026-02-28 23:59:59.999999+00",
    "1999-12-31 23:00:00+01:30",
    "0099-01-01 00:00:00+00",
    "0001-01-01 00:00:00+00",
    "9999-12-31 23:59:59.999999+00",
]


def _read(sql: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchone())


def test_timestamps_read_as_djangos_loader_reads_them(postgres):
    from psycopg.postgres import types
    from psycopg.pq import Format

    loader = postgres.connection.adapters.get_loader(types["timestamptz"].oid, Format.TEXT)
    assert hasattr(loader, "django_loader"), "config.postgres's loader is not in use"
    columns = ", ".join(f"'{value}'::timestamptz" for value in VALUES)

    ours = _read(f"SELECT {columns}")
    postgres.connection.adapters.register_loader("timestamptz", loader.django_loader)
    try:
        django = _read(f"SELECT {columns}")
    finally:
        postgres.connection.adapters.register_loader("timestamptz", loader)

    assert ours == django
    assert [value.tzinfo for value in ours] == [value.tzinfo for value in django]
    assert all(value.tzinfo is UTC for value in ours)


def test_the_fast_read_is_used_for_utc_values(postgres, monkeypatch):
    """Django's loader is not called for a value in UTC (the point of it: ~40,000
    instructions a value there, issue 19, P1), and is for anything else."""
    from psycopg.postgres import types
    from psycopg.pq import Format

    loader = postgres.connection.adapters.get_loader(types["timestamptz"].oid, Format.TEXT)
    calls = []
    original = loader.django_loader.load
    monkeypatch.setattr(
        loader.django_loader, "load", lambda self, data: calls.append(data) or original(self, data)
    )

    _read("SELECT '2026-11-20 10:11:12.123456+00'::timestamptz, NULL::timestamptz")
    assert calls == []
    # Not what a UTC session sends, but any other form is Django's to read.
    value = loader(types["timestamptz"].oid, postgres.connection).load(b"2026-11-20 10:11:12+05:30")
    assert calls == [b"2026-11-20 10:11:12+05:30"]
    assert value.isoformat() == "2026-11-20T04:41:12+00:00"
