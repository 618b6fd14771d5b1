"""The compliance report's reads: totals per unit (each unit's figures include the units
below it, as in Completion by unit) and a page of people, through ``certificates.compliance``
(the statuses are the certificates app's to define). A fixed number of queries whatever
the number of people, certificates or enrolments.

The totals are read from the newest summary snapshot when it holds them and is recent
(``REPORTS_SUMMARY_SNAPSHOT_MAX_AGE``), as the summary reports read theirs: computing them
means every person of the scope against every course required of them, over a second
for an administrator at a million enrolments. "Refresh the figures" computes them live.
The page of people is always read live."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import Organisation
from accounts.selectors import OrganisationScope
from certificates.compliance import (
    COMPLIANT,
    STATUSES,
    WINDOWS,
    ComplianceQuery,
    ComplianceRow,
    ComplianceTotals,
    compliance_pair_count,
    compliance_rows,
    compliance_rows_streamed,
    compliance_totals,
    course_titles,
    required_course_titles,
)
from reports.models import ComplianceTally, SummarySnapshot


@dataclass(frozen=True)
class ComplianceCriteria:
    """The scope (already narrowed to the unit chosen), and the filters: one course, one
    status, an expiry window (30, 60 or 90 days)."""

    scope: OrganisationScope
    now: datetime = field(default_factory=timezone.now)
    course_id: int | None = None
    status: str = ""
    window: int | None = None
    fresh: bool = False  # "Refresh the figures": totals computed, not read from a snapshot

    def statuses(self) -> tuple[str, ...]:
        """The statuses the list of people shows: the status chosen, within the window."""
        chosen = (self.status,) if self.status else tuple(STATUSES)
        if self.window:
            chosen = tuple(s for s in chosen if s in WINDOWS[self.window])
        return chosen

    def query(self) -> ComplianceQuery:
        return ComplianceQuery(scope=self.scope, now=self.now, course_id=self.course_id)


# The totals list the scope's own units and those directly below them (an administrator's
# ministries and their directorates): choosing a unit shows the units below it.
TOTALS_LEVELS = 2


@dataclass
class UnitTotals:
    unit_id: int
    name: str
    depth: int
    counts: dict[str, int]
    has_units_below: bool = False  # units below it that are not listed: choose it to see them

    @property
    def required(self) -> int:
        return sum(self.counts.values())

    @property
    def compliant(self) -> int:
        return sum(self.counts[s] for s in COMPLIANT)

    @property
    def rate(self) -> float | None:
        return round(100 * self.compliant / self.required, 1) if self.required else None


@dataclass
class ComplianceSummary:
    criteria: ComplianceCriteria
    totals: ComplianceTotals
    units: list[UnitTotals]  # tree order; only units with someone required of something
    unit_names: dict[int, str]
    as_of: datetime  # when the totals were computed: the snapshot's time, or now
    row_count: int  # how many people rows the filters select, now (the list is live)


def compliance_summary(criteria: ComplianceCriteria) -> ComplianceSummary:
    """Totals for the whole scope and the scope's units: the snapshot (one query) and its
    tallies (one), or, without a usable snapshot, computed (three); the units (one)."""
    snapshot = usable_compliance_snapshot(criteria)
    if snapshot is None:
        totals, as_of = compliance_totals(criteria.query()), criteria.now
        row_count = totals.total(criteria.statuses())  # no query: the totals say
    else:
        totals, as_of = _snapshot_totals(snapshot, criteria), snapshot.taken_at
        # The list is live, so its length must be too (a snapshot's count would hide
        # whoever joined since): every status, so every (person, required course) pair.
        row_count = compliance_pair_count(criteria.query())
    units = list(
        criteria.scope.organisations().order_by("path").values("id", "name", "path", "depth")
    )
    rolled = _rolled_up_by_path(units, totals)
    parents = {unit["path"][: -Organisation.steplen] for unit in units}
    levels = {unit["path"]: _level_in_scope(unit["path"], criteria.scope) for unit in units}
    listed = [
        UnitTotals(
            unit["id"],
            unit["name"],
            unit["depth"],
            rolled[unit["path"]],
            has_units_below=unit["path"] in parents and levels[unit["path"]] == TOTALS_LEVELS - 1,
        )
        for unit in units
        if any(rolled[unit["path"]].values()) and levels[unit["path"]] < TOTALS_LEVELS
    ]
    names = {unit["id"]: unit["name"] for unit in units}
    return ComplianceSummary(criteria, totals, listed, names, as_of, row_count)


def _level_in_scope(path: str, scope: OrganisationScope) -> int:
    """0 for a unit at the top of the scope (a ministry, for administrators), 1 for the
    units directly below, and so on."""
    if scope.everything:
        return len(path) // Organisation.steplen - 1
    top = min((root for root in scope.paths if path.startswith(root)), key=len)
    return (len(path) - len(top)) // Organisation.steplen


def usable_compliance_snapshot(criteria: ComplianceCriteria) -> SummarySnapshot | None:
    """The newest snapshot, when it holds compliance totals, was taken less than
    ``REPORTS_SUMMARY_SNAPSHOT_MAX_AGE`` seconds ago (0: never), the figures were not
    asked for afresh, and the list shows every status (a status or expiry filter needs
    every status computed now to count its rows, and then the totals cost nothing more).
    A stopped job means live totals, not old ones."""
    max_age = settings.REPORTS_SUMMARY_SNAPSHOT_MAX_AGE
    if not max_age or criteria.fresh or criteria.status or criteria.window:
        return None
    return (
        SummarySnapshot.objects.filter(
            has_compliance=True, taken_at__gt=criteria.now - timedelta(seconds=max_age)
        )
        .order_by("-taken_at", "-id")
        .first()
    )


def _snapshot_totals(snapshot: SummarySnapshot, criteria: ComplianceCriteria):
    """The snapshot's tallies of the scope's units (and the course chosen). One query."""
    tallies = ComplianceTally.objects.filter(criteria.scope.q("organisation"), snapshot=snapshot)
    if criteria.course_id is not None:
        tallies = tallies.filter(course_id=criteria.course_id)
    totals = ComplianceTotals()
    for unit_id, course_id, status, people in tallies.values_list(
        "organisation_id", "course_id", "status", "people"
    ):
        totals.add(unit_id, course_id, status, people)
    return totals


def compliance_totals_everywhere(now: datetime) -> ComplianceTotals:
    """What a snapshot keeps: the totals of every unit, computed as of ``now``."""
    return compliance_totals(
        ComplianceCriteria(scope=OrganisationScope(everything=True), now=now).query()
    )


def _rolled_up_by_path(units: list[dict], totals) -> dict[str, dict[str, int]]:
    """Each unit's counts over its subtree: each unit's own counts (all courses) added to
    it and to every unit above it, found by path prefix. Units × tree depth, not units²."""
    rolled = {unit["path"]: dict.fromkeys(STATUSES, 0) for unit in units}
    path_of = {unit["id"]: unit["path"] for unit in units}
    steplen = Organisation.steplen
    for (unit_id, _course), row in totals.counts.items():
        path = path_of.get(unit_id)
        if path is None:
            continue
        for end in range(steplen, len(path) + 1, steplen):
            above = rolled.get(path[:end])  # units above the scope are not listed
            if above is not None:
                for status, n in row.items():
                    above[status] += n
    return rolled


def compliance_page(
    summary: ComplianceSummary, *, offset: int, limit: int | None
) -> tuple[list[ComplianceRow], dict[int, str]]:
    """The people rows of one page (one query) and their courses' titles (one)."""
    criteria = summary.criteria
    statuses = criteria.statuses()
    if not statuses:
        return [], {}
    query = ComplianceQuery(
        scope=criteria.scope, now=criteria.now, course_id=criteria.course_id, statuses=statuses
    )
    rows = compliance_rows(query, offset=offset, limit=limit)
    return rows, course_titles(row.course_id for row in rows)


def compliance_export_rows(summary: ComplianceSummary):
    """Every people row the filters select, streamed (``compliance_rows_streamed``), and
    the titles of the courses they can name (one small query, read before the rows)."""
    criteria = summary.criteria
    statuses = criteria.statuses()
    query = ComplianceQuery(
        scope=criteria.scope, now=criteria.now, course_id=criteria.course_id, statuses=statuses
    )
    titles = required_course_titles(criteria.scope)
    rows = compliance_rows_streamed(query) if statuses else iter(())
    return rows, titles
