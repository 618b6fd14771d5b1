"""The read every lesson, module and course page makes for its learner: the current
enrolment in the course joined to its completed steps, in one query.

It is written as one plain statement instead of being built with the ORM on every request:
building ``Enrollment.objects.current().filter(...).values_list(..., "completions__step_key")``
cost a lesson page about as much CPU as the rest of its reading together (issue 19, P1). The
statement is the same join, read through ``Enrollment.objects.raw`` (Django's own column
conversions, one query in every count). Its condition must stay that of
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


def current_enrollment_with_completed_keys(
    *, user_id: int, course_id: int
) -> tuple[Enrollment | None, set[str]]:
    manager = Enrollment.objects
    statement = _statement(manager.db)
    rows = list(manager.raw(statement, [user_id, course_id]))
    if not rows:
        return None, set()
    keys = {getattr(row, STEP_KEY_ALIAS) for row in rows} - {None}
    enrollment = rows[0]
    delattr(enrollment, STEP_KEY_ALIAS)
    return enrollment, keys
