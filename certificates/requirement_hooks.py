"""Admin menu, URLs and audit-log actions of units' required courses."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.scoped_admin import ScopedViewSet
from certificates import requirement_admin as views
from certificates.services.requirements import LOG_REQUIRE, LOG_UNREQUIRE


class RequiredCourseViewSet(ScopedViewSet):
    """In the menu for people with a scope: managers with units, administrators."""

    name = "required_courses"
    url_prefix = "required-courses"
    icon = "tick-inverse"
    menu_label = _("Required courses")
    menu_order = 314

    def get_urlpatterns(self):
        return [
            path("", views.RequirementIndexView.as_view(), name="index"),
            path("add/", views.RequirementAddView.as_view(), name="add"),
            path("<int:pk>/remove/", views.RequirementRemoveView.as_view(), name="remove"),
        ]


@hooks.register("register_admin_viewset")
def register_required_courses():
    return RequiredCourseViewSet()


@hooks.register("register_log_actions")
def register_requirement_log_actions(actions):
    actions.register_action(LOG_REQUIRE, _("Require a course"), _("Course required of a unit"))
    actions.register_action(
        LOG_UNREQUIRE, _("Stop requiring a course"), _("Course no longer required of a unit")
    )
