from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import roles
from .fields import OrganisationChoiceField
from .models import Organisation, User
from .services import (
    membership_request_create,
    user_set_compliance_digest,
    user_set_overdue_digest,
    user_update_profile,
)


def _unit_field(**kwargs) -> OrganisationChoiceField:
    """Every unit, in tree order, indented under its parent."""
    return OrganisationChoiceField(queryset=Organisation.objects.order_by("path"), **kwargs)


class SignupDetailsForm(forms.Form):
    """Extra fields on allauth's signup form: the name, and the unit the person asks to join
    (its managers decide; an e-mail domain rule may place them instead)."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("Exactly as it should appear on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = _unit_field(
        label=_("Your unit (optional)"),
        required=False,
        empty_label=_("Not now"),
        help_text=_(
            "The unit's managers approve your request to join it. You can also ask later, "
            "from your profile."
        ),
    )

    def signup(self, request, user):
        user_update_profile(user=user, full_name=self.cleaned_data["full_name"])
        if self.cleaned_data.get("organisation") is not None:
            membership_request_create(user=user, unit=self.cleaned_data["organisation"])


class JoinUnitForm(forms.Form):
    """Ask to join a unit (or to move to another one) from the profile."""

    unit = _unit_field(label=_("Ask to join a unit"), empty_label=_("Choose a unit"))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        if user.organisation_id:
            self.fields["unit"].label = _("Ask to move to another unit")
            self.fields["unit"].queryset = self.fields["unit"].queryset.exclude(
                pk=user.organisation_id
            )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language", "images_on_tap"]
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        if self.instance.pk and self.instance.groups.filter(name=roles.MANAGERS).exists():
            self.fields["receives_overdue_digest"] = forms.BooleanField(
                label=_("Send me a weekly e-mail listing my staff with overdue courses"),
                required=False,
                initial=self.instance.receives_overdue_digest,
            )
            self.fields["receives_compliance_digest"] = forms.BooleanField(
                label=_(
                    "Send me a monthly e-mail listing required certificates that lapse next month"
                ),
                required=False,
                initial=self.instance.receives_compliance_digest,
            )

    def save(self, commit=True):
        data = dict(self.cleaned_data)
        digest = data.pop("receives_overdue_digest", None)
        compliance = data.pop("receives_compliance_digest", None)
        with transaction.atomic():
            user = user_update_profile(user=self.instance, **data)
            if digest is not None:
                user = user_set_overdue_digest(user=user, receives=digest)
            if compliance is not None:
                user = user_set_compliance_digest(user=user, receives=compliance)
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
