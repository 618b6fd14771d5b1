"""The manager reports' queries. Read-only, each in a fixed number of queries whatever the
number of rows.

Every row set starts from ``enrollments_matching``: the CURRENT enrolments (a cycle that a
recertification replaced is history, not a figure) of learners inside the person's
``OrganisationScope``, narrowed by the report's filters. Filters can only narrow the scope:
the unit filter goes through ``OrganisationScope.narrow_to`` before it reaches us.

Definitions (docs/reports.md says the same for managers):

- *not started*: not completed and no step completed yet. ``courses.services.step_complete``
  stamps ``last_activity_at`` with every completed step, so "no activity recorded" is "no
  step completed" without looking at millions of completion rows.
- *in progress*: not completed, at least one step completed.
- *overdue*: not completed and the due date has passed.
- *completion rate*: completed / enrolled.
- *mean final-assessment score*: the mean, over the enrolments that submitted at least one
  attempt at the course's final assessment in their cycle, of each one's best percent.
- *certificates*: current enrolments holding a certificate that is not revoked.
"""

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import OrganisationScope
from assessments.models import Attempt
from certificates.models import Certificate
from courses.models import CoursePage, Enrollment, EnrollmentRequest, StepCompletion
from courses.selectors import course_outlines
from reports.models import SummaryMonthTally, SummarySnapshot, SummaryTally

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
OVERDUE = "overdue"
STATUS_CHOICES = [
    (NOT_STARTED, _("Not started")),
    (IN_PROGRESS, _("In progress")),
    (COMPLETED, _("Completed")),
    (OVERDUE, _("Overdue")),
]
STATUS_LABELS = dict(STATUS_CHOICES)

ACTIVE = Enrollment.Status.ACTIVE
DONE = Enrollment.Status.COMPLETED


@dataclass(frozen=True)
class ReportCriteria:
    """What a report counts: the scope (already narrowed to a unit when one was chosen) and
    the filters. ``now`` is fixed once per request so that every query agrees on what is
    overdue."""

    scope: OrganisationScope
    course_id: int | None = None
    topic_id: int | None = None
    cohort_id: int | None = None
    enrolled_from: date | None = None
    enrolled_to: date | None = None
    status: str = ""
    now: datetime = field(default_factory=timezone.now)
    fresh: bool = False  # summary figures computed now, not taken from the cache


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def status_q(status: str, now: datetime) -> Q:
    return {
        NOT_STARTED: Q(status=ACTIVE, last_activity_at__isnull=True),
        IN_PROGRESS: Q(status=ACTIVE, last_activity_at__isnull=False),
        COMPLETED: Q(status=DONE),
        OVERDUE: Q(status=ACTIVE, due_at__lt=now),
    }[status]


def _criteria_q(criteria: ReportCriteria, *, user: str, course: str, enrolment: str | None) -> Q:
    """The scope and filters as a condition on any row that names a learner (``user``
    lookup) and a course (``course`` lookup); ``enrolment`` is the lookup prefix of the
    enrolment's own fields, or None when the row has no enrolment (then the caller adds
    the enrolment-level filters itself)."""
    condition = criteria.scope.q(f"{user}__organisation")
    if criteria.course_id:
        condition &= Q(**{f"{course}_id": criteria.course_id})
    if criteria.topic_id:
        condition &= Q(**{f"{course}__topic_id": criteria.topic_id})
    if criteria.cohort_id:
        condition &= Q(**{f"{user}__cohorts": criteria.cohort_id})
    if enrolment is not None:
        condition &= _enrolment_fields_q(criteria, enrolment)
    return condition


def _enrolment_fields_q(criteria: ReportCriteria, prefix: str) -> Q:
    condition = Q()
    if criteria.enrolled_from:
        condition &= Q(**{f"{prefix}enrolled_at__gte": _start_of(criteria.enrolled_from)})
    if criteria.enrolled_to:
        next_day = _start_of(criteria.enrolled_to + timedelta(days=1))
        condition &= Q(**{f"{prefix}enrolled_at__lt": next_day})
    if criteria.status:
        status = status_q(criteria.status, criteria.now)
        condition &= Q(*[(f"{prefix}{k}", v) for k, v in status.children])
    return condition


