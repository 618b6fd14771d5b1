"""The read every lesson, module and course page makes for its learner: the current
enrolment in the course joined to its completed steps, in one query.

It is written as one plain statement instead of being built with the ORM on every request:
building ``Enrollment.objects.current().filter(...).values_list(..., "completions__step_key")``
cost a lesson page about as much CPU as the rest of its reading together (issue 19, P1). The
statement is the same join, run through ``connection.cursor()`` (one query in every count);
each enrolment column goes through the converters the ORM's compiler would apply, and
``Enrollment.from_db`` makes the instance (cheaper than ``Enrollment.objects.raw``, which
maps the columns to fields again on every call). Its condition must stay that of
``EnrollmentQuerySet.current``: ``tests/courses/test_enrollment_read.py`` compares both.

The enrolment's columns come back once, in a row of their own, and each completed step in
a row that holds only its key (``UNION ALL``), not the enrolment repeated beside every
step key as a join gives it: turning a timestamp column into an aware ``datetime`` is
psycopg and Django Python code, ~40,000 instructions a value, and a learner five steps into
a course paid for twenty of them on every page instead of four.
"""

from functools import cache

from django.db import connections

from config.postgres import prepared_statement_cursor
from courses.models import Enrollment, StepCompletion

STEP_KEY_ALIAS = "waypoint_completed_step_key"
_PK_INDEX = Enrollment._meta.concrete_fields.index(Enrollment._meta.pk)


@cache
def _statement(database: str) -> str:
    quote = connections[database].ops.quote_name
    enrollment, completion = Enrollment._meta, StepCompletion._meta

    def column(meta, name: str) -> str:
        return quote(meta.get_field(name).column)

    columns = ", ".join(f"e.{quote(field.column)}" for field in enrollment.concrete_fields)
    no_columns = ", ".join("NULL" for _ in enrollment.concrete_fields)
    current = (
        f"e.{column(enrollment, 'user')} = %s AND e.{column(enrollment, 'course')} = %s "
        f"AND e.{column(enrollment, 'superseded_at')} IS NULL"
    )
    return (
        f"SELECT {columns}, NULL AS {STEP_KEY_ALIAS} "
        f"FROM {quote(enrollment.db_table)} e WHERE {current} "
        "UNION ALL "
        f"SELECT {no_columns}, c.{column(completion, 'step_key')} "
        f"FROM {quote(completion.db_table)} c "
        f"INNER JOIN {quote(enrollment.db_table)} e "
        f"ON c.{column(completion, 'enrollment')} = e.{column(enrollment, 'id')} "
        f"WHERE {current}"
    )


@cache
def _converters(database: str) -> tuple:
    """Per column of the enrolment, the converters the ORM's compiler would apply."""
    connection = connections[database]
    meta = Enrollment._meta
    converters = []
    for index, field in enumerate(meta.concrete_fields):
        column = field.get_col(meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((index, column, tuple(found)))
    return tuple(converters)


def current_enrollment_with_completed_keys(
    *, user_id: int, course_id: int
) -> tuple[Enrollment | None, set[str]]:
    database = Enrollment.objects.db
    connection = connections[database]
    with prepared_statement_cursor(connection) as cursor:
        cursor.execute(_statement(database), [user_id, course_id] * 2)
        rows = cursor.fetchall()
    # The enrolment's row is the one with its id; every other row is a step key.
    pk = _PK_INDEX
    enrollment_row = next((row for row in rows if row[pk] is not None), None)
    if enrollment_row is None:
        return None, set()
    keys = {row[-1] for row in rows if row[pk] is None}
    values = list(enrollment_row[:-1])
    for index, column, functions in _converters(database):
        value = values[index]
        for function in functions:
            value = function(value, column, connection)
        values[index] = value
    return Enrollment.from_db(database, None, values), keys
