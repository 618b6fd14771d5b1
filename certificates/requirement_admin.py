"""Admin screens of units' required courses, for managers (their units and the units below)
and administrators: list, add, remove. Every choice of a unit comes from the person's
scope, so a crafted id is "not one of the available choices" and nothing changes."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.fields import OrganisationChoiceField
from accounts.models import Organisation
from accounts.scoped_admin import ScopedMixin, breadcrumbs
from certificates import services
from certificates.compliance import requirements_in
from courses.fields import CourseChoiceField
from courses.models import CoursePage

INDEX = "required_courses:index"


class RequirementForm(forms.Form):
    unit = OrganisationChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Organisation.objects.none(),
        empty_label=gettext_lazy("Choose a unit"),
        help_text=gettext_lazy("The course is required in this unit and every unit below it."),
    )
    course = CourseChoiceField(
        label=gettext_lazy("Course"),
        queryset=CoursePage.objects.none(),
        empty_label=gettext_lazy("Choose a course"),
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scope.organisations().order_by("path")
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")


def _crumbs(*items):
    return breadcrumbs((reverse(INDEX), _("Required courses")), *items)


class RequirementIndexView(ScopedMixin, View):
    template_name = "certificates/admin/requirements_index.html"

    def get(self, request):
        rows = [
            {"requirement": r, "removable": self.scope.contains(r.unit)}
            for r in requirements_in(self.scope)
        ]
        title = _("Required courses")
        return TemplateResponse(
            request,
            self.template_name,
            {
                "rows": rows,
                "header_title": title,
                "page_title": title,
                "breadcrumbs_items": _crumbs(),
            },
        )


class RequirementAddView(ScopedMixin, View):
    template_name = "certificates/admin/requirement_form.html"

    def get(self, request):
        return self._render(RequirementForm(scope=self.scope))

    def post(self, request):
        form = RequirementForm(request.POST, scope=self.scope)
        if form.is_valid():
            try:
                services.requirement_add(**form.cleaned_data, actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(unit)s now requires %(course)s.")
                    % {
                        "unit": form.cleaned_data["unit"].name,
                        "course": form.cleaned_data["course"].title,
                    },
                )
                return redirect(INDEX)
        return self._render(form, status=400)

    def _render(self, form, status=200):
        title = _("Require a course")
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "form": form,
                "header_title": title,
                "page_title": title,
                "breadcrumbs_items": _crumbs(("", title)),
            },
            status=status,
        )


class RequirementRemoveView(ScopedMixin, View):
    template_name = "certificates/admin/requirement_remove.html"

    def _requirement(self, pk):
        return get_object_or_404(requirements_in(self.scope).filter(self.scope.q("unit")), pk=pk)

    def get(self, request, pk: int):
        requirement = self._requirement(pk)
        title = _("Remove a required course")
        return TemplateResponse(
            request,
            self.template_name,
            {
                "requirement": requirement,
                "header_title": title,
                "page_title": title,
                "breadcrumbs_items": _crumbs(("", title)),
            },
        )

    def post(self, request, pk: int):
        requirement = self._requirement(pk)
        unit, course = requirement.unit.name, requirement.course.title
        services.requirement_remove(requirement=requirement, actor=request.user)
        messages.success(
            request, _("%(unit)s no longer requires %(course)s.") % {"unit": unit, "course": course}
        )
        return redirect(INDEX)
