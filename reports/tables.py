"""The four reports as tables: their columns (the same on screen and in every export),
the rows a page shows, and every row for an export. Views render them; exports write them;
the background export job rebuilds them from the person's id and the report's filters."""

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports import exports
from reports.report_filters import ENROLMENT_FILTERS, SUMMARY_FILTERS
from reports.selectors.criteria import OVERDUE, STATUS_CHOICES, ReportCriteria
from reports.selectors.figures import CompletionFigures
from reports.selectors.overdue import overdue_rows_queryset
from reports.selectors.rows import (
    StepTotals,
    enrolment_count,
    enrolment_status,
    learner_rows_queryset,
    progress_percent,
    rows_with_facts_streamed,
    with_facts,
)
from reports.selectors.summaries import (
    CourseSummary,
    UnitSummary,
    course_report_courses,
    course_summary,
    unit_report_units,
    unit_summary,
)

VIEW_PERMISSION = "reports.view_reports"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text, count, decimal (one place), date

    @property
    def numeric(self) -> bool:
        return self.kind in ("count", "decimal")


FIGURE_COLUMNS = [
    Column("enrolled", gettext_lazy("Enrolled"), kind="count"),
    Column("not_started", gettext_lazy("Not started"), kind="count"),
    Column("in_progress", gettext_lazy("In progress"), kind="count"),
    Column("completed", gettext_lazy("Completed"), kind="count"),
    Column("overdue", gettext_lazy("Overdue"), kind="count"),
    Column("completion_rate", gettext_lazy("Completion rate (%)"), kind="decimal"),
    Column("mean_score", gettext_lazy("Mean final-assessment score (%)"), kind="decimal"),
    Column("certificates", gettext_lazy("Certificates issued"), kind="count"),
]


def _figure_values(figures: CompletionFigures) -> dict:
    values = {name: getattr(figures, name) for name in CompletionFigures.COUNTS}
    values["completion_rate"] = figures.completion_rate
    values["mean_score"] = figures.mean_score
    return values


class RowLabels:
    """Words the rows repeat, translated once per page or export, not once per row."""

    def __init__(self):
        self.status = {value: str(label) for value, label in STATUS_CHOICES}
        self.yes = _("Yes")
        self.revoked = _("%(code)s (revoked)")


class ReportTable:
    name = ""
    title = ""
    description = ""
    url_name = ""
    columns: list[Column] = []
    filters = SUMMARY_FILTERS
    enrolment_rows = False  # one row per enrolment: can pass the XLSX inline limit

    def queryset(self, criteria: ReportCriteria):
        raise NotImplementedError

    def rows(self, criteria: ReportCriteria, items: list) -> list[dict]:
        """The rows of one page, bulk-loading what they need after pagination."""
        raise NotImplementedError

    def export_rows(self, criteria: ReportCriteria) -> Iterator[dict]:
        yield from self.rows(criteria, list(self.queryset(criteria)))

    def export(self, criteria: ReportCriteria) -> tuple[datetime, Iterator[dict]]:
        """Every row for an export, and when its figures were computed (said above the
        table): now for rows read live, the summary's time for cached figures."""
        return criteria.now, self.export_rows(criteria)

    def count(self, criteria: ReportCriteria) -> int:
        return self.queryset(criteria).count()


class CourseCompletionTable(ReportTable):
    name = "courses"
    title = gettext_lazy("Completion by course")
    description = gettext_lazy(
        "Current enrolments of learners in your units, course by course. Select a course to "
        "see its learners."
    )
    url_name = "reports_course_completion"
    columns = [
        Column("course", gettext_lazy("Course")),
        Column("topic", gettext_lazy("Topic")),
        *FIGURE_COLUMNS,
    ]

    def queryset(self, criteria):
        return course_report_courses(criteria)

    def export(self, criteria):
        summary = course_summary(criteria)
        items = list(self.queryset(criteria))
        return summary.computed_at, iter(self.rows(criteria, items, summary=summary))

    def rows(self, criteria, items, summary: CourseSummary | None = None):
        summary = summary or course_summary(criteria)
        return [
            {
                "course": item["title"],
                "topic": item["topic_name"],
                **_figure_values(summary.of(item["id"])),
                "_links": {"course": ("reports_learner_progress", (), {"course": item["id"]})},
            }
            for item in items
        ]


class UnitCompletionTable(ReportTable):
    name = "units"
    title = gettext_lazy("Completion by unit")
    description = gettext_lazy(
        "Each unit's figures include every unit below it. Select a unit to see its learners."
    )
    url_name = "reports_unit_completion"
    columns = [Column("unit", gettext_lazy("Unit")), *FIGURE_COLUMNS]

    def queryset(self, criteria):
        return unit_report_units(criteria)

    def export(self, criteria):
        summary = unit_summary(criteria)
        items = list(self.queryset(criteria))
        return summary.computed_at, iter(self.rows(criteria, items, summary=summary))

    def rows(self, criteria, items, summary: UnitSummary | None = None):
        figures = (summary or unit_summary(criteria)).rolled_up(items)
        top = min((item["depth"] for item in items), default=1)
        return [
            {
                "unit": item["name"],
                **_figure_values(figures[item["id"]]),
                "_indent": item["depth"] - top,
                "_links": {"unit": ("reports_learner_progress", (), {"unit": item["id"]})},
            }
            for item in items
        ]


