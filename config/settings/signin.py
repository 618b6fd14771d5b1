"""Signing in: allauth (the e-mail address is the login), sign-in throttling, two-factor
authentication and single sign-on. Part of the shared settings (``config.settings.base``
imports it), kept apart to keep each settings module readable."""

import environ

from config.oidc import oidc_apps_from_env

env = environ.Env()

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "learning:dashboard"

# django-allauth: the e-mail address is the login and must be verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
# The same work for a new address and a taken one (sign-up must not time like a lookup).
ACCOUNT_FORMS = {"signup": "accounts.signup.WaypointSignupForm"}
ACCOUNT_ADAPTER = "accounts.adapters.WaypointAccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Waypoint] "
# Self-sign-up only from these e-mail domains (comma-separated; empty: anyone). Invitations
# and accounts created by administrators are not limited (accounts.signup).
SIGNUP_ALLOWED_EMAIL_DOMAINS = env.list("SIGNUP_ALLOWED_EMAIL_DOMAINS", default=[])
# Changing a sign-in address or a password (issue 12, finding 8): one address per person; a
# new one replaces it only once the link sent to it is followed, and the old one is told.
# Changing the address asks for the password again (allauth reauthentication, good for 5
# minutes). Every change of password or address is mailed to the person
# (templates/account/email/).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Sign-in throttling (ASVS 2.2.1, accounts.adapters.WaypointAccountAdapter.pre_authenticate):
# 10 failed attempts per 15 minutes per account (keyed by the address typed; wrong MFA codes
# count too) and 300 per client address, which stops a spray but not an office behind one
# NAT; a browser that signed in to the account before has its own 10. Sign-in form posts:
# 120 a minute per address (a classroom signing in at once). Allauth keeps the counts in the
# cache: use a shared one (CACHE_URL) in production.
ACCOUNT_RATE_LIMITS = {
    "login": "120/m/ip",
    "login_failed": "300/15m/ip,10/15m/key",
    "login_failed_known_device": "10/15m/key",
}
# Passwords checked for people already signed in (the old one on a password change, the
# password again before changing an address): 10 per 15 minutes per account, as sign-in.
ACCOUNT_RATE_LIMITS |= {"change_password": "10/15m/user", "reauthenticate": "10/15m/user"}
# Behind a reverse proxy every request comes from the proxy's address: say how many proxies
# append to X-Forwarded-For, or the per-address limit would lump all clients together.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor authentication: authenticator apps (TOTP) with recovery codes, and security keys
# (WebAuthn; browsers allow them on https:// and on http://localhost only). Staff roles must
# have one before they reach /admin/ (accounts.mfa); learners may turn it on.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Waypoint"
MFA_PASSKEY_LOGIN_ENABLED = False  # a security key is a second factor, not a password
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=True)

# Single sign-on with OpenID Connect (issue 14, item 2): providers come from the environment
# only (config.oidc: OIDC_PROVIDERS and OIDC_<NAME>_...); none by default. Claims place people
# in units and roles by the rules administrators keep in the admin (accounts.sso). A verified
# address at the provider signs in to (and links) the local account with that address; an
# unverified one never does. New people are created without a sign-up form.
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": oidc_apps_from_env(env)}}
SOCIALACCOUNT_ADAPTER = "accounts.sso.WaypointSocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False  # Waypoint calls no API of the provider
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
