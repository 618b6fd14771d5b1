"""Single sign-on providers (OpenID Connect) read from the environment.

``OIDC_PROVIDERS`` names the providers, comma-separated (``ministry,agency``); unset, there is
no single sign-on and the sign-in page shows the password form alone. For each name,
upper-cased with anything but letters and digits as ``_``::

    OIDC_MINISTRY_SERVER_URL   the issuer (its /.well-known/openid-configuration is read)
    OIDC_MINISTRY_CLIENT_ID    the client registered at the provider for Waypoint
    OIDC_MINISTRY_SECRET       its secret
    OIDC_MINISTRY_NAME         what the sign-in button says ("Sign in with <name>")
    OIDC_MINISTRY_MFA_AMR      optional: ``amr`` values (RFC 8176: mfa, otp, hwk...) that count
                               as a second factor for staff; empty: staff also need Waypoint's
    OIDC_MINISTRY_TOKEN_AUTH_METHOD  optional: client_secret_basic or client_secret_post

A name listed without its address, client or secret stops the site from starting
(``ImproperlyConfigured``): half-configured single sign-on would fail at the first click.
The providers' origins join the Content-Security-Policy's ``form-action`` (``oidc_origins``).
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

PROVIDER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
# https, or plain http to this machine only (the tests' provider, a local Keycloak).
SERVER_URL = re.compile(r"^(https://[^/\s]+|http://(127\.0\.0\.1|localhost)(:\d+)?)(/\S*)?$")
TOKEN_AUTH_METHODS = ("client_secret_basic", "client_secret_post")


def _prefix(provider_id: str) -> str:
    return "OIDC_" + re.sub(r"[^A-Z0-9]", "_", provider_id.upper()) + "_"


def _provider_app(env, provider_id: str) -> dict:
    prefix = _prefix(provider_id)
    values = {
        key: env.str(prefix + key, default="").strip()
        for key in ("SERVER_URL", "CLIENT_ID", "SECRET", "NAME", "TOKEN_AUTH_METHOD")
    }
    missing = [prefix + key for key in ("SERVER_URL", "CLIENT_ID", "SECRET") if not values[key]]
    if missing:
        raise ImproperlyConfigured(
            f"Single sign-on provider {provider_id!r} is listed in OIDC_PROVIDERS: "
            f"set {', '.join(missing)}."
        )
    if not SERVER_URL.match(values["SERVER_URL"]):
        raise ImproperlyConfigured(f"{prefix}SERVER_URL must be an https:// address.")
    app_settings = {
        "server_url": values["SERVER_URL"],
        # PKCE on top of the client secret; a provider that ignores it still works.
        "oauth_pkce_enabled": True,
        # A verified address at the provider signs in to the local account with that
        # address (and links it); an unverified one never does (accounts.sso).
        "email_authentication": True,
        "mfa_amr": [
            value.strip() for value in env.list(prefix + "MFA_AMR", default=[]) if value.strip()
        ],
    }
    if values["TOKEN_AUTH_METHOD"]:
        if values["TOKEN_AUTH_METHOD"] not in TOKEN_AUTH_METHODS:
            raise ImproperlyConfigured(
                f"{prefix}TOKEN_AUTH_METHOD must be one of {', '.join(TOKEN_AUTH_METHODS)}."
            )
        app_settings["token_auth_method"] = values["TOKEN_AUTH_METHOD"]
    return {
        "provider_id": provider_id,
        "name": values["NAME"] or provider_id,
        "client_id": values["CLIENT_ID"],
        "secret": values["SECRET"],
        "settings": app_settings,
    }


def oidc_apps_from_env(env) -> list[dict]:
    """The ``APPS`` of ``SOCIALACCOUNT_PROVIDERS["openid_connect"]``; empty when unset."""
    ids = [value.strip().lower() for value in env.list("OIDC_PROVIDERS", default=[])]
    apps = []
    for provider_id in filter(None, ids):
        if not PROVIDER_ID.match(provider_id):
            raise ImproperlyConfigured(
                f"OIDC_PROVIDERS: {provider_id!r} is not a valid name (lower-case letters, "
                "digits and hyphens, up to 40)."
            )
        apps.append(_provider_app(env, provider_id))
    if len({app["provider_id"] for app in apps}) != len(apps):
        raise ImproperlyConfigured("OIDC_PROVIDERS names a provider twice.")
    return apps


def oidc_origins(apps: list[dict]) -> list[str]:
    """The providers' origins, for the Content-Security-Policy's ``form-action``: the sign-in
    button's form is redirected to the provider's authorization endpoint, which must be at
    the issuer's origin (as Keycloak's and Entra ID's are)."""
    origins = []
    for app in apps:
        parts = urlsplit(app["settings"]["server_url"])
        origins.append(f"{parts.scheme}://{parts.netloc}")
    return list(dict.fromkeys(origins))
