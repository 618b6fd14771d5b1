"""The compliance report's reads: totals per unit (each unit's figures include the units
below it, as in Completion by unit) and a page of people, through ``certificates.compliance``
(the statuses are the certificates app's to define). A fixed number of queries whatever
the number of people, certificates or enrolments."""

from dataclasses import dataclass, field
from datetime import datetime

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
    compliance_rows,
    compliance_totals,
    course_titles,
)


@dataclass(frozen=True)
class ComplianceCriteria:
    """The scope (already narrowed to the unit chosen), and the filters: one course, one
    status, an expiry window (30, 60 or 90 days)."""

    scope: OrganisationScope
    now: datetime = field(default_factory=timezone.now)
    course_id: int | None = None
    status: str = ""
    window: int | None = None

    def statuses(self) -> tuple[str, ...]:
        """The statuses the list of people shows: the status chosen, within the window."""
        chosen = (self.status,) if self.status else tuple(STATUSES)
        if self.window:
            chosen = tuple(s for s in chosen if s in WINDOWS[self.window])
        return chosen

    def query(self) -> ComplianceQuery:
        return ComplianceQuery(scope=self.scope, now=self.now, course_id=self.course_id)


@dataclass
class UnitTotals:
    unit_id: int
    name: str
    depth: int
    counts: dict[str, int]

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

    @property
    def row_count(self) -> int:
        """How many people rows the filters select (no query: the totals say)."""
        return self.totals.total(self.criteria.statuses())


def compliance_summary(criteria: ComplianceCriteria) -> ComplianceSummary:
    """Totals for the whole scope (one query) and the scope's units (one)."""
    totals = compliance_totals(criteria.query())
    units = list(
        criteria.scope.organisations().order_by("path").values("id", "name", "path", "depth")
    )
    rolled = _rolled_up_by_path(units, totals)
    listed = [
        UnitTotals(unit["id"], unit["name"], unit["depth"], rolled[unit["path"]])
        for unit in units
        if any(rolled[unit["path"]].values())
    ]
    names = {unit["id"]: unit["name"] for unit in units}
    return ComplianceSummary(criteria, totals, listed, names)


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
