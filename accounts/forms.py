from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import roles
from .models import Organisation, User
from .services import user_set_overdue_digest, user_update_profile


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
        if self.instance.pk and self.instance.groups.filter(name=roles.MANAGERS).exists():
            self.fields["receives_overdue_digest"] = forms.BooleanField(
                label=_("Send me a weekly e-mail listing my staff with overdue courses"),
                required=False,
                initial=self.instance.receives_overdue_digest,
            )

    def save(self, commit=True):
        data = dict(self.cleaned_data)
        digest = data.pop("receives_overdue_digest", None)
        with transaction.atomic():
            user = user_update_profile(user=self.instance, **data)
            if digest is not None:
                user = user_set_overdue_digest(user=user, receives=digest)
        return user


class AccountDeleteForm(forms.Form):
    """Closing an account asks for the password again: a borrowed, signed-in browser must
    not be enough. Wrong passwords count against allauth's re-authentication limit."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
        required=True,
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        from allauth.core import ratelimit

        password = self.cleaned_data["password"]
        user = self.request.user
        if not ratelimit.consume(self.request, action="reauthenticate", user=user):
            raise forms.ValidationError(
                _("Too many wrong passwords. Wait a minute and try again."), code="rate_limited"
            )
        if not user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password
