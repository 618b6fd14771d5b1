"""One row per enrolment, for the learner-progress and overdue reports: a page's rows
with progress and best scores bulk-loaded after pagination, or every row streamed for an
export with the same facts computed set-wise in one statement."""

from collections.abc import Iterable, Iterator
from datetime import UTC
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Max, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from assessments.models import Attempt
from courses.models import CoursePage, StepCompletion
from courses.selectors import course_outlines
from reports.selectors.criteria import (
    COMPLETED,
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    OVERDUE,
    ReportCriteria,
    enrollments_matching,
    status_q,
)


def enrolment_count(criteria: ReportCriteria) -> int:
    """How many rows an enrolment report has: the count without the rows' joins."""
    return enrollments_matching(criteria).count()


# --- enrolment rows (reports c and d) -----------------------------------------------------


ENROLMENT_FIELDS = ("id", "user_id", "course_id", "cycle", "status")


def _enrolment_values(criteria: ReportCriteria) -> dict:
    """What every enrolment row carries, worked out by the database: dates in the current
    time zone, and whether the learner started and is overdue (no datetimes to convert
    row by row in Python: an export has a million rows)."""
    return {
        "started": ExpressionWrapper(Q(last_activity_at__isnull=False), BooleanField()),
        "overdue": ExpressionWrapper(status_q(OVERDUE, criteria.now), BooleanField()),
        "enrolled_on": TruncDate("enrolled_at"),
        "due_on": TruncDate("due_at"),
        "completed_on": TruncDate("completed_at"),
        "learner_name": F("user__full_name"),
        "learner_email": F("user__email"),
        # The unit the row counts in (criteria, "whose figures").
        "unit_name": Coalesce(F("reported_unit__name"), F("user__organisation__name")),
        "course_title": F("course__title"),
    }


def learner_rows_queryset(criteria: ReportCriteria) -> QuerySet:
    """One row per current enrolment, alphabetical by learner, then course."""
    return (
        enrollments_matching(criteria)
        .values(
            *ENROLMENT_FIELDS,
            **_enrolment_values(criteria),
            certificate_code=F("certificate__code"),
            certificate_revoked=ExpressionWrapper(
                Q(certificate__revoked_at__isnull=False), BooleanField()
            ),
        )
        .order_by("user__full_name", "user__email", "course__title", "id")
    )


class StepTotals:
    """The current steps of each course, read once from the page tree (course_outlines)."""

    def __init__(self, course_ids: Iterable[int]):
        courses = list(CoursePage.objects.filter(id__in=set(course_ids)))
        self.keys = {cid: o.step_keys for cid, o in course_outlines(courses).items()}

    def total(self, course_id: int) -> int:
        return len(self.keys.get(course_id, ()))

    def pairs(self) -> list[tuple[int, str]]:
        return [(course_id, key) for course_id, keys in self.keys.items() for key in keys]


