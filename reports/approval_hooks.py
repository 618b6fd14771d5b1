"""Admin menu items and URLs of enrolment approvals, cohorts and organisation management.

Each area is a viewset with its own URL namespace (``enrolment_requests``, ``organisations``,
``cohorts``). Their menu items show only to people with an organisation scope (managers
with units, administrators); the views refuse everyone else.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from reports.approval_views import cohorts, organisations, requests, scope_of


class ScopedMenuItem(MenuItem):
    def is_shown(self, request):
        return not scope_of(request).is_empty


class ScopedViewSet(ViewSet):
    add_to_admin_menu = True
    menu_item_class = ScopedMenuItem


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


class OrganisationViewSet(ScopedViewSet):
    name = "organisations"
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 311

    def get_urlpatterns(self):
        return [
            path("", organisations.OrganisationIndexView.as_view(), name="index"),
            path("add/", organisations.OrganisationFormView.as_view(), name="add"),
            path("<int:pk>/", organisations.OrganisationDetailView.as_view(), name="detail"),
            path("<int:pk>/edit/", organisations.OrganisationFormView.as_view(), name="edit"),
            path("<int:pk>/delete/", organisations.OrganisationDeleteView.as_view(), name="delete"),
            path(
                "<int:pk>/managers/",
                organisations.OrganisationManagersView.as_view(),
                name="managers",
            ),
        ]


class CohortViewSet(ScopedViewSet):
    name = "cohorts"
    icon = "group"
    menu_label = _("Cohorts")
    menu_order = 312

    def get_urlpatterns(self):
        return [
            path("", cohorts.CohortIndexView.as_view(), name="index"),
            path(
                "results/", cohorts.CohortIndexView.as_view(results_only=True), name="index_results"
            ),
            path("add/", cohorts.CohortFormView.as_view(), name="add"),
            path("<int:pk>/", cohorts.CohortMembersView.as_view(), name="members"),
            path("<int:pk>/edit/", cohorts.CohortFormView.as_view(), name="edit"),
            path("<int:pk>/delete/", cohorts.CohortDeleteView.as_view(), name="delete"),
        ]


@hooks.register("register_admin_viewset")
def register_approval_viewsets():
    return [EnrollmentRequestViewSet(), OrganisationViewSet(), CohortViewSet()]


@hooks.register("register_log_actions")
def register_approval_log_actions(actions):
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
    actions.register_action(
        "waypoint.organisation.move_person", _("Move to another unit"), _("Moved to another unit")
    )
    actions.register_action(
        "waypoint.organisation.add_manager", _("Add a unit manager"), _("Unit manager added")
    )
    actions.register_action(
        "waypoint.organisation.remove_manager",
        _("Remove a unit manager"),
        _("Unit manager removed"),
    )