class EnrolmentTable(ReportTable):
    """Reports with one row per enrolment. A page bulk-loads progress and scores for its
    rows after pagination; an export computes them set-wise for every row, streamed."""

    filters = ENROLMENT_FILTERS
    enrolment_rows = True
    order: list[str] = []  # the queryset's ordering, by the rows' names

    def row(self, item: dict, totals: StepTotals, labels: RowLabels, now) -> dict:
        raise NotImplementedError

    def rows(self, criteria, items):
        totals, labels = StepTotals(item["course_id"] for item in items), RowLabels()
        items = with_facts(items, totals)
        return [self.row(item, totals, labels, criteria.now) for item in items]

    def export_rows(self, criteria):
        totals = StepTotals(course["id"] for course in course_report_courses(criteria))
        labels, row, now = RowLabels(), self.row, criteria.now
        rows = rows_with_facts_streamed(
            self.queryset(criteria), totals, self.order, exports.CSV_BATCH_ROWS
        )
        for item in rows:
            yield row(item, totals, labels, now)

    @staticmethod
    def learner_link(item) -> tuple:
        return ("reports_transcript", (item["user_id"],), None)


class LearnerProgressTable(EnrolmentTable):
    name = "learners"
    title = gettext_lazy("Learner progress")
    description = gettext_lazy(
        "One row per current enrolment. Select a learner for their transcript."
    )
    url_name = "reports_learner_progress"
    columns = [
        Column("learner", gettext_lazy("Learner")),
        Column("email", gettext_lazy("E-mail")),
        Column("unit", gettext_lazy("Unit")),
        Column("course", gettext_lazy("Course")),
        Column("status", gettext_lazy("Status")),
        Column("progress", gettext_lazy("Progress (%)"), kind="count"),
        Column("enrolled_on", gettext_lazy("Enrolled on"), kind="date"),
        Column("due_on", gettext_lazy("Due on"), kind="date"),
        Column("completed_on", gettext_lazy("Completed on"), kind="date"),
        Column("overdue", gettext_lazy("Overdue")),
        Column("best_score", gettext_lazy("Best final-assessment score (%)"), kind="decimal"),
        Column("certificate", gettext_lazy("Certificate")),
    ]

    def queryset(self, criteria):
        return learner_rows_queryset(criteria)

    def count(self, criteria):
        return enrolment_count(criteria)

    order = ["learner_name", "learner_email", "course_title", "id"]

    def row(self, item, totals, labels, now):
        certificate = item["certificate_code"]
        if certificate and item["certificate_revoked"]:
            certificate = labels.revoked % {"code": certificate}
        return {
            "learner": item["learner_name"] or item["learner_email"],
            "email": item["learner_email"],
            "unit": item["unit_name"],
            "course": item["course_title"],
            "status": labels.status[enrolment_status(item["status"], item["started"])],
            "progress": progress_percent(item, totals),
            "enrolled_on": item["enrolled_on"],
            "due_on": item["due_on"],
            "completed_on": item["completed_on"],
            "overdue": labels.yes if item["overdue"] else "",
            "best_score": item["best"],
            "certificate": certificate,
            "_links": {"learner": self.learner_link(item)},
        }


class OverdueTable(EnrolmentTable):
    name = "overdue"
    title = gettext_lazy("Overdue assignments")
    description = gettext_lazy(
        "Enrolments not completed by their due date, the longest overdue first."
    )
    url_name = "reports_overdue"
    filters = SUMMARY_FILTERS
    columns = [
        Column("learner", gettext_lazy("Learner")),
        Column("email", gettext_lazy("E-mail")),
        Column("unit", gettext_lazy("Unit")),
        Column("course", gettext_lazy("Course")),
        Column("due_on", gettext_lazy("Due on"), kind="date"),
        Column("days_overdue", gettext_lazy("Days overdue"), kind="count"),
        Column("progress", gettext_lazy("Progress (%)"), kind="count"),
        Column("assigned_by", gettext_lazy("Assigned by")),
    ]

    def queryset(self, criteria):
        return overdue_rows_queryset(criteria)

    def count(self, criteria):
        return enrolment_count(replace(criteria, status=OVERDUE))

    order = ["due_at_value", "learner_name", "id"]

    def row(self, item, totals, labels, now):
        return {
            "learner": item["learner_name"] or item["learner_email"],
            "email": item["learner_email"],
            "unit": item["unit_name"],
            "course": item["course_title"],
            "due_on": item["due_on"],
            "days_overdue": (now - item["due_at_value"]).days,
            "progress": progress_percent(item, totals),
            "assigned_by": item["assigned_by_name"] or item["assigned_by_email"],
            "_links": {"learner": self.learner_link(item)},
        }


REPORT_TABLES = {
    table.name: table
    for table in (
        CourseCompletionTable(),
        UnitCompletionTable(),
        LearnerProgressTable(),
        OverdueTable(),
    )
}
