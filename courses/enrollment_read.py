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
"""

from functools import cache

from django.db import connections

from courses.models import Enrollment, StepCompletion

STEP_KEY_ALIAS = "waypoint_completed_step_key"


@cache
def _statement(database: str) -> str:
    quote = connections[database].ops.quote_name
    enrollment, completion = Enrollment._meta, StepCompletion._meta

    def column(meta, name: str) -> str:
        return quote(meta.get_field(name).column)

    columns = ", ".join(f"e.{quote(field.column)}" for field in enrollment.concrete_fields)
    return (
        f"SELECT {columns}, c.{column(completion, 'step_key')} AS {STEP_KEY_ALIAS} "
        f"FROM {quote(enrollment.db_table)} e "
        f"LEFT JOIN {quote(completion.db_table)} c "
        f"ON c.{column(completion, 'enrollment')} = e.{column(enrollment, 'id')} "
        f"WHERE e.{column(enrollment, 'user')} = %s AND e.{column(enrollment, 'course')} = %s "
        f"AND e.{column(enrollment, 'superseded_at')} IS NULL"
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
    with connection.cursor() as cursor:
        cursor.execute(_statement(database), [user_id, course_id])
        rows = cursor.fetchall()
    if not rows:
        return None, set()
    keys = {row[-1] for row in rows} - {None}
    values = list(rows[0][:-1])
    for index, column, functions in _converters(database):
        value = values[index]
        for function in functions:
            value = function(value, column, connection)
        values[index] = value
    return Enrollment.from_db(database, None, values), keys
