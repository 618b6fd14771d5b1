"""The admin's "New course": straight to the form that adds a course to the catalogue."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from courses.selectors import catalogue_get


def new_course(request):
    catalogue = catalogue_get()
    if not catalogue.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    return redirect("wagtailadmin_pages:add", "courses", "coursepage", catalogue.pk)
