"""The overdue report's rows: assigned enrolments past their due date."""

from dataclasses import replace

from django.db.models import F, QuerySet

from reports.selectors.criteria import OVERDUE, ReportCriteria, enrollments_matching
from reports.selectors.rows import ENROLMENT_FIELDS, _enrolment_values


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
