"""Admin screens for enrolment requests, the organisation tree and cohorts (the viewsets in
``reports.approval_hooks`` route to them).

Every screen starts from the person's ``OrganisationScope``: listings are filtered by it,
and an object outside it is a 404, whatever id is typed into the address bar. Changing
the tree itself (units, managers) is for administrators only.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from accounts.selectors import OrganisationScope, organisation_scope_for


def scope_of(request) -> OrganisationScope:
    """The signed-in person's scope, computed once per request (the menu asks too)."""
    scope = getattr(request, "_waypoint_scope", None)
    if scope is None:
        scope = request._waypoint_scope = organisation_scope_for(request.user)
    return scope


def may_edit_tree(request) -> bool:
    """Administrators change units and their managers; managers only look and move
    people."""
    return scope_of(request).everything and request.user.has_perm("accounts.change_organisation")


class ScopedMixin:
    """Refuses anyone with an empty scope (a trainer, a manager without units)."""

    def dispatch(self, request, *args, **kwargs):
        self.scope = scope_of(request)
        if self.scope.is_empty:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TreeAdminMixin(ScopedMixin):
    def dispatch(self, request, *args, **kwargs):
        if not may_edit_tree(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def breadcrumbs(*items) -> list[dict]:
    return [{"url": reverse("wagtailadmin_home"), "label": _("Home")}] + [
        {"url": url, "label": label} for url, label in items
    ]


def audit(instance, action: str, request, **data) -> None:
    log(instance=instance, action=action, user=request.user, data=data)
