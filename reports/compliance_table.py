"""The compliance report's tables: totals per unit, and the people (the same columns on
screen and in the CSV and XLSX files)."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext_lazy

from certificates.compliance import LAPSED, STATUS_CHOICES, ComplianceRow
from reports.tables import Column

TITLE = gettext_lazy("Compliance with required courses")
DESCRIPTION = gettext_lazy(
    "For each course a unit requires (a unit's requirements apply to every unit below it), "
    "where each person stands. The totals count everyone in scope; the list below them "
    "follows the status and expiry filters."
)
URL_NAME = "reports_compliance"
EXPORT_NAME = "compliance"

PEOPLE_COLUMNS = [
    Column("learner", gettext_lazy("Person")),
    Column("email", gettext_lazy("E-mail")),
    Column("unit", gettext_lazy("Unit")),
    Column("course", gettext_lazy("Course")),
    Column("status", gettext_lazy("Status")),
    Column("valid_until", gettext_lazy("Valid until"), kind="date"),
    Column("lapsed_on", gettext_lazy("Lapsed on"), kind="date"),
]

TOTAL_COLUMNS = [
    Column("unit", gettext_lazy("Unit")),
    Column("required", gettext_lazy("Required (people × courses)"), kind="count"),
    *(Column(value, label, kind="count") for value, label in STATUS_CHOICES),
    Column("rate", gettext_lazy("Compliant (%)"), kind="decimal"),
]


def _day(value):
    return timezone.localdate(value) if value is not None else None


def people_rows(rows: list[ComplianceRow], titles: dict, unit_names: dict) -> list[dict]:
    return list(people_rows_streamed(rows, titles, unit_names))


def people_rows_streamed(rows: Iterable[ComplianceRow], titles: dict, unit_names: dict):
    """The rows as the screen and the files show them, one at a time."""
    labels = {value: str(label) for value, label in STATUS_CHOICES}
    return (
        {
            "learner": row.name or row.email,
            "email": row.email,
            "unit": unit_names.get(row.unit_id, ""),
            "course": titles.get(row.course_id, ""),
            "status": labels[row.status],
            "valid_until": _day(row.valid_until),
            "lapsed_on": _day(row.lapsed_at) if row.status == LAPSED else None,
            "_user_id": row.user_id,
        }
        for row in rows
    )


def total_rows(summary) -> list[dict]:
    top = min((unit.depth for unit in summary.units), default=1)
    return [
        {
            "unit": unit.name,
            "required": unit.required,
            **unit.counts,
            "rate": unit.rate,
            "_indent": unit.depth - top,
            "_unit_id": unit.unit_id,
            "_has_units_below": unit.has_units_below,
        }
        for unit in summary.units
    ]
