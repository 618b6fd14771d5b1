"""Allauth's sign-up form, doing the same work whether or not the address has an account."""

from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

from .selectors import email_domain


def allowed_signup_domains() -> list[str]:
    """``SIGNUP_ALLOWED_EMAIL_DOMAINS``, as domain rules store domains; empty: anyone."""
    domains = settings.SIGNUP_ALLOWED_EMAIL_DOMAINS
    return [email_domain(f"@{domain}") for domain in domains if domain.strip()]


class WaypointSignupForm(SignupForm):
    """With an address that already has an account, allauth creates nothing and mails the
    owner instead (``ACCOUNT_PREVENT_ENUMERATION``), and the visitor sees the same page
    as for a new address. But only a new account hashed a password, about 300 ms of PBKDF2,
    so the answer's timing told which addresses have accounts. Hash the typed password here
    too, and throw the hash away: each path hashes once and sends one mail.

    With ``SIGNUP_ALLOWED_EMAIL_DOMAINS`` set, only addresses at those domains may sign up
    (people elsewhere are invited by a manager or created by an administrator)."""

    def clean_email(self):
        allowed = allowed_signup_domains()
        email = self.cleaned_data.get("email", "")
        if allowed and email_domain(email) not in allowed:
            raise forms.ValidationError(
                _(
                    "Only addresses at %(domains)s can sign up here. Use your work address, "
                    "or ask your manager to invite you."
                )
                % {"domains": ", ".join(allowed)},
                code="domain_not_allowed",
            )
        return super().clean_email()

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
