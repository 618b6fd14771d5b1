from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from courses.fields import TopicChoiceField
from courses.models import CoursePage, Topic
from courses.topics import shown_topics


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
