"""The compliance report's filters: unit, course, status, expiry window. Choices come from
the person's scope, so a crafted id (another ministry's unit) is "not one of the available
choices": the form is invalid and the report shows nothing."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import OrganisationChoiceField
from accounts.models import Organisation
from accounts.selectors import OrganisationScope
from certificates.compliance import STATUS_CHOICES, requirements_in
from courses.fields import CourseChoiceField
from courses.models import CoursePage
from reports.exports import ExportHeading
from reports.selectors.compliance import ComplianceCriteria
from reports.selectors.criteria import scope_unit_names

WINDOW_CHOICES = [
    ("", _("Any expiry date")),
    ("30", _("Within 30 days")),
    ("60", _("Within 60 days")),
    ("90", _("Within 90 days")),
]


class ComplianceFilterForm(forms.Form):
    unit = OrganisationChoiceField(
        label=_("Unit"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All my units"),
        help_text=_("The unit and every unit below it."),
    )
    course = CourseChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.none(),
        required=False,
        empty_label=_("All required courses"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status"))] + STATUS_CHOICES, required=False
    )
    window = forms.ChoiceField(
        label=_("Certificate expires"),
        choices=WINDOW_CHOICES,
        required=False,
        help_text=_("Only people whose valid certificate expires within this many days."),
    )

    def __init__(self, data, *, scope: OrganisationScope):
        super().__init__(data)
        self.scope = scope
        self.fields["unit"].queryset = scope.organisations().order_by("path")
        required = requirements_in(scope).values("course_id")
        self.fields["course"].queryset = (
            CoursePage.objects.filter(pk__in=required).order_by("title").only("id", "title")
        )

    def criteria(self) -> ComplianceCriteria:
        data = self.cleaned_data
        scope = self.scope.narrow_to(data["unit"]) if data.get("unit") else self.scope
        return ComplianceCriteria(
            scope=scope,
            now=timezone.now(),
            course_id=data["course"].pk if data.get("course") else None,
            status=data.get("status") or "",
            window=int(data["window"]) if data.get("window") else None,
        )

    def applied(self) -> list[tuple[str, str]]:
        applied = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if name in ("status", "window"):
                value = dict(field.choices)[value]
            elif name == "course":
                value = value.title
            applied.append((str(field.label), str(value)))
        return applied

    def export_heading(self, report: str, criteria: ComplianceCriteria) -> ExportHeading:
        units = scope_unit_names(criteria.scope)
        return ExportHeading(
            report=str(report), filters=self.applied(), units=units, as_of=criteria.now
        )
