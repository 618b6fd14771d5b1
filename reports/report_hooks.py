"""Admin menu items and URLs of the manager reports (Reports menu)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reports.compliance_table import TITLE as COMPLIANCE_TITLE
from reports.compliance_table import URL_NAME as COMPLIANCE_URL
from reports.report_views import compliance, views
from reports.tables import REPORT_TABLES, VIEW_PERMISSION


class ReportMenuItem(MenuItem):
    """Shown to Managers and Administrators (the ``reports.view_reports`` permission)."""

    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/courses/",
            views.CourseCompletionView.as_view(),
            name="reports_course_completion",
        ),
        path("reports/units/", views.UnitCompletionView.as_view(), name="reports_unit_completion"),
        path(
            "reports/learners/",
            views.LearnerProgressView.as_view(),
            name="reports_learner_progress",
        ),
        path(
            "reports/learners/<int:user_id>/",
            views.TranscriptView.as_view(),
            name="reports_transcript",
        ),
        path("reports/overdue/", views.OverdueView.as_view(), name="reports_overdue"),
        path("reports/compliance/", compliance.ComplianceView.as_view(), name=COMPLIANCE_URL),
    ]


def _menu_item(report: str, icon: str, order: int):
    table = REPORT_TABLES[report]
    return ReportMenuItem(
        table.title, reverse(table.url_name), name=f"waypoint-{report}", icon_name=icon, order=order
    )


@hooks.register("register_reports_menu_item")
def register_course_completion_menu_item():
    return _menu_item("courses", "doc-full", 100)


@hooks.register("register_reports_menu_item")
def register_unit_completion_menu_item():
    return _menu_item("units", "group", 110)


@hooks.register("register_reports_menu_item")
def register_learner_progress_menu_item():
    return _menu_item("learners", "user", 120)


@hooks.register("register_reports_menu_item")
def register_overdue_menu_item():
    return _menu_item("overdue", "warning", 130)


@hooks.register("register_reports_menu_item")
def register_compliance_menu_item():
    return ReportMenuItem(
        COMPLIANCE_TITLE,
        reverse(COMPLIANCE_URL),
        name="waypoint-compliance",
        icon_name="tick-inverse",
        order=140,
    )
