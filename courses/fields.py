"""Form fields that name a course or a topic, for the forms of other apps (assignments,
report filters) and the catalogue's: they import this, not each other's forms."""

from django import forms
from django.core.exceptions import ValidationError

from courses.models import Topic


class CourseChoiceField(forms.ModelChoiceField):
    """A course by page id, shown by its title."""

    def label_from_instance(self, obj):
        return obj.title

    def to_python(self, value):
        """An id past a 64-bit integer overflows in the page lookup: not a valid choice."""
        if isinstance(value, str) and len(value.strip()) > 18:
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return super().to_python(value)


class TopicChoiceField(forms.ModelChoiceField):
    """A topic, listed and chosen in the reader's language (the queryset: ``courses.topics.
    shown_topics``). The value may name any copy of the topic (by ``to_field_name``, the
    slug in the catalogue, or its id in the reports) and finds the reader's copy, so a link
    made in one language filters the same whoever follows it."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        try:
            same_topic = Topic.objects.filter(**{key: str(value)[:100]}).values("translation_key")
            found = self.queryset.filter(translation_key__in=same_topic).order_by("id").first()
        except (ValueError, TypeError, OverflowError, ValidationError):
            found = None  # not an id at all
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        self._chosen = {str(value): found}  # shown as chosen, though the value named a copy
        return found

    def prepare_value(self, value):
        if isinstance(value, str | int):  # the submitted value, not an option's topic
            value = getattr(self, "_chosen", {}).get(str(value), value)
        return super().prepare_value(value)
