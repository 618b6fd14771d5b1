"""Completion figures computed live: counts per group (a course, a unit, or a pair) of
the enrolments, certificates and final-assessment scores that pass the criteria, in three
queries whatever the number of rows, with completions per calendar month."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.utils import timezone

from assessments.models import Attempt
from certificates.models import Certificate
from courses.models import Enrollment
from reports.selectors.criteria import (
    COMPLETED,
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    OVERDUE,
    ReportCriteria,
    _criteria_q,
    _has_enrolment_fields,
    _start_of,
    enrollments_matching,
    reported_unit_id,
    status_q,
)

# --- completion figures (reports a and b) -----------------------------------------------


@dataclass
class CompletionFigures:
    enrolled: int = 0
    not_started: int = 0
    in_progress: int = 0
    completed: int = 0
    overdue: int = 0
    certificates: int = 0
    score_total: Decimal = Decimal(0)
    scored: int = 0

    COUNTS = ("enrolled", "not_started", "in_progress", "completed", "overdue", "certificates")

    @property
    def completion_rate(self) -> float | None:
        if not self.enrolled:
            return None
        return round(100 * self.completed / self.enrolled, 1)

    @property
    def mean_score(self) -> float | None:
        if not self.scored:
            return None
        return round(float(self.score_total) / self.scored, 1)

    def add(self, other: "CompletionFigures") -> None:
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.score_total += other.score_total
        self.scored += other.scored


def _figure_aggregates(now: datetime) -> dict:
    return {
        "enrolled": Count("id"),
        "not_started": Count("id", filter=status_q(NOT_STARTED, now)),
        "in_progress": Count("id", filter=status_q(IN_PROGRESS, now)),
        "completed": Count("id", filter=status_q(COMPLETED, now)),
        "overdue": Count("id", filter=status_q(OVERDUE, now)),
    }


def _first_month(criteria: ReportCriteria, months: int) -> date:
    first = timezone.localdate(criteria.now).replace(day=1)
    for _i in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _month_starts(criteria: ReportCriteria, months: int) -> list[date]:
    """The first days of the last ``months`` calendar months, this one included."""
    if not months:
        return []
    starts = [_first_month(criteria, months)]
    while len(starts) < months:
        starts.append(_next_month(starts[-1]))
    return starts


def _group_fields(group) -> tuple:
    """A group's parts: lookups, or expressions (a unit by ``reported_unit_id``)."""
    return group if isinstance(group, tuple) else (group,)


def _expression(part):
    return F(part) if isinstance(part, str) else part


UNIT = "unit"  # a group part: the unit whose figures the row is in (criteria, "whose figures")


def _unit_of_enrolment(enrolment: str = ""):
    return reported_unit_id(enrolment)


def _parts(group, unit) -> dict:
    """``{key_i: expression}`` for a group; ``UNIT`` becomes ``unit``."""
    return {
        f"key_{i}": unit if part == UNIT else _expression(part)
        for i, part in enumerate(_group_fields(group))
    }


def _group_key(values: Iterable, group: str | tuple[str, ...]):
    """A row's group: the value itself for one field, a tuple for several."""
    values = tuple(values)
    return values if isinstance(group, tuple) else values[0]


def _enrolment_counts(criteria: ReportCriteria, group, months: int = 0):
    """Enrolment counts per ``group`` (a lookup, or a tuple of lookups, from Enrollment),
    one pass over the enrolments. With ``months``, the same pass also counts completions in
    each calendar month of the last ``months`` months (one conditional count per month:
    grouping by a month expression would sort every enrolment), so the chart costs no second
    scan. Returns the figures and each group's completions per month (by first day)."""
    aggregates = _figure_aggregates(criteria.now)
    starts = _month_starts(criteria, months)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else _next_month(start)
        aggregates[f"month_{i}"] = Count(
            "id",
            filter=Q(
                status=DONE, completed_at__gte=_start_of(start), completed_at__lt=_start_of(end)
            ),
        )
    keys = _parts(group, _unit_of_enrolment())
    rows = enrollments_matching(criteria).values(**keys).annotate(**aggregates).order_by()
    figures: dict = {}
    monthly: dict = {}
    for row in rows:
        key = _group_key((row.pop(name) for name in keys), group)
        counts = [row.pop(f"month_{i}") for i in range(len(starts))]
        monthly[key] = dict(zip(starts, counts, strict=True))
        figures.setdefault(key, CompletionFigures()).add(CompletionFigures(**row))
    return figures, monthly


