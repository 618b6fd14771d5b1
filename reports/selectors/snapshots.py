"""Reading the summary snapshots (``reports.services.summary_snapshots`` takes them): when a
snapshot may answer, and its tallies summed per course or unit."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone

from courses.topics import same_topic_ids
from reports.models import SummaryMonthTally, SummarySnapshot, SummaryTally
from reports.selectors.criteria import ReportCriteria, _has_enrolment_fields
from reports.selectors.figures import (
    UNIT,
    CompletionFigures,
    _figures,
    _first_month,
    _month_starts,
)

# --- summary snapshots -----------------------------------------------------------------------

SNAPSHOT_MONTHS = 12
# What a SummaryTally keeps of a group's CompletionFigures, under the same names.
TALLY_FIELDS = (*CompletionFigures.COUNTS, "score_total", "scored")
SNAPSHOT_GROUPS = {
    "enrolment_group": ("course_id", UNIT),
    "certificate_group": ("course_id", UNIT),
    "attempt_group": ("quiz__course_id", UNIT),
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
        condition &= Q(course__topic_id__in=same_topic_ids(criteria.topic_id))
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
