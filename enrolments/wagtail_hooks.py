"""The enrolments admin: the "Assignments" menu (assign a course, import from CSV), the
managers' queue of enrolment requests (a viewset, URL namespace ``enrolment_requests``), and
the audit-log actions of both. Everything shows only to people with an organisation scope
(managers with units, administrators); the views refuse everyone else."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from accounts.scoped_admin import ScopedViewSet
from accounts.selectors import organisation_scope_of_request
from enrolments.services.assignments import LOG_COHORT, LOG_UNIT
from enrolments.services.imports import LOG_IMPORT
from enrolments.views import assignments, requests


class AssignmentMenuItem(MenuItem):
    """Shown to people with a scope: managers of units and administrators."""

    def is_shown(self, request):
        return not organisation_scope_of_request(request).is_empty


@hooks.register("register_admin_urls")
def register_assignment_admin_urls():
    return [
        path("assignments/assign/", assignments.assign_course, name="reports_assign_course"),
        path("assignments/import/", assignments.import_csv, name="reports_assignments_import"),
    ]


@hooks.register("register_admin_menu_item")
def assignments_menu_item():
    submenu = Menu(
        items=[
            AssignmentMenuItem(
                _("Assign a course"), reverse("reports_assign_course"), icon_name="group", order=1
            ),
            AssignmentMenuItem(
                _("Import from CSV"),
                reverse("reports_assignments_import"),
                icon_name="upload",
                order=2,
            ),
        ]
    )
    return SubmenuMenuItem(
        _("Assignments"), submenu, name="assignments", icon_name="calendar-check", order=235
    )


class EnrollmentRequestViewSet(ScopedViewSet):
    name = "enrolment_requests"
    url_prefix = "enrolment-requests"
    icon = "tick-inverse"
    menu_label = _("Enrolment requests")
    menu_order = 310

    def get_urlpatterns(self):
        return [
            path("", requests.RequestIndexView.as_view(), name="index"),
            path(
                "results/",
                requests.RequestIndexView.as_view(results_only=True),
                name="index_results",
            ),
            path("<int:pk>/", requests.RequestDecideView.as_view(), name="decide"),
        ]


@hooks.register("register_admin_viewset")
def register_enrollment_request_viewset():
    return EnrollmentRequestViewSet()


@hooks.register("register_log_actions")
def register_enrolment_log_actions(actions):
    actions.register_action(
        "waypoint.enrollment_request.approve",
        _("Approve enrolment request"),
        _("Enrolment request approved"),
    )
    actions.register_action(
        "waypoint.enrollment_request.reject",
        _("Reject enrolment request"),
        _("Enrolment request rejected"),
    )
    actions.register_action(LOG_UNIT, _("Assign a course to a unit"), _("Course assigned to unit"))
    actions.register_action(
        LOG_COHORT, _("Assign a course to a cohort"), _("Course assigned to cohort")
    )
    actions.register_action(
        LOG_IMPORT, _("Import assignments from CSV"), _("Assignments imported from CSV")
    )
