from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, User
from .services import user_update_profile


class SignupDetailsForm(forms.Form):
    """Extra fields on allauth's signup form."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("Exactly as it should appear on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        user_update_profile(user=user, full_name=self.cleaned_data["full_name"])


class ProfileForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("path"),
        required=False,
    )

    class Meta:
        model = User
        fields = ["full_name", "preferred_language", "organisation"]
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        # Indent units under their parents so the tree reads as a tree.
        self.fields["organisation"].label_from_instance = lambda org: (
            "\u2003" * (org.depth - 1) + org.name
        )

    def save(self, commit=True):
        return user_update_profile(user=self.instance, **self.cleaned_data)
