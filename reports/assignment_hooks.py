"""Admin menu items and URLs of bulk assignments and the CSV import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from reports import assignment_views


class AssignmentMenuItem(MenuItem):
    """Shown to people with a scope: managers of units and administrators."""

    def is_shown(self, request):
        return assignment_views.can_assign(request)


@hooks.register("register_admin_urls")
def register_assignment_admin_urls():
    return [
        path("assignments/assign/", assignment_views.assign_course, name="reports_assign_course"),
        path("assignments/import/", assignment_views.import_csv, name="reports_assignments_import"),
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
