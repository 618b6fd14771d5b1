"""What every admin screen that works inside an organisation scope shares: the menu item
and viewset shown only to people with a scope (managers with units, administrators), the
view mixin that refuses everyone else, and the breadcrumbs.

The organisation tree and cohorts (``accounts.admin_views``) use them, and so do the
enrolment screens: the scope is an ``accounts`` notion (``accounts.selectors``).
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from accounts.selectors import organisation_scope_of_request


class ScopedMenuItem(MenuItem):
    def is_shown(self, request):
        return not organisation_scope_of_request(request).is_empty


class ScopedViewSet(ViewSet):
    """A viewset with its own URL namespace, in the admin menu for people with a scope."""

    add_to_admin_menu = True
    menu_item_class = ScopedMenuItem


class ScopedMixin:
    """Refuses anyone with an empty scope (a trainer, a manager without units); sets
    ``self.scope`` for the view to narrow every listing and lookup with."""

    def dispatch(self, request, *args, **kwargs):
        self.scope = organisation_scope_of_request(request)
        if self.scope.is_empty:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def breadcrumbs(*items) -> list[dict]:
    return [{"url": reverse("wagtailadmin_home"), "label": _("Home")}] + [
        {"url": url, "label": label} for url, label in items
    ]