def _has_enrolment_fields(criteria: ReportCriteria) -> bool:
    return bool(criteria.enrolled_from or criteria.enrolled_to or criteria.status)


def enrollments_matching(criteria: ReportCriteria) -> QuerySet:
    """Current enrolments in scope that pass the filters. The one place rows start from;
    certificates and attempts below are narrowed by the same conditions."""
    return Enrollment.objects.current().filter(
        _criteria_q(criteria, user="user", course="course", enrolment="")
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


def _group_fields(group: str | tuple[str, ...]) -> tuple[str, ...]:
    return group if isinstance(group, tuple) else (group,)


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
    fields = _group_fields(group)
    keys = {f"key_{i}": F(name) for i, name in enumerate(fields)}
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
    certificates = Certificate.objects.filter(
        _criteria_q(criteria, user="user", course="course", enrolment="enrollment__"),
        ~Exists(superseded),
        revoked_at__isnull=True,
    )
    fields = _group_fields(group)
    rows = certificates.values_list(*fields).annotate(n=Count("id")).order_by()
    return {_group_key(row[:-1], group): row[-1] for row in rows}


def _best_score_totals(criteria: ReportCriteria, group) -> dict:
    """{group value: (sum of best percents, enrolments scored)} in one query.

    Each enrolment's best submitted percent on its course's final assessment in its own
    cycle, summed per ``group`` (a lookup, or a tuple of lookups, from Attempt). Attempts
    name their learner, quiz and cycle: the current cycle is the one no recertification
    superseded. The inner grouping is the ORM's; the outer sum over it is the one line the
    ORM cannot say.
    """
    cycle = {
        "user_id": OuterRef("user_id"),
        "course_id": OuterRef("quiz__course_id"),
        "cycle": OuterRef("cycle"),
    }
    superseded = Enrollment.objects.filter(**cycle, superseded_at__isnull=False)
    attempts = Attempt.objects.filter(
        _criteria_q(criteria, user="user", course="quiz__course", enrolment=None),
        ~Exists(superseded),
        status=Attempt.Status.SUBMITTED,
        percent__isnull=False,
        quiz__course__isnull=False,
    )
    if _has_enrolment_fields(criteria):
        attempts = attempts.filter(Exists(enrollments_matching(criteria).filter(**cycle)))
    # Grouped by (learner, quiz, cycle) only, in the order of the attempts' indexes; the
    # groups depend on those (a quiz's course, a learner's unit): they ride along as Max.
    fields = _group_fields(group)
    riders = {f"g{i}": Max(name) for i, name in enumerate(fields)}
    best = (
        attempts.values(u=F("user_id"), q=F("quiz_id"), c=F("cycle"))
        .annotate(best=Max("percent"), **riders)
        .order_by()
    )
    try:
        sql, params = best.query.sql_with_params()
    except EmptyResultSet:  # an empty scope: nothing to count
        return {}
    columns = ", ".join(f"best_scores.{name}" for name in riders)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, SUM(best_scores.best), COUNT(*) "
            f"FROM ({sql}) best_scores GROUP BY {columns}",
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


def course_report_courses(criteria: ReportCriteria) -> QuerySet:
    """The courses a completion-by-course report lists: every course (the catalogue is not
    scoped; its figures are), narrowed by the course and topic filters."""
    courses = CoursePage.objects.all()
    if criteria.course_id:
        courses = courses.filter(id=criteria.course_id)
    if criteria.topic_id:
        courses = courses.filter(topic_id=criteria.topic_id)
    return courses.order_by("title", "id").values("id", "title", "live", "topic__name")


# --- summary cache -------------------------------------------------------------------------


def _cache_seconds() -> int:
    return settings.REPORTS_SUMMARY_CACHE_SECONDS


def _cached(kind: str, criteria: ReportCriteria, compute):
    """Summary figures cost a pass over every enrolment in scope; managers reload and
    re-filter the same page. Figures are kept for ``REPORTS_SUMMARY_CACHE_SECONDS`` (60 by
    default; 0 turns this off) per scope, filters and time zone, never per person, and
    say when they were computed; ``criteria.fresh`` recomputes them."""
    seconds = _cache_seconds()
    if not seconds:
        return compute()
    parts = (
        kind,
        criteria.scope.everything,
        criteria.scope.paths,
        criteria.course_id,
        criteria.topic_id,
        criteria.cohort_id,
        criteria.enrolled_from,
        criteria.enrolled_to,
        criteria.status,
        timezone.get_current_timezone_name(),
    )
    key = "reports:summary:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    if not criteria.fresh:
        hit = cache.get(key)
        if hit is not None:
            return hit
    value = compute()
    cache.set(key, value, seconds)
    return value


@dataclass
class CourseSummary:
    figures: dict[int, CompletionFigures]
    completions_by_month: list[tuple[date, int]]
    computed_at: datetime

    def of(self, course_id: int) -> CompletionFigures:
        return self.figures.get(course_id) or CompletionFigures()


def course_summary(criteria: ReportCriteria, months: int = 12) -> CourseSummary:
    """Every course's figures and the completions of the last ``months`` months: from the
    newest summary snapshot when it can answer (two queries besides finding it), otherwise
    computed in three (enrolment counts with the months, certificates, final-assessment
    scores); none while cached."""

    def compute():
        snapshot = usable_snapshot(criteria, months)
        if snapshot is not None:
            return CourseSummary(
                figures=_snapshot_figures(snapshot, criteria, "course_id"),
                completions_by_month=_snapshot_months(snapshot, criteria, months),
                computed_at=snapshot.taken_at,
            )
        figures, monthly = _figures(
            criteria,
            enrolment_group="course_id",
            certificate_group="course_id",
            attempt_group="quiz__course_id",
            months=months,
        )
        series = _months_summed(criteria, months, monthly)
        return CourseSummary(figures=figures, completions_by_month=series, computed_at=criteria.now)

    return _cached(f"courses:{months}", criteria, compute)


def unit_report_units(criteria: ReportCriteria) -> QuerySet:
    """The units a completion-by-unit report lists, in tree order: the scope's units (below
    the chosen unit when one was)."""
    return criteria.scope.organisations().order_by("path").values("id", "name", "path", "depth")


@dataclass
class UnitSummary:
    direct: dict[int, CompletionFigures]  # by unit of membership
    paths: dict[int, str]  # the scope's units
    computed_at: datetime

    def rolled_up(self, units: list[dict]) -> dict[int, CompletionFigures]:
        """Each listed unit's figures summed over its subtree (the tree is small; the
        enrolments are not)."""
        rolled = {}
        for listed in units:
            figures = CompletionFigures()
            for unit_id, unit_figures in self.direct.items():
                if self.paths.get(unit_id, "\0").startswith(listed["path"]):
                    figures.add(unit_figures)
            rolled[listed["id"]] = figures
        return rolled


def unit_summary(criteria: ReportCriteria) -> UnitSummary:
    """Figures per unit of membership, from the newest summary snapshot when it can answer
    (one query besides finding it) or computed (three queries), and the scope's unit paths
    (one); none while cached."""

    def compute():
        snapshot = usable_snapshot(criteria)
        if snapshot is not None:
            direct = _snapshot_figures(snapshot, criteria, "organisation_id")
            computed_at = snapshot.taken_at
        else:
            unit = "user__organisation_id"
            direct, _months = _figures(
                criteria, enrolment_group=unit, certificate_group=unit, attempt_group=unit
            )
            computed_at = criteria.now
        paths = dict(criteria.scope.organisations().values_list("id", "path"))
        return UnitSummary(direct=direct, paths=paths, computed_at=computed_at)

    return _cached("units", criteria, compute)


# --- summary snapshots -----------------------------------------------------------------------

SNAPSHOT_MONTHS = 12
# What a SummaryTally keeps of a group's CompletionFigures, under the same names.
TALLY_FIELDS = (*CompletionFigures.COUNTS, "score_total", "scored")
SNAPSHOT_GROUPS = {
    "enrolment_group": ("course_id", "user__organisation_id"),
    "certificate_group": ("course_id", "user__organisation_id"),
    "attempt_group": ("quiz__course_id", "user__organisation_id"),
}


def snapshot_figures_compute(criteria: ReportCriteria) -> tuple[dict, dict]:
    """What a summary snapshot holds: figures and completions per month of the last
    ``SNAPSHOT_MONTHS`` months, per (course id, unit id), over everyone (three queries)."""
    return _figures(criteria, **SNAPSHOT_GROUPS, months=SNAPSHOT_MONTHS)


def snapshot_first_month(criteria: ReportCriteria) -> date:
    return _first_month(criteria, SNAPSHOT_MONTHS)


def usable_snapshot(criteria: ReportCriteria, months: int = 0) -> SummarySnapshot | None:
    """The newest summary snapshot, when it can answer these criteria: figures not asked
    for afresh ("Refresh the figures"), no filter that tallies per course and unit cannot
    answer (cohort, enrolment dates, status), months counted in the page's time zone, and
    taken less than ``REPORTS_SUMMARY_SNAPSHOT_MAX_AGE`` seconds ago (15 minutes; 0 never
    uses snapshots), so that a stopped job means live figures, not old ones."""
    max_age = settings.REPORTS_SUMMARY_SNAPSHOT_MAX_AGE
    if (
        not max_age
        or criteria.fresh
        or criteria.cohort_id
        or _has_enrolment_fields(criteria)
        or months > SNAPSHOT_MONTHS
    ):
        return None
    return (
        SummarySnapshot.objects.filter(
            taken_at__gt=criteria.now - timedelta(seconds=max_age),
            time_zone=timezone.get_current_timezone_name(),
        )
        .order_by("-taken_at", "-id")
        .first()
    )


def _tallies_in(model, snapshot: SummarySnapshot, criteria: ReportCriteria) -> QuerySet:
    condition = criteria.scope.q("organisation")
    if criteria.course_id:
        condition &= Q(course_id=criteria.course_id)
    if criteria.topic_id:
        condition &= Q(course__topic_id=criteria.topic_id)
    return model.objects.filter(condition, snapshot=snapshot)


def _snapshot_figures(snapshot, criteria: ReportCriteria, group: str) -> dict:
    rows = (
        _tallies_in(SummaryTally, snapshot, criteria)
        .values(key=F(group))
        .annotate(**{name: Sum(name) for name in TALLY_FIELDS})
        .order_by()
    )
    figures = {}
    for row in rows:
        key = row.pop("key")
        row["score_total"] = Decimal(str(row["score_total"]))
        figures[key] = CompletionFigures(**row)
    return figures


def _snapshot_months(snapshot, criteria: ReportCriteria, months: int) -> list[tuple[date, int]]:
    """The page's months (a month begun since the snapshot had no completion then)."""
    counted = dict(
        _tallies_in(SummaryMonthTally, snapshot, criteria)
        .values("month")
        .annotate(n=Sum("completed"))
        .order_by()
        .values_list("month", "n")
    )
    return [(start, counted.get(start, 0)) for start in _month_starts(criteria, months)]


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
        "unit_name": F("user__organisation__name"),
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


def overdue_rows_queryset(criteria: ReportCriteria) -> QuerySet:
    """Overdue assignments, the longest overdue first."""
    overdue = replace(criteria, status=OVERDUE)
    return (
        enrollments_matching(overdue)
        .values(
            *ENROLMENT_FIELDS,
            **_enrolment_values(criteria),
            due_at_value=F("due_at"),
            assigned_by_name=F("assigned_by__full_name"),
            assigned_by_email=F("assigned_by__email"),
        )
        .order_by("due_at", "user__full_name", "id")
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


DATETIME_NAMES = ("enrolled_at", "due_at", "completed_at", "last_activity_at")


def _datetime_converter():
    """Raw rows skip the ORM's conversions: SQLite hands datetimes back as UTC text."""
    from django.utils.dateparse import parse_datetime

    def convert(value):
        if value is None:
            return None
        parsed = value if isinstance(value, datetime) else parse_datetime(value)
        return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, UTC)

    return convert


def enrolment_status(status: str, started) -> str:
    if status == DONE:
        return COMPLETED
    return IN_PROGRESS if started else NOT_STARTED


def progress_percent(row: dict, totals: StepTotals) -> int:
    total = totals.total(row["course_id"])
    return min(100, round(100 * row["steps_done"] / total)) if total else 0


# --- transcript ---------------------------------------------------------------------------


@dataclass
class TranscriptEnrolment:
    enrollment: Enrollment
    status: str
    overdue: bool
    steps_done: int
    steps_total: int

    @property
    def percent(self) -> int:
        return round(100 * self.steps_done / self.steps_total) if self.steps_total else 0

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Transcript:
    learner: User
    enrolments: list[TranscriptEnrolment]
    attempts: list[Attempt]
    certificates: list[tuple[Certificate, str]]  # with the status label


def learner_in_scope(*, scope: OrganisationScope, user_id: int) -> User:
    """A learner the person may see, or 404: someone outside the scope does not exist."""
    learner = scope.users().select_related("organisation").filter(pk=user_id).first()
    if learner is None:
        raise Http404("No such learner")
    return learner


def transcript_get(*, scope: OrganisationScope, user_id: int, now: datetime) -> Transcript:
    """A learner's record: every enrolment (earlier cycles too) with progress, attempts and
    certificates, in a fixed number of queries whatever the record's length."""
    learner = learner_in_scope(scope=scope, user_id=user_id)
    enrollments = list(
        Enrollment.objects.filter(user=learner)
        .select_related("course")
        .order_by("course__title", "-cycle")
    )
    outlines = course_outlines(list({e.course_id: e.course for e in enrollments}.values()))
    keys = {course_id: outline.step_keys for course_id, outline in outlines.items()}
    done: dict[int, set[str]] = {e.id: set() for e in enrollments}
    for enrollment_id, key in StepCompletion.objects.filter(
        enrollment__in=[e.id for e in enrollments]
    ).values_list("enrollment_id", "step_key"):
        done[enrollment_id].add(key)
    rows = []
    for e in enrollments:
        course_keys = keys.get(e.course_id, set())
        overdue = not e.is_completed and e.due_at is not None and e.due_at < now
        rows.append(
            TranscriptEnrolment(
                enrollment=e,
                status=enrolment_status(e.status, e.last_activity_at is not None),
                overdue=e.is_current and overdue,
                steps_done=len(done[e.id] & course_keys),
                steps_total=len(course_keys),
            )
        )
    attempts = list(
        Attempt.objects.filter(user=learner)
        .select_related("quiz")
        .defer("frozen", "graded_responses", "quiz__questions", "quiz__instructions")
        .order_by("quiz__title", "cycle", "number")
    )
    certificates = [
        (certificate, Certificate.Status(certificate.status(now)).label)
        for certificate in Certificate.objects.filter(user=learner).order_by("-issued_at")
    ]
    return Transcript(
        learner=learner, enrolments=rows, attempts=attempts, certificates=certificates
    )


def enrollment_requests_in(scope: OrganisationScope):
    """Requests of the learners inside the scope; a learner without an organisation is
    inside the administrators' scope only."""
    return EnrollmentRequest.objects.filter(scope.q("user__organisation")).select_related(
        "user", "user__organisation", "course"
    )
