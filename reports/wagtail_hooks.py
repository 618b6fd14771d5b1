"""The reports app's admin: the report pages' menu items and URLs, and the manager's
panels on the admin dashboard."""

from wagtail import hooks

from reports import admin_panels, report_hooks  # noqa: F401


@hooks.register("construct_homepage_panels")
def add_manager_panels(request, panels):
    panels.extend(admin_panels.manager_panels(request))
