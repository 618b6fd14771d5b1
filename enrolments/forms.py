"""Forms of the assignment and enrolment-request screens. Every choice of unit or cohort is
limited to the manager's scope, so a crafted POST naming another unit fails validation
("Select a valid choice") before any service runs; the services check the scope again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.fields import OrganisationChoiceField
from accounts.models import Cohort, Organisation
from accounts.selectors import OrganisationScope
from courses.fields import CourseChoiceField
from courses.models import CoursePage
from courses.translations import originals
from enrolments import csv_import
from enrolments.services.approvals import APPROVE, REJECT

UNIT = "unit"
COHORT = "cohort"
NOTE_MAX = 2000


def _live_courses():
    # A translation is assigned through its original, which keeps the learner's record.
    return originals(CoursePage.objects.live()).order_by("title")


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_in_the_past(value):
    if value is not None and value < timezone.localdate():
        raise forms.ValidationError(_("The due date is in the past."))
    return value


class AssignCourseForm(forms.Form):
    course = CourseChoiceField(label=gettext_lazy("Course"), queryset=CoursePage.objects.none())
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        widget=_date_input(),
        help_text=gettext_lazy("The course is due by the end of this day."),
    )
    target = forms.ChoiceField(
        label=gettext_lazy("Assign to"),
        choices=[
            (UNIT, gettext_lazy("A unit, with every unit below it")),
            (COHORT, gettext_lazy("A cohort")),
        ],
        widget=forms.RadioSelect,
        initial=UNIT,
    )
    organisation = OrganisationChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Organisation.objects.none(),
        required=False,
        with_code=True,
    )
    cohort = forms.ModelChoiceField(
        label=gettext_lazy("Cohort"), queryset=Cohort.objects.none(), required=False
    )

    def __init__(self, *args, scope: OrganisationScope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = _live_courses()
        self.fields["course"].empty_label = _("Choose a course")
        self.fields["organisation"].queryset = scope.organisations().order_by("path")
        self.fields["organisation"].empty_label = _("Choose a unit")
        if scope.paths and not scope.everything:
            shortest = min(len(path) for path in scope.paths)
            self.fields["organisation"].top_depth = shortest // Organisation.steplen
        self.fields["cohort"].queryset = scope.cohorts()
        self.fields["cohort"].empty_label = _("Choose a cohort")

    def clean_due_date(self):
        return _not_in_the_past(self.cleaned_data["due_date"])

    def clean(self):
        data = super().clean()
        target = data.get("target")
        if target == UNIT and not data.get("organisation") and "organisation" not in self.errors:
            self.add_error("organisation", _("Choose a unit."))
        if target == COHORT and not data.get("cohort") and "cohort" not in self.errors:
            self.add_error("cohort", _("Choose a cohort."))
        return data


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        allow_empty_file=True,  # the import says "The file is empty." itself
        help_text=gettext_lazy(
            "Columns: email (required), course (slug or page id), due_date (YYYY-MM-DD or "
            "DD/MM/YYYY), full_name, unit (unit code; required for people without an "
            "account, who are invited). Comma or semicolon delimited, up to 5 MB and "
            "50,000 rows. Excel: File → Save As → CSV."
        ),
    )
    course = CourseChoiceField(
        label=gettext_lazy("Course for rows without one"),
        queryset=CoursePage.objects.none(),
        required=False,
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due date for rows without one"), widget=_date_input(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = _live_courses()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > csv_import.MAX_BYTES:
            raise forms.ValidationError(csv_import.too_large_message())
        return upload

    def clean_due_date(self):
        return _not_in_the_past(self.cleaned_data["due_date"])


class CsvConfirmForm(forms.Form):
    token = forms.CharField(max_length=64)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(APPROVE, gettext_lazy("Approve")), (REJECT, gettext_lazy("Reject"))],
        widget=forms.HiddenInput,
        error_messages={"required": gettext_lazy("Choose whether to approve or reject.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the learner"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Sent with the decision e-mail, for example why you rejected it."),
    )