def _certificate_counts(criteria: ReportCriteria, group) -> dict:
    """Certificates not revoked, of current enrolments that pass the filters, per ``group``
    (a lookup, or a tuple of lookups, from Certificate). A certificate carries its holder
    and course, so only the date filters need its enrolment; a superseded cycle's
    certificate is left out."""
    superseded = Enrollment.objects.filter(
        pk=OuterRef("enrollment_id"), superseded_at__isnull=False
    )
    of_row = Enrollment.objects.filter(pk=OuterRef("enrollment_id"))
    certificates = Certificate.objects.filter(
        _criteria_q(
            criteria,
            user="user",
            course="course",
            enrolment="enrollment__",
            enrolment_of_row=of_row,
        ),
        ~Exists(superseded),
        revoked_at__isnull=True,
    )
    keys = _parts(group, _unit_of_enrolment("enrollment__"))
    rows = certificates.values(**keys).annotate(n=Count("id")).order_by()
    return {_group_key((row[key] for key in keys), group): row["n"] for row in rows}


def _best_score_totals(criteria: ReportCriteria, group) -> dict:
    """{group value: (sum of best percents, enrolments scored)} in one query.

    Each enrolment's best submitted percent on its course's final assessment in its own
    cycle, summed per ``group`` (a lookup, or a tuple of lookups, from Attempt). Attempts
    name their learner, quiz and cycle: the current cycle is the one no recertification
    superseded. The inner grouping is the ORM's; the outer sum over it is the one line the
    ORM cannot say. A score counts where its enrolment does (criteria, "whose figures"):
    the few enrolments a unit kept after their holder left have their own small index, and
    the outer sum joins them by cycle.
    """
    cycle = {
        "user_id": OuterRef("user_id"),
        "course_id": OuterRef("quiz__course_id"),
        "cycle": OuterRef("cycle"),
    }
    superseded = Enrollment.objects.filter(**cycle, superseded_at__isnull=False)
    attempts = Attempt.objects.filter(
        _criteria_q(
            criteria,
            user="user",
            course="quiz__course",
            enrolment=None,
            enrolment_of_row=Enrollment.objects.filter(**cycle),
        ),
        ~Exists(superseded),
        status=Attempt.Status.SUBMITTED,
        percent__isnull=False,
        quiz__course__isnull=False,
    )
    if _has_enrolment_fields(criteria):
        attempts = attempts.filter(Exists(enrollments_matching(criteria).filter(**cycle)))
    # Grouped by (learner, quiz, cycle) only, in the order of the attempts' indexes; the
    # groups depend on those (a quiz's course, a learner's unit): they ride along as Max.
    parts = _group_fields(group)
    riders = {
        f"g{i}": Max("user__organisation_id" if part == UNIT else part)
        for i, part in enumerate(parts)
    }
    best = (
        attempts.values(u=F("user_id"), q=F("quiz_id"), c=F("cycle"))
        .annotate(best=Max("percent"), course=Max("quiz__course_id"), **riders)
        .order_by()
    )
    try:
        sql, params = best.query.sql_with_params()
    except EmptyResultSet:  # an empty scope: nothing to count
        return {}
    columns = ", ".join(
        f"COALESCE(kept.reported_unit_id, best_scores.g{i})"
        if part == UNIT
        else f"best_scores.g{i}"
        for i, part in enumerate(parts)
    )
    kept = ""
    if UNIT in parts:
        table = connection.ops.quote_name(Enrollment._meta.db_table)
        kept = (
            f"LEFT JOIN {table} kept ON kept.user_id = best_scores.u "
            "AND kept.course_id = best_scores.course AND kept.cycle = best_scores.c "
            "AND kept.reported_unit_id IS NOT NULL"
        )
    with connection.cursor() as cursor:
        cursor.execute(
            # Compiled ORM SQL and a quoted table name; the values are parameters.
            f"SELECT {columns}, SUM(best_scores.best), COUNT(*) "  # noqa: S608
            f"FROM ({sql}) best_scores {kept} GROUP BY {columns}",
            params,
        )
        return {
            _group_key(row[:-2], group): (Decimal(str(row[-2])), row[-1])
            for row in cursor.fetchall()
        }


def _figures(
    criteria: ReportCriteria, *, enrolment_group, certificate_group, attempt_group, months=0
):
    """Completion figures per group, in three queries whatever the number of rows, and each
    group's completions per month."""
    figures, monthly = _enrolment_counts(criteria, enrolment_group, months)
    for key, n in _certificate_counts(criteria, certificate_group).items():
        figures.setdefault(key, CompletionFigures()).certificates = n
    for key, (total, n) in _best_score_totals(criteria, attempt_group).items():
        entry = figures.setdefault(key, CompletionFigures())
        entry.score_total, entry.scored = total, n
    return figures, monthly


def _months_summed(criteria: ReportCriteria, months: int, monthly: dict) -> list[tuple[date, int]]:
    totals = dict.fromkeys(_month_starts(criteria, months), 0)
    for counts in monthly.values():
        for start, n in counts.items():
            if start in totals:
                totals[start] += n
    return sorted(totals.items())
