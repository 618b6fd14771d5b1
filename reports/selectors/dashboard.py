"""The figures on a manager's admin dashboard: overdue people, completions this month and
the completion rate of their units, in a fixed number of queries whatever the number of
people. The completion figures are the Completion-by-course report's (the same summary,
snapshot and cache), so the dashboard and the report it links to never disagree; overdue
is counted live, as the Overdue report counts it."""

from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Count

from reports.selectors.criteria import OVERDUE, ReportCriteria, enrollments_matching
from reports.selectors.figures import CompletionFigures
from reports.selectors.summaries import course_summary


@dataclass(frozen=True)
class DashboardFigures:
    overdue_people: int
    overdue_assignments: int
    completed_this_month: int
    totals: CompletionFigures  # every current enrolment in scope
    computed_at: datetime  # of the completion figures

    @property
    def completion_rate(self) -> float | None:
        return self.totals.completion_rate


def dashboard_figures(criteria: ReportCriteria) -> DashboardFigures:
    """One query for overdue (on the index of active due dates), and the course summary of
    this month (cached, or from the newest snapshot, or computed)."""
    overdue = enrollments_matching(replace(criteria, status=OVERDUE)).aggregate(
        people=Count("user_id", distinct=True), assignments=Count("id")
    )
    summary = course_summary(criteria, months=1)
    totals = CompletionFigures()
    for figures in summary.figures.values():
        totals.add(figures)
    this_month = summary.completions_by_month[-1][1] if summary.completions_by_month else 0
    return DashboardFigures(
        overdue_people=overdue["people"],
        overdue_assignments=overdue["assignments"],
        completed_this_month=this_month,
        totals=totals,
        computed_at=summary.computed_at,
    )
