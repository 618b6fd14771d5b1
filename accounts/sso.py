"""Single sign-on through allauth's OpenID Connect provider (issue 14, item 2).

Providers come from settings only (``config.oidc``). What this module adds to allauth:

- **New people** get the learner role, the language they were browsing in and the name
  the provider gives, then the provider's claims are applied (``services.sso``) and, with a
  verified address, the e-mail domain rules, as for a confirmed sign-up.
- **Every later sign-in** applies the claims again once it is complete, MFA included
  (``WaypointAccountAdapter.post_login`` calls ``apply_claims_after_login``).
- **Linking**: a local account is signed in to (and linked) only through an address the
  provider marks ``email_verified``; allauth's ``email_authentication``, set per provider
  in ``config.oidc``, never uses an unverified one.
- **ID tokens are always checked against the provider's keys** (``oidc_callback``):
  allauth skips the signature of a token fetched from the token endpoint, which the
  specification allows over TLS; we verify anyway, so a token signed with any other key is
  refused.
- **Staff and MFA**: a staff member with Waypoint two-factor methods is asked for them
  after SSO as after a password. A provider with ``OIDC_<NAME>_MFA_AMR`` is trusted for
  the second factor when its ID token's ``amr`` names one of those methods: the local step
  is skipped and the session counts as two-factor for the admin (``accounts.mfa``).
"""

import logging

from allauth.account.internal.decorators import login_not_required
from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter, _build_apps_from_settings
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import translation

from . import roles
from .mfa import MFA_BY_PROVIDER_SESSION_KEY
from .services import membership_address_verified, user_apply_sso_claims, user_assign_role

logger = logging.getLogger("waypoint.accounts")

PROVIDER = "openid_connect"


def provider_settings(provider_id: str) -> dict:
    """The ``settings`` of a configured provider (``config.oidc``); empty if unknown."""
    for app in settings.SOCIALACCOUNT_PROVIDERS.get(PROVIDER, {}).get("APPS", []):
        if app["provider_id"] == provider_id:
            return app.get("settings", {})
    return {}


def sign_in_claims(sociallogin) -> dict:
    """The claims of a sign-in: the ID token's, with the userinfo endpoint's over them."""
    data = sociallogin.account.extra_data or {}
    return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}


def provider_did_mfa(sociallogin) -> bool:
    """Whether the provider is trusted for the second factor and says it asked for one."""
    trusted = set(provider_settings(sociallogin.account.provider).get("mfa_amr", []))
    amr = (sociallogin.account.extra_data or {}).get("id_token", {}).get("amr") or []
    return bool(trusted) and isinstance(amr, list) and bool(trusted.intersection(map(str, amr)))


def _sociallogin_of(login):
    return (getattr(login, "signal_kwargs", None) or {}).get("sociallogin")


class SsoAwareAuthenticateStage(AuthenticateStage):
    """Allauth's two-factor step, skipped only when the provider vouches for the factor."""

    def _should_handle(self, request) -> bool:
        sociallogin = _sociallogin_of(self.login)
        if sociallogin is not None and provider_did_mfa(sociallogin):
            return False
        return super()._should_handle(request)


def apply_claims_after_login(request, *, signal_kwargs: dict | None, signup: bool) -> None:
    """After a complete sign-in: note whether the provider did the second factor, and
    apply its claims to someone who already had an account (new people got them when
    their account was made)."""
    sociallogin = (signal_kwargs or {}).get("sociallogin")
    request.session.pop(MFA_BY_PROVIDER_SESSION_KEY, None)
    if sociallogin is None:
        return
    if provider_did_mfa(sociallogin):
        request.session[MFA_BY_PROVIDER_SESSION_KEY] = sociallogin.account.provider
    if not signup:
        user_apply_sso_claims(
            user=sociallogin.user,
            provider_id=sociallogin.account.provider,
            claims=sign_in_claims(sociallogin),
        )


class WaypointSocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        """Providers from settings only: no query, and nobody adds one in a database row."""
        apps = _build_apps_from_settings(provider=provider, client_id=client_id)
        return [app for provider_apps in apps.values() for app in provider_apps]

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.full_name = " ".join(str(data.get("name") or "").split())[:200]
        user.preferred_language = translation.get_language() or user.preferred_language
        return user

    def save_user(self, request, sociallogin, form=None):
        """A new person from the provider: a learner, placed by the claims' rules, then by
        the e-mail domain rules if the provider verified the address."""
        with transaction.atomic():
            user = super().save_user(request, sociallogin, form=form)
            user_assign_role(user=user, role=roles.LEARNERS)
            user_apply_sso_claims(
                user=user,
                provider_id=sociallogin.account.provider,
                claims=sign_in_claims(sociallogin),
            )
            verified = [address for address in sociallogin.email_addresses if address.verified]
            if verified:
                membership_address_verified(user=user, email=verified[0].email)
        logger.info(
            "sso account created user=%s provider=%s", user.pk, sociallogin.account.provider
        )
        return user

    def on_authentication_error(self, request, provider, error=None, exception=None,
                                extra_context=None):  # fmt: skip
        logger.warning(
            "sso sign-in refused provider=%s error=%s exception=%r",
            getattr(provider, "sub_id", "-"),
            error,
            exception,
        )
        return super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )


class SignatureCheckingAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token: str) -> dict:
        try:
            return jwtkit.verify_and_decode(
                credential=id_token,
                keys_url=self.openid_config["jwks_uri"],
                issuer=self.openid_config["issuer"],
                audience=app.client_id,
                lookup_kid=jwtkit.lookup_kid_jwk,
                verify_signature=True,
            )
        except (KeyError, TypeError, ValueError) as error:  # no kid, a key of no known kind
            raise OAuth2Error("Invalid id_token") from error


@login_not_required
def oidc_callback(request, provider_id: str):
    """Allauth's callback, with the ID token's signature always verified."""
    try:
        view = OAuth2CallbackView.adapter_view(SignatureCheckingAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
