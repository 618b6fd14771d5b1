"""Two-factor authentication is required of everyone who can reach the admin.

Trainers, lead trainers, managers, administrators and superusers (anyone with Wagtail's
``access_admin`` permission, or a Django staff flag) who have no authenticator app or security
key yet are sent from ``/admin/`` and ``/django-admin/`` to allauth's two-factor page, with a
message saying why. Once they have one, allauth asks for it at every sign-in. Learners are
never forced. ``settings.MFA_REQUIRED_FOR_STAFF`` (env ``MFA_REQUIRED_FOR_STAFF``) turns the
requirement off for the local demo; it is on in production.

Single sign-on (``accounts.sso``) changes nothing here unless a provider is trusted for the
second factor (``OIDC_<NAME>_MFA_AMR``) and said it asked for one: that session may open the
admin without a Waypoint authenticator.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Set by accounts.sso; named here too so that this module does not load allauth's socialaccount.
MFA_BY_PROVIDER_SESSION_KEY = "waypoint_mfa_by_sso_provider"
PROTECTED_PREFIXES = ("/admin/", "/django-admin/")
# Signing in and out must stay possible without a second factor.
EXEMPT_PATHS = ("/admin/login/", "/admin/logout/", "/django-admin/login/", "/django-admin/logout/")
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def mfa_required_for(user) -> bool:
    """Whether this person's role obliges them to use a second factor for the admin."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


def has_second_factor(user) -> bool:
    """Recovery codes alone do not count: they come with, and go with, a real factor."""
    return is_mfa_enabled(user, types=SECOND_FACTORS)


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            messages.warning(
                request,
                _(
                    "Your role gives you access to the Waypoint admin, which requires "
                    "two-factor authentication. Set up an authenticator app or a security key "
                    "below, then open the admin again."
                ),
            )
            return redirect("mfa_index")
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request) -> bool:
        if not getattr(settings, "MFA_REQUIRED_FOR_STAFF", True):
            return False
        path = request.path_info
        if not path.startswith(PROTECTED_PREFIXES) or path.startswith(EXEMPT_PATHS):
            return False
        if request.session.get(MFA_BY_PROVIDER_SESSION_KEY):
            return False  # a trusted single sign-on provider asked for it (accounts.sso)
        user = request.user
        return mfa_required_for(user) and not has_second_factor(user)
