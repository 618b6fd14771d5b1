"""The reports' filter form: course, topic, unit, cohort, enrolment date range, status,
language of study.

Choices come from the person's scope, so a crafted id (another ministry's unit or cohort)
is "not one of the available choices": the form is invalid, the report says why and shows
no rows. A valid unit only narrows the scope (``OrganisationScope.narrow_to``).
"""

from datetime import datetime

from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import OrganisationChoiceField
from accounts.models import Cohort, Organisation
from accounts.selectors import OrganisationScope
from courses.fields import CourseChoiceField, TopicChoiceField
from courses.models import CoursePage, Topic
from courses.topics import shown_topics
from courses.translations import originals
from reports.exports import ExportHeading
from reports.selectors.criteria import (
    STATUS_CHOICES,
    STATUS_LABELS,
    ReportCriteria,
    scope_unit_names,
)

SUMMARY_FILTERS = (
    "course",
    "topic",
    "unit",
    "cohort",
    "enrolled_from",
    "enrolled_to",
    "language",
)
ENROLMENT_FILTERS = SUMMARY_FILTERS + ("status",)


class ReportFilterForm(forms.Form):
    course = CourseChoiceField(
        label=_("Course"), queryset=CoursePage.objects.none(), required=False
    )
    topic = TopicChoiceField(label=_("Topic"), queryset=Topic.objects.none(), required=False)
    unit = OrganisationChoiceField(
        label=_("Unit"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The unit and every unit below it."),
    )
    cohort = forms.ModelChoiceField(
        label=_("Cohort"), queryset=Cohort.objects.none(), required=False
    )
    enrolled_from = forms.DateField(
        label=_("Enrolled from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    enrolled_to = forms.DateField(
        label=_("Enrolled until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status"))] + STATUS_CHOICES, required=False
    )
    language = forms.ChoiceField(
        label=_("Language of study"),
        choices=[("", _("Any language")), *settings.LANGUAGES],
        required=False,
    )

    def __init__(self, data, *, scope: OrganisationScope, fields=ENROLMENT_FILTERS):
        super().__init__(data)
        self.scope = scope
        for name in list(self.fields):
            if name not in fields:
                del self.fields[name]
        choices = {
            # Records are kept against a course's original: translations are no choice.
            "course": originals(CoursePage.objects.order_by("title").only("id", "title")),
            # One copy of each topic, in the reader's language; it counts every copy.
            "topic": shown_topics().order_by("name"),
            "unit": scope.organisations().order_by("path"),
            "cohort": scope.cohorts().order_by("name"),
        }
        empty_labels = {
            "course": _("All courses"),
            "topic": _("All topics"),
            "unit": _("All my units"),
            "cohort": _("All cohorts"),
        }
        for name, queryset in choices.items():
            if name in self.fields:
                self.fields[name].queryset = queryset
                self.fields[name].empty_label = empty_labels[name]

    def clean(self):
        data = super().clean()
        start, end = data.get("enrolled_from"), data.get("enrolled_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the date range is after its end."))
        return data

    def criteria(self) -> ReportCriteria:
        """What the report counts; call only when the form is valid."""
        data = self.cleaned_data
        scope = self.scope.narrow_to(data["unit"]) if data.get("unit") else self.scope
        return ReportCriteria(
            scope=scope,
            course_id=data["course"].pk if data.get("course") else None,
            topic_id=data["topic"].pk if data.get("topic") else None,
            cohort_id=data["cohort"].pk if data.get("cohort") else None,
            enrolled_from=data.get("enrolled_from"),
            enrolled_to=data.get("enrolled_to"),
            status=data.get("status") or "",
            language=data.get("language") or "",
            now=timezone.now(),
        )

    def applied(self) -> list[tuple[str, str]]:
        """The filters in use, in words, as a person chose them (valid forms only)."""
        applied = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if name == "status":
                value = STATUS_LABELS[value]
            elif name == "language":
                value = dict(settings.LANGUAGES)[value]
            elif hasattr(value, "year"):
                value = formats.date_format(value)
            applied.append((str(field.label), str(value)))
        return applied

    def export_heading(self, report: str, as_of: datetime) -> ExportHeading:
        """What an export of these criteria says above its table (one query: the names of
        the units in scope, below the chosen unit when there is one)."""
        units = scope_unit_names(self.criteria().scope)
        return ExportHeading(report=str(report), filters=self.applied(), units=units, as_of=as_of)
