from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils import translation
from django.utils.encoding import punycode
from django.utils.translation import gettext_lazy as _

from . import roles
from .services import user_assign_role


class WaypointAccountAdapter(DefaultAccountAdapter):
    """Sign-up stores the language the visitor was browsing in as their preference and makes
    the new account a learner; every other role is granted by an administrator."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # settings.ACCOUNT_RATE_LIMITS["login_failed"]: 10 failures per 15 minutes per account
        # and per address. Wrong two-factor codes count too.
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts. For your security, signing in is paused for up "
            "to 15 minutes. Try again later, or reset your password if you have forgotten it."
        ),
    }

    def clean_email(self, email):
        """Django's validator lets through domains that IDNA refuses (a right-to-left
        override, an invalid byte): mail to them cannot be sent, so refuse them here."""
        email = super().clean_email(email)
        try:
            punycode(email.rpartition("@")[2])
        except UnicodeError:
            raise forms.ValidationError(_("Enter a valid email address."), code="invalid") from None
        return email

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or user.preferred_language
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_assign_role(user=user, role=roles.LEARNERS)
        return user

    def get_client_ip(self, request) -> str:
        """Allauth's reading of X-Forwarded-For (``ALLAUTH_TRUSTED_PROXY_COUNT`` entries from
        the right, so a client cannot choose its own address by adding entries to the left),
        used for every per-address limit through ``config.ratelimit.client_address``. A
        header with fewer entries than there are proxies, or none that parses, means the
        request did not come through them: it is counted by the address it connects from,
        where allauth would answer 500 or 403."""
        try:
            return super().get_client_ip(request)
        except (ImproperlyConfigured, PermissionDenied):
            return request.META.get("REMOTE_ADDR") or "unknown"

    def post_login(self, request, user, **kwargs):
        """After sign-in, show the site in the learner's preferred language."""
        response = super().post_login(request, user, **kwargs)
        if user.preferred_language and hasattr(response, "set_cookie"):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.preferred_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
        return response