def with_facts(rows: list[dict], totals: StepTotals) -> list[dict]:
    """A page of enrolment rows with ``steps_done`` (steps of the course's current outline
    completed) and ``best`` (best submitted final-assessment percent in the enrolment's
    cycle): two queries whatever the page size."""
    if not rows:
        return rows
    by_course: dict[int, list[int]] = {}
    for row in rows:
        by_course.setdefault(row["course_id"], []).append(row["id"])
    steps = Q(pk__in=[])
    for course_id, ids in by_course.items():
        if totals.keys.get(course_id):
            steps |= Q(enrollment_id__in=ids, step_key__in=totals.keys[course_id])
    done = dict(
        StepCompletion.objects.filter(steps)
        .values("enrollment_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("enrollment_id", "n")
    )
    best = (
        Attempt.objects.filter(
            status=Attempt.Status.SUBMITTED,
            percent__isnull=False,
            user_id__in={row["user_id"] for row in rows},
            quiz__course_id__in=by_course.keys(),
        )
        .values("user_id", "quiz__course_id", "cycle")
        .annotate(best=Max("percent"))
        .order_by()
    )
    scores = {(b["user_id"], b["quiz__course_id"], b["cycle"]): b["best"] for b in best}
    for row in rows:
        row["steps_done"] = done.get(row["id"], 0)
        row["best"] = scores.get((row["user_id"], row["course_id"], row["cycle"]))
    return rows


def rows_with_facts_streamed(
    queryset: QuerySet, totals: StepTotals, order: list[str], batch: int
) -> Iterator[dict]:
    """Every row of an enrolment report with the same ``steps_done`` and ``best`` as
    ``with_facts``, computed set-wise in one statement (a page's lookups, repeated for a
    million rows, would take minutes) and read in batches from a server-side cursor.

    The rows are the report's own ORM query; the two joins the ORM cannot say (completions
    counted against each course's current steps, passed as a VALUES list; best percents
    per learner, course and cycle) wrap it. ``order`` repeats the queryset's ordering by
    the rows' names.
    """
    try:
        sql, params = facts_sql(queryset, totals, order)
    except EmptyResultSet:
        return
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        # Inside a transaction the server-side cursor streams instead of materialising.
        _tune_for_one_big_read()
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        sqlite = connection.vendor == "sqlite"
        while rows := cursor.fetchmany(batch):
            for values in rows:
                row = dict(zip(names, values, strict=True))
                if sqlite:
                    _sqlite_values(row)
                elif row["best"] is not None and not isinstance(row["best"], Decimal):
                    row["best"] = Decimal(str(row["best"]))
                yield row


def _sqlite_values(row: dict) -> None:
    """Raw rows skip the ORM's conversions: SQLite hands dates, datetimes and decimals back
    as text or floats."""
    from django.utils.dateparse import parse_date, parse_datetime

    for name in ("enrolled_on", "due_on", "completed_on"):
        if isinstance(row.get(name), str):
            row[name] = parse_date(row[name])
    due = row.get("due_at_value")
    if due is not None:
        due = parse_datetime(due) if isinstance(due, str) else due
        row["due_at_value"] = due if timezone.is_aware(due) else due.replace(tzinfo=UTC)
    if row["best"] is not None:
        row["best"] = Decimal(str(row["best"]))


EXPORT_WORK_MEM = "64MB"


def _tune_for_one_big_read() -> None:
    """PostgreSQL only, for this transaction: enough memory for the joins' hash tables, no
    JIT compilation (seconds spent compiling a plan that reads every row once), and no
    parallel workers."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = %s", [EXPORT_WORK_MEM])
            # One process: parallel workers would each rebuild the same hash tables.
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")


def facts_sql(queryset: QuerySet, totals: StepTotals, order: list[str]) -> tuple[str, list]:
    """The statement of ``rows_with_facts_streamed`` (also for EXPLAIN in docs/reports.md)."""
    inner, params = queryset.order_by().query.sql_with_params()
    quote = connection.ops.quote_name
    pairs = totals.pairs() or [(-1, "")]
    keys_sql = ", ".join(["(%s, %s)"] * len(pairs))
    key_params = [value for pair in pairs for value in pair]
    completion = quote(StepCompletion._meta.db_table)
    attempt, quiz = (
        quote(Attempt._meta.db_table),
        quote(Attempt.quiz.field.related_model._meta.db_table),
    )
    sql = f"""
        SELECT r.*, COALESCE(d.done, 0) AS steps_done, b.best AS best
        FROM ({inner}) r
        LEFT JOIN (
            SELECT sc.enrollment_id AS enrollment_id, k.column1 AS course_id, COUNT(*) AS done
            FROM {completion} sc
            INNER JOIN (VALUES {keys_sql}) AS k ON k.column2 = sc.step_key
            GROUP BY sc.enrollment_id, k.column1
        ) d ON d.enrollment_id = r.id AND d.course_id = r.course_id
        LEFT JOIN (
            SELECT a.user_id AS user_id, q.course_id AS course_id, a.cycle AS cycle,
                   MAX(a.percent) AS best
            FROM {attempt} a INNER JOIN {quiz} q ON q.id = a.quiz_id
            WHERE a.status = %s AND a.percent IS NOT NULL AND q.course_id IS NOT NULL
            GROUP BY a.user_id, q.course_id, a.cycle
        ) b ON b.user_id = r.user_id AND b.course_id = r.course_id AND b.cycle = r.cycle
        ORDER BY {", ".join(f"r.{quote(name)}" for name in order)}
    """  # noqa: S608 - compiled ORM SQL and quoted table names; values are parameters
    return sql, [*params, *key_params, Attempt.Status.SUBMITTED]


def enrolment_status(status: str, started) -> str:
    if status == DONE:
        return COMPLETED
    return IN_PROGRESS if started else NOT_STARTED


def progress_percent(row: dict, totals: StepTotals) -> int:
    total = totals.total(row["course_id"])
    return min(100, round(100 * row["steps_done"] / total)) if total else 0
