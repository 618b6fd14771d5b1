"""Forms of the organisation-tree and cohort screens.

Every choice of a unit or a person comes from the signed-in person's organisation scope,
so a crafted id (another ministry's unit, someone else's staff) is "not one of the
available choices": the form is invalid and nothing changes.
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.fields import OrganisationChoiceField
from accounts.models import Cohort, Organisation, SsoClaimRule, UnitDomainRule, User
from accounts.selectors import OrganisationScope, email_domain


def units_in(scope: OrganisationScope):
    return scope.organisations().order_by("path")


class MoveMembersForm(forms.Form):
    """Move some of a unit's people to another unit of the same scope."""

    people = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=User.objects.none(),
        error_messages={"required": _("Tick the people to move.")},
    )
    target = OrganisationChoiceField(
        label=_("Move to"), queryset=Organisation.objects.none(), empty_label=_("Choose a unit")
    )

    def __init__(self, *args, unit: Organisation, scope: OrganisationScope, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["people"].queryset = User.objects.filter(organisation=unit)
        self.fields["target"].queryset = units_in(scope).exclude(pk=unit.pk)


_COUNTRY = re.compile(r"^[A-Z]{2}$")


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.SlugField(
        label=_("Code"),
        max_length=50,
        help_text=_("A short unique code, such as border-police-airport."),
    )
    country = forms.CharField(
        label=_("Country"),
        max_length=2,
        required=False,
        help_text=_("ISO 3166-1 alpha-2 code, such as JO."),
    )
    parent = OrganisationChoiceField(
        label=_("Part of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Nothing: a ministry or agency at the top of the tree"),
    )

    def __init__(self, *args, scope: OrganisationScope, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        parents = units_in(scope)
        if organisation is not None:  # not below itself
            parents = parents.exclude(path__startswith=organisation.path)
        self.fields["parent"].queryset = parents

    def clean_country(self):
        country = self.cleaned_data["country"].strip().upper()
        if country and not _COUNTRY.match(country):
            raise ValidationError(_("Two letters, such as JO or FR."))
        return country

    def clean_code(self):
        code = self.cleaned_data["code"].strip().lower()
        taken = Organisation.objects.filter(code=code)
        if self.organisation is not None:
            taken = taken.exclude(pk=self.organisation.pk)
        if taken.exists():
            raise ValidationError(_("Another unit already has this code."))
        return code


class ManagerAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the new manager"))

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise ValidationError(_("No account has this e-mail address."))
        if not user.is_active:
            raise ValidationError(_("This account is disabled."))
        self.user = user
        return email


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = OrganisationChoiceField(
        label=_("Unit"),
        queryset=Organisation.objects.none(),
        help_text=_("Members come from this unit and the units below it."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, scope: OrganisationScope, cohort: Cohort | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        self.fields["organisation"].queryset = units_in(scope)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        taken = Cohort.objects.filter(name__iexact=name)
        if self.cohort is not None:
            taken = taken.exclude(pk=self.cohort.pk)
        if taken.exists():
            raise ValidationError(_("Another cohort already has this name."))
        return name


_SEPARATORS = re.compile(r"[\s,;]+")


class CohortMembersForm(forms.Form):
    """Remove members by ticking them; add people by e-mail address (pasted lists welcome).
    Only people in the editor's scope can be found."""

    remove = forms.ModelMultipleChoiceField(
        label=_("Remove"), queryset=User.objects.none(), required=False
    )
    add = forms.CharField(
        label=_("Add people"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E-mail addresses, one per line or separated by commas."),
    )

    def __init__(self, *args, cohort: Cohort, scope: OrganisationScope, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort, self.scope = cohort, scope
        self.fields["remove"].queryset = cohort.members.all()

    def clean_add(self):
        addresses = [a.lower() for a in _SEPARATORS.split(self.cleaned_data["add"]) if a]
        invalid = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                invalid.append(address)
        if invalid:
            raise ValidationError(
                _("Not e-mail addresses: %(list)s.") % {"list": ", ".join(invalid)}
            )
        found = list(
            self.scope.users()
            .annotate(email_lower=Lower("email"))
            .filter(email_lower__in=addresses)
            .select_related("organisation")
        )
        missing = sorted(set(addresses) - {user.email.lower() for user in found})
        if missing:
            raise ValidationError(
                _("Nobody in your organisation has these addresses: %(list)s.")
                % {"list": ", ".join(missing)}
            )
        return found

    def new_members(self) -> list[User]:
        removed = {user.pk for user in self.cleaned_data["remove"]}
        kept = [user for user in self.cohort.members.select_related("organisation")]
        members = {user.pk: user for user in kept if user.pk not in removed}
        for user in self.cleaned_data["add"]:
            members[user.pk] = user
        return list(members.values())


APPROVE, DECLINE = "approve", "decline"


class MembershipDecisionForm(forms.Form):
    """Approve or decline a request to join a unit, with a note for the person."""

    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (DECLINE, _("Decline"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose whether to approve or decline.")},
    )
    note = forms.CharField(
        label=_("Note to the person"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the decision e-mail, for example why you declined it."),
    )


class UnitDomainRuleForm(forms.ModelForm):
    """An e-mail domain and the unit it leads to; the domain is stored as addresses are
    compared: lower case, without the @, IDNA-encoded."""

    unit = OrganisationChoiceField(
        label=_("Unit"),
        queryset=Organisation.objects.order_by("path"),
        empty_label=_("Choose a unit"),
    )
    mode = forms.ChoiceField(
        label=_("What happens"),
        choices=UnitDomainRule.Mode.choices,
        widget=forms.RadioSelect,
        initial=UnitDomainRule.Mode.REQUEST,
    )

    class Meta:
        model = UnitDomainRule
        fields = ["domain", "unit", "mode"]

    def clean_domain(self):
        typed = self.cleaned_data["domain"].strip().removeprefix("@")
        domain = email_domain(f"@{typed}")
        try:
            if "@" in typed:
                raise ValidationError("a name before the domain")
            validate_email(f"someone@{domain}")
        except ValidationError:
            raise ValidationError(
                _("Enter a domain such as border.gov.example, without any name before it.")
            ) from None
        taken = UnitDomainRule.objects.filter(domain=domain)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("Another rule already covers this domain."))
        return domain


class SsoClaimRuleForm(forms.ModelForm):
    """A claim of a configured provider and what it leads to: a unit, a role, or both."""

    provider_id = forms.ChoiceField(label=_("Provider"))
    unit = OrganisationChoiceField(
        label=_("Unit"),
        queryset=Organisation.objects.order_by("path"),
        required=False,
        empty_label=_("No unit: the role alone"),
    )
    placement = forms.ChoiceField(
        label=_("What happens"),
        choices=SsoClaimRule.Placement.choices,
        widget=forms.RadioSelect,
        initial=SsoClaimRule.Placement.REQUEST,
    )

    class Meta:
        model = SsoClaimRule
        fields = ["provider_id", "claim", "value", "unit", "placement", "role", "priority"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        configured = [
            (app["provider_id"], f"{app['name']} ({app['provider_id']})")
            for app in settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
        ]
        current = self.instance.provider_id
        if current and current not in dict(configured):  # a provider since taken away
            configured.append((current, current))
        self.fields["provider_id"].choices = configured
        self.fields["provider_id"].help_text = _(
            "Providers are set by the server's configuration (OIDC_PROVIDERS)."
        )

    def clean_claim(self):
        claim = self.cleaned_data["claim"].strip()
        if not claim or any(char.isspace() for char in claim) or ".." in claim:
            raise ValidationError(_("Enter a claim name such as department or groups."))
        return claim

    def clean_value(self):
        value = self.cleaned_data["value"].strip()
        if not value:
            raise ValidationError(_("Enter the value the claim must have."))
        return value
