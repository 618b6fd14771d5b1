"""Writing millions of rows: binary COPY on PostgreSQL, one ``executemany`` per table and
chunk elsewhere (SQLite, for the tests). No model is instantiated and no signal is sent.

On PostgreSQL ``fast_load`` follows the manual's "Populating a Database": the filled
tables' foreign keys, unique constraints and secondary indexes are dropped and built again
at the end (a sorted build, and one join per foreign key, instead of millions of index
insertions and of row-by-row checks at commit), and COPY runs in a second thread, so that
the server takes in one chunk while Python makes the next.
"""

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from allauth.account.models import EmailAddress
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

from accounts.models import Cohort, User
from assessments.models import Attempt, AttemptAnswer
from certificates.models import Certificate
from courses.models import Enrollment, StepCompletion
from devtools.load_data.base import LoadDataError
from enrolments.models import DueDateReminder

BYTEA, JSONB = 17, 3802


class Rows:
    """Rows of one table, in the order of ``fields``, buffered until the writer flushes.
    JSON columns take text already serialised: one string per quiz, not a dump per row."""

    def __init__(self, model, fields: list[str]):
        self.model = model
        self.fields = [model._meta.get_field(name) for name in fields]
        missing = [
            f.name
            for f in model._meta.concrete_fields
            if not f.null and not f.primary_key and f not in self.fields
        ]
        if missing:  # Django sets no database defaults: a programming error, said early
            raise LoadDataError(f"{model._meta.label}: columns missing: {missing}")
        self.rows: list[tuple] = []
        self.written = 0
        self.types: list[int] = []  # PostgreSQL: the columns' type oids, for binary COPY
        quote = connection.ops.quote_name
        self.table = quote(model._meta.db_table)
        self.columns = ", ".join(quote(f.column) for f in self.fields)

    def take(self) -> list[tuple]:
        rows, self.rows = self.rows, []
        self.written += len(rows)
        return rows

    def insert(self, rows: list[tuple]) -> None:
        preps = [_db_value(f) for f in self.fields]
        marks = ", ".join(["%s"] * len(self.fields))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks})",
                [tuple(p(v) for p, v in zip(preps, row, strict=True)) for row in rows],
            )

    def copy(self, cursor, rows: list[tuple]) -> None:
        """Binary COPY: formatting datetimes as text costs more than the server's work.
        jsonb's binary form is a version byte and the text, sent as bytes (encoded once per
        distinct text)."""
        jsonb = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        if jsonb:
            encoded: dict[str, bytes] = {}
            rows = [_encode_jsonb(row, jsonb, encoded) for row in rows]
        sql = f"COPY {self.table} ({self.columns}) FROM STDIN (FORMAT BINARY)"
        with cursor.copy(sql) as copy:
            copy.set_types(self.types)
            for row in rows:
                copy.write_row(row)


def _db_value(model_field) -> Callable:
    if isinstance(model_field, models.JSONField):
        return lambda value: value  # already JSON text
    return lambda value: model_field.get_db_prep_save(value, connection)


def _encode_jsonb(row: tuple, columns: list[int], encoded: dict[str, bytes]) -> tuple:
    values = list(row)
    for i in columns:
        text = values[i]
        if text is not None:
            values[i] = encoded.get(text) or encoded.setdefault(text, b"\x01" + text.encode())
    return tuple(values)


class Writer:
    """The tables the people's rows go to, in the order their foreign keys need."""

    def __init__(self):
        self.users = Rows(User, [
            "id", "password", "last_login", "is_superuser", "email", "full_name",
            "preferred_language", "organisation", "receives_overdue_digest", "is_staff",
            "is_active", "date_joined", "receives_compliance_digest", "images_on_tap",
        ])  # fmt: skip
        self.user_groups = Rows(User.groups.through, ["user", "group"])
        self.managed_units = Rows(User.managed_organisations.through, ["user", "organisation"])
        self.email_addresses = Rows(EmailAddress, ["user", "email", "verified", "primary"])
        self.enrollments = Rows(Enrollment, [
            "id", "user", "course", "status", "enrolled_at", "completed_at", "due_at",
            "last_activity_at", "assigned_by", "cycle",
        ])  # fmt: skip
        self.due_date_reminders = Rows(DueDateReminder, ["enrollment", "kind", "due_at", "sent_at"])
        self.step_completions = Rows(
            StepCompletion, ["enrollment", "step_key", "completed_at", "language"]
        )
        self.attempts = Rows(Attempt, [
            "id", "user", "quiz", "cycle", "number", "status", "started_at", "deadline",
            "submitted_at", "graded_at_deadline", "frozen", "graded_responses", "score",
            "max_score", "percent", "passed", "language",
        ])  # fmt: skip
        self.attempt_answers = Rows(AttemptAnswer, [
            "attempt", "question_key", "response", "saved_at", "fraction", "score",
        ])  # fmt: skip
        self.certificates = Rows(Certificate, [
            "enrollment", "user", "course", "code", "holder_name", "course_title", "issuer",
            "hours", "completed_on", "issued_at", "revoked_at", "revocation_reason",
            "revocation_note", "template", "pdf", "pdf_sha256", "emailed_at", "expires_at",
            "credential",
        ])  # fmt: skip
        self.cohort_members = Rows(Cohort.members.through, ["cohort", "user"])
        self.copier: _Copier | None = None

    @property
    def tables(self) -> dict[str, Rows]:
        return {name: rows for name, rows in vars(self).items() if isinstance(rows, Rows)}

    @property
    def counts(self) -> dict[str, int]:
        return {name: rows.written for name, rows in self.tables.items()}

    def flush(self) -> None:
        batch = [(rows, rows.take()) for rows in self.tables.values() if rows.rows]
        if self.copier is not None:
            self.copier.put(batch)
            return
        for rows, data in batch:
            rows.insert(data)


