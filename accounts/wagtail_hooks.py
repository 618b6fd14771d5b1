"""Audit-log actions of ``accounts`` (role changes, personal-data exports, closed accounts,
invitations, changes of unit and requests to join one, the organisation tree and cohorts),
the admin screens of the organisation tree, cohorts, unit requests and e-mail domain rules,
the role log for Wagtail's bulk "Assign role" action on the users listing, and
the bulk actions that must leave superusers alone."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, SetActiveStateBulkAction

from .admin_forms import SsoClaimRuleForm, UnitDomainRuleForm
from .admin_views import cohorts, membership, organisations
from .audit import LOG_ROLES, log_role_added, unit_log_formatter
from .models import SsoClaimRule, UnitDomainRule
from .privacy import LOG_DELETE, LOG_EXPORT
from .scoped_admin import ScopedViewSet
from .services.membership import LOG_DECLINED, LOG_REQUESTED, LOG_WITHDRAWN
from .services.organisations import LOG_ADD_MANAGER, LOG_COHORT_MEMBERS, LOG_REMOVE_MANAGER
from .services.placement import (
    LOG_DOMAIN_PLACED,
    LOG_JOIN_APPROVED,
    LOG_MOVE_PERSON,
    LOG_PLACED,
    LOG_SSO_PLACED,
)
from .services.users import LOG_INVITE
from .viewsets import can_manage_account

ASSIGN_ROLE = "assign_role"


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action(LOG_ROLES, _("Change roles"), _("Roles changed"))
    actions.register_action(LOG_EXPORT, _("Export personal data"), _("Personal data exported"))
    actions.register_action(LOG_DELETE, _("Close account"), _("Account closed and anonymised"))
    for action, label, message in UNIT_ACTIONS:
        actions.register_action(action)(unit_log_formatter(label, message))
    actions.register_action(LOG_ADD_MANAGER, _("Add a unit manager"), _("Unit manager added"))
    actions.register_action(
        LOG_REMOVE_MANAGER, _("Remove a unit manager"), _("Unit manager removed")
    )
    actions.register_action(LOG_COHORT_MEMBERS)(CohortMembersFormatter)


# Every change of unit, and every step of a request to join one: what the history shows.
UNIT_ACTIONS = [
    (
        LOG_INVITE,
        _("Invite"),
        _("Account created for an invitation to assigned courses, in %(to)s"),
    ),
    (LOG_MOVE_PERSON, _("Move to another unit"), _("Moved from %(from)s to %(to)s")),
    (
        LOG_JOIN_APPROVED,
        _("Approve a unit request"),
        _("Joined %(to)s on approval (was in %(from)s)"),
    ),
    (
        LOG_DOMAIN_PLACED,
        _("Place by e-mail domain"),
        _("Placed in %(to)s by the e-mail domain rule for %(rule)s"),
    ),
    (
        LOG_SSO_PLACED,
        _("Place by single sign-on"),
        _("Placed in %(to)s by the single sign-on rule %(rule)s (was in %(from)s)"),
    ),
    (LOG_PLACED, _("Change unit"), _("Unit changed from %(from)s to %(to)s")),
    (LOG_REQUESTED, _("Ask to join a unit"), _("Asked to join %(to)s")),
    (LOG_DECLINED, _("Decline a unit request"), _("Request to join %(to)s declined")),
    (LOG_WITHDRAWN, _("Withdraw a unit request"), _("Request to join %(to)s withdrawn")),
]


class CohortMembersFormatter(LogFormatter):
    label = _("Change cohort members")

    def format_message(self, log_entry):
        joined = len(log_entry.data.get("added", []))
        left = len(log_entry.data.get("removed", []))
        joined_text = ngettext("%(count)s person joined", "%(count)s people joined", joined) % {
            "count": joined
        }
        left_text = ngettext("%(count)s person left", "%(count)s people left", left) % {
            "count": left
        }
        return f"{joined_text}, {left_text}"


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


class MembershipRequestViewSet(ScopedViewSet):
    name = "membership_requests"
    url_prefix = "unit-requests"
    icon = "user"
    menu_label = _("Unit requests")
    menu_order = 313

    def get_urlpatterns(self):
        return [
            path("", membership.MembershipRequestIndexView.as_view(), name="index"),
            path(
                "results/",
                membership.MembershipRequestIndexView.as_view(results_only=True),
                name="index_results",
            ),
            path("<int:pk>/", membership.MembershipRequestDecideView.as_view(), name="decide"),
        ]


class UnitDomainRuleIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("unit")


class UnitDomainRuleViewSet(ModelViewSet):
    """E-mail domain rules, for administrators (the model permissions, which the
    Administrators group holds): Wagtail's own screens, history and audit entries."""

    model = UnitDomainRule
    index_view_class = UnitDomainRuleIndexView
    name = "unit_domain_rules"
    url_prefix = "unit-domain-rules"
    icon = "mail"
    menu_label = _("E-mail domain rules")
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = [
        "domain",
        Column("unit", label=_("Unit"), accessor="unit.name"),
        Column("mode", label=_("What happens"), accessor="get_mode_display"),
    ]

    def get_form_class(self, for_update=False):
        return UnitDomainRuleForm


class SsoClaimRuleIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("unit")


class SsoClaimRuleViewSet(ModelViewSet):
    """Single sign-on rules, for administrators (the model permissions), as the e-mail
    domain rules: a claim of a provider leads to a unit and a role (accounts.services.sso)."""

    model = SsoClaimRule
    index_view_class = SsoClaimRuleIndexView
    name = "sso_claim_rules"
    url_prefix = "sso-rules"
    icon = "key"
    menu_label = _("Single sign-on rules")
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = [
        "__str__",  # provider: claim = value, linking to the rule
        Column("unit", label=_("Unit"), accessor="unit.name"),
        Column("placement", label=_("What happens"), accessor="get_placement_display"),
        Column("role", label=_("Role"), accessor="get_role_display"),
    ]

    def get_form_class(self, for_update=False):
        return SsoClaimRuleForm


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return [
        OrganisationViewSet(),
        CohortViewSet(),
        MembershipRequestViewSet(),
        UnitDomainRuleViewSet(),
        SsoClaimRuleViewSet(),
    ]


@hooks.register("before_bulk_action")
def remember_roles_before_bulk_assign(request, action_type, objects, action_class_instance):
    """Who already had the role, so that only real changes are logged afterwards."""
    if action_type == ASSIGN_ROLE:
        role = action_class_instance.cleaned_form.cleaned_data["role"]
        ids = [user.pk for user in objects]
        action_class_instance.waypoint_had_role = set(
            role.user_set.filter(pk__in=ids).values_list("pk", flat=True)
        )


@hooks.register("after_bulk_action")
def log_bulk_role_assignment(request, action_type, objects, action_class_instance):
    if action_type != ASSIGN_ROLE:
        return
    role = action_class_instance.cleaned_form.cleaned_data["role"]
    had_role = getattr(action_class_instance, "waypoint_had_role", set())
    for user in objects:
        if user.pk not in had_role:
            log_role_added(user=user, actor=request.user, role=role.name)


# The admin's account page no longer changes the address or the password
# (WAGTAIL_EMAIL_MANAGEMENT_ENABLED, WAGTAIL_PASSWORD_MANAGEMENT_ENABLED): it links to
# allauth's pages, which verify a new address, limit password guesses and send notices.
@hooks.register("register_account_menu_item")
def change_email_address(request):
    return {
        "url": reverse("account_email"),
        "label": _("Change e-mail address"),
        "help_text": _("The new address becomes your sign-in address once you confirm it."),
    }


@hooks.register("register_account_menu_item")
def change_password(request):
    return {
        "url": reverse("account_change_password"),
        "label": _("Change password"),
        "help_text": _("You will be asked for your current password."),
    }


@hooks.register("register_account_menu_item")
def two_factor_authentication(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Two-factor authentication"),
        "help_text": _("Authenticator app, recovery codes and security keys."),
    }


class WaypointAssignRoleBulkAction(AssignRoleBulkAction):
    """Wagtail checks only the change-user permission per person; a superuser selected by an
    administrator is listed as "no permission" and left as they are."""

    def check_perm(self, obj):
        return super().check_perm(obj) and can_manage_account(self.request.user, obj)


class WaypointSetActiveStateBulkAction(SetActiveStateBulkAction):
    def check_perm(self, obj):
        return super().check_perm(obj) and can_manage_account(self.request.user, obj)


# Registered after Wagtail's (order 0): the registry keeps the last class per action type.
hooks.register("register_bulk_action", WaypointAssignRoleBulkAction, order=1)
hooks.register("register_bulk_action", WaypointSetActiveStateBulkAction, order=1)
