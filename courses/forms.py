from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, Topic
from courses.topics import shown_topics


class TopicChoiceField(forms.ModelChoiceField):
    """A topic by its slug, listed and chosen in the reader's language. A topic's
    translations share its slug, and a slug of any copy finds the reader's copy, so a link
    to ``?topic=<slug>`` filters the same whoever follows it."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        same_topic = Topic.objects.filter(slug=str(value)[:100]).values("translation_key")
        found = self.queryset.filter(translation_key__in=same_topic).order_by("id").first()
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. document fraud")}),
    )
    topic = TopicChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.none(),
        required=False,
        empty_label=_("All topics"),
        to_field_name="slug",
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels")), *CoursePage.Level.choices],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), *settings.LANGUAGES],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = shown_topics().order_by("name")