class _Copier(threading.Thread):
    """Runs the COPYs of one chunk after another on the connection of the transaction
    (psycopg connections may be shared between threads; its lock serialises the use)."""

    def __init__(self, raw_connection):
        super().__init__(name="load-data-copy", daemon=True)
        self.raw = raw_connection
        self.jobs: queue.Queue = queue.Queue(maxsize=1)  # one chunk waits, one is written
        self.error: BaseException | None = None

    def run(self) -> None:
        while (batch := self.jobs.get()) is not None:
            if self.error is not None:
                continue  # drain without writing: the transaction is lost anyway
            try:
                with self.raw.cursor() as cursor:
                    for rows, data in batch:
                        rows.copy(cursor, data)
            except BaseException as error:  # handed to the main thread, which raises it
                self.error = error

    def put(self, batch) -> None:
        self._raise()
        self.jobs.put(batch)

    def finish(self) -> None:
        self.jobs.put(None)
        self.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error


@contextmanager
def fast_load(writer: Writer) -> Iterator[None]:
    """Inside the caller's transaction. On an error the rollback restores what was dropped,
    so nothing is rebuilt then. The tables stay locked until the commit: load a database
    that nobody else is using."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        for rows in writer.tables.values():
            rows.types = _column_types(cursor, rows)
        dropped = _drop_constraints(cursor, [rows.table for rows in writer.tables.values()])
    connection.ensure_connection()
    writer.copier = _Copier(connection.connection)
    writer.copier.start()
    try:
        yield
    finally:
        copier, writer.copier = writer.copier, None
        copier.finish()  # raises the copier's error, if any, after it has stopped
    with connection.cursor() as cursor:
        _run_pending_checks(cursor)
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for statement in dropped:
            cursor.execute(statement)


def _run_pending_checks(cursor) -> None:
    """A table with foreign-key checks still pending in the transaction (rows the reset
    deleted, say) cannot be altered or indexed: run them now, then defer again, as Django
    declares its constraints."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _column_types(cursor, rows: Rows) -> list[int]:
    cursor.execute(
        "SELECT attname, atttypid FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
        [rows.table],
    )
    oids = dict(cursor.fetchall())
    return [BYTEA if oids[f.column] == JSONB else oids[f.column] for f in rows.fields]


def _drop_constraints(cursor, tables: list[str]) -> list[str]:
    """Drop the tables' foreign keys, unique constraints and secondary indexes; returns the
    statements that create them again, indexes first and foreign keys last."""
    _run_pending_checks(cursor)
    indexes, uniques, foreign_keys = [], [], []
    quote = connection.ops.quote_name
    for table in tables:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype",
            [table],
        )
        for name, definition, kind in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
            create = f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}"
            (foreign_keys if kind == "f" else uniques).append(create)
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT EXISTS ("
            "  SELECT 1 FROM pg_constraint c "
            "  WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)",
            [table],
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f"DROP INDEX {quote(name)}")
            indexes.append(definition)
    return indexes + uniques + foreign_keys


class IdAllocator:
    """Ids of the rows that others point at, handed out here so that a chunk is written
    without reading anything back. ``reset_sequences`` moves the sequences past them."""

    MODELS = {"user": User, "enrollment": Enrollment, "attempt": Attempt}

    def __init__(self):
        self.next = {
            kind: (model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
            for kind, model in self.MODELS.items()
        }

    def take(self, kind: str) -> int:
        value = self.next[kind]
        self.next[kind] = value + 1
        return value


def reset_sequences() -> None:
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the highest id inserted
    sql = connection.ops.sequence_reset_sql(no_style(), list(IdAllocator.MODELS.values()))
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


def analyze() -> None:
    """Fresh planner statistics, so that the first report over the new rows is planned for
    a million enrolments rather than for an empty table."""
    if connection.vendor != "postgresql":
        return
    tables = [rows.table for rows in Writer().tables.values()]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(tables))
