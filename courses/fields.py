"""Form fields that name a course, for the forms of other apps (assignments, report
filters): they import this, not each other's forms."""

from django import forms


class CourseChoiceField(forms.ModelChoiceField):
    """A course by page id, shown by its title."""

    def label_from_instance(self, obj):
        return obj.title

    def to_python(self, value):
        """An id past a 64-bit integer overflows in the page lookup: not a valid choice."""
        if isinstance(value, str) and len(value.strip()) > 18:
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return super().to_python(value)
