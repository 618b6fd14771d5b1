"""The manager's dashboard (issue 16, manager 1): the panels Wagtail's admin home shows a
person with an organisation scope. Managers see their units' subtree and nothing else;
administrators see the whole platform. Trainers and learners see none of these.

- Enrolment requests waiting for a decision the person may take (their own excluded),
  the oldest first, with a link to the queue.
- The units' figures: people overdue (to the Overdue report), completions this month and
  the completion rate (to Completion by course, whose figures they are).
- Shortcuts to each report and to assigning a course.

Every panel reads through selectors in a fixed number of queries, whatever the number of
people (tests/reports/test_dashboard.py counts them)."""

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from accounts.selectors import OrganisationScope, organisation_scope_of_request
from courses.models import EnrollmentRequest
from enrolments.selectors import enrollment_requests_in
from reports.selectors.criteria import ReportCriteria, scope_unit_names
from reports.selectors.dashboard import dashboard_figures
from reports.tables import REPORT_TABLES, VIEW_PERMISSION

REQUESTS_SHOWN = 5


class ScopedPanel(Component):
    def __init__(self, scope: OrganisationScope):
        self.scope = scope


class EnrolmentRequestsPanel(ScopedPanel):
    name = "waypoint_enrolment_requests"
    template_name = "reports/dashboard/requests_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        waiting = (
            enrollment_requests_in(self.scope)
            .filter(status=EnrollmentRequest.Status.PENDING)
            .exclude(user=request.user)  # nobody decides their own request
            .order_by("requested_at", "pk")
        )
        return {
            "count": waiting.count(),
            "first": list(waiting[:REQUESTS_SHOWN]),
            "queue_url": reverse("enrolment_requests:index"),
        }


class UnitFiguresPanel(ScopedPanel):
    name = "waypoint_unit_figures"
    template_name = "reports/dashboard/figures_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        now = timezone.now()
        return {
            "figures": dashboard_figures(ReportCriteria(scope=self.scope, now=now)),
            "units": scope_unit_names(self.scope),
            "now": now,
            "overdue_url": reverse("reports_overdue"),
            "completion_url": reverse("reports_course_completion"),
        }


class ReportShortcutsPanel(Component):
    name = "waypoint_report_shortcuts"
    template_name = "reports/dashboard/shortcuts_panel.html"
    order = 70

    def get_context_data(self, parent_context):
        return {
            "reports": [
                {"title": t.title, "description": t.description, "url": reverse(t.url_name)}
                for t in REPORT_TABLES.values()
            ],
            "assign_url": reverse("reports_assign_course"),
            "import_url": reverse("reports_assignments_import"),
        }


class NoUnitPanel(Component):
    """A manager with no unit yet would see an empty dashboard and empty reports: say why."""

    name = "waypoint_no_unit"
    template_name = "reports/dashboard/no_unit_panel.html"
    order = 50


def manager_panels(request) -> list[Component]:
    """The panels for this person: none for people without reports or a scope."""
    scope = organisation_scope_of_request(request)
    may_report = request.user.has_perm(VIEW_PERMISSION)
    if scope.is_empty:
        return [NoUnitPanel()] if may_report else []
    panels: list[Component] = [EnrolmentRequestsPanel(scope)]
    if may_report:
        panels += [UnitFiguresPanel(scope), ReportShortcutsPanel()]
    return panels
