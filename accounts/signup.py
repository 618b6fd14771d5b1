"""Allauth's sign-up form, doing the same work whether or not the address has an account."""

from allauth.account.forms import SignupForm
from django.contrib.auth.hashers import make_password


class WaypointSignupForm(SignupForm):
    """With an address that already has an account, allauth creates nothing and mails the
    owner instead (``ACCOUNT_PREVENT_ENUMERATION``), and the visitor sees the same page
    as for a new address. But only a new account hashed a password, about 300 ms of PBKDF2,
    so the answer's timing told which addresses have accounts. Hash the typed password here
    too, and throw the hash away: each path hashes once and sends one mail."""

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
