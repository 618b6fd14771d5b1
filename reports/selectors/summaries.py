"""The two summary reports (completion by course, by unit): their lists and figures, from
the newest snapshot when it can answer, otherwise computed live, and kept in the cache."""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from courses.models import CoursePage
from courses.topics import same_topic_ids, topic_name_shown
from courses.translations import originals
from reports.selectors.criteria import ReportCriteria
from reports.selectors.figures import UNIT, CompletionFigures, _figures, _months_summed
from reports.selectors.snapshots import _snapshot_figures, _snapshot_months, usable_snapshot


def course_report_courses(criteria: ReportCriteria) -> QuerySet:
    """The courses a completion-by-course report lists: every course (the catalogue is not
    scoped; its figures are), narrowed by the course and topic filters. A translation is
    no course of its own: its learners' records are its original's (``courses.translations``)."""
    courses = originals(CoursePage.objects.all())
    if criteria.course_id:
        courses = courses.filter(id=criteria.course_id)
    if criteria.topic_id:
        courses = courses.filter(topic_id__in=same_topic_ids(criteria.topic_id))
    # The topic in the reader's language (``courses.topics``).
    courses = courses.annotate(topic_name=topic_name_shown())
    return courses.order_by("title", "id").values("id", "title", "live", "topic_name")


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
        criteria.language,
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
    direct: dict[int, CompletionFigures]  # by the unit whose figures they are in
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
    """Figures per unit (the holder's, or the one that kept a completion), from the newest
    summary snapshot when it can answer (one query besides finding it) or computed (three
    queries), and the scope's unit paths (one); none while cached."""

    def compute():
        snapshot = usable_snapshot(criteria)
        if snapshot is not None:
            direct = _snapshot_figures(snapshot, criteria, "organisation_id")
            computed_at = snapshot.taken_at
        else:
            direct, _months = _figures(
                criteria, enrolment_group=UNIT, certificate_group=UNIT, attempt_group=UNIT
            )
            computed_at = criteria.now
        paths = dict(criteria.scope.organisations().values_list("id", "path"))
        return UnitSummary(direct=direct, paths=paths, computed_at=computed_at)

    return _cached("units", criteria, compute)
