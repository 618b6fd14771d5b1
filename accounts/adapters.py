from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit  # as DefaultAccountAdapter: a usage to roll back
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils import translation
from django.utils.encoding import punycode
from django.utils.translation import gettext_lazy as _

from . import known_devices, roles
from .services import user_assign_role


class WaypointAccountAdapter(DefaultAccountAdapter):
    """Sign-up stores the language the visitor was browsing in as their preference and makes
    the new account a learner; every other role is granted by an administrator."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # settings.ACCOUNT_RATE_LIMITS: 10 failures per 15 minutes per account (wrong
        # two-factor codes count too), a few hundred per address, and 10 for a known browser.
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

    def pre_authenticate(self, request, **credentials):
        """Throttle password guessing without handing attackers a lock-out (ASVS 2.2.1).

        A browser that has signed in to this account before (``accounts.known_devices``)
        spends its own budget, ``login_failed_known_device``: 10 failures per 15 minutes.
        Any other browser spends allauth's ``login_failed``: 10 per 15 minutes for the
        account, whatever addresses the guesses come from, and a few hundred per client
        address, which stops a spray of one password over many accounts yet leaves an office
        behind one NAT room for its typing mistakes. So failures on other accounts never
        count against this one's budget, and an attacker who hammers a named account locks
        out only browsers that never signed in to it, not its owner's.
        Allauth rolls the usage back when the password is right."""
        login_key = self._get_login_attempts_cache_key(request, **credentials)
        device_id = known_devices.known_device_id(request, login_key=login_key)
        if device_id is None:
            return super().pre_authenticate(request, **credentials)
        self._login_failed_rl_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed_known_device",
            key=f"{device_id}:{login_key}",
        )
        if not self._login_failed_rl_usage:
            raise self.validation_error("too_many_login_attempts")

    def get_login_stages(self) -> list[str]:
        """Allauth's, with a two-factor step that knows when a single sign-on provider
        already asked for a second factor (``accounts.sso``)."""
        stage = "allauth.mfa.stages.AuthenticateStage"
        return [
            "accounts.sso.SsoAwareAuthenticateStage" if path == stage else path
            for path in super().get_login_stages()
        ]

    def post_login(self, request, user, **kwargs):
        """After a complete sign-in (password and any second factor): apply a single
        sign-on provider's claims, show the site in the learner's preferred language, and
        remember this browser as known for the account."""
        from .sso import apply_claims_after_login  # allauth's socialaccount loads late

        apply_claims_after_login(
            request, signal_kwargs=kwargs.get("signal_kwargs"), signup=kwargs.get("signup", False)
        )
        response = super().post_login(request, user, **kwargs)
        if hasattr(response, "set_cookie"):
            known_devices.remember_device(
                request,
                response,
                login_key=self._get_login_attempts_cache_key(request, email=user.email),
            )
        if user.preferred_language and hasattr(response, "set_cookie"):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.preferred_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
        return response
