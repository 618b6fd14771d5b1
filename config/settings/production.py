"""Production: refuses to start without a secret key, hosts, the site's public https address
and a database."""

import os

from django.core.exceptions import ImproperlyConfigured

from config.links import public_base_url_problem

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, CACHES, SECRET_KEY, env
from .operations import logging_config

DEBUG = False
DEMO_DATA_ENABLED = env.bool("DEMO_DATA_ENABLED", default=False)
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the host names this site answers to.")
# Links in e-mails and the QR code printed on every certificate (config.links).
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="")
_base_url_problem = public_base_url_problem(WAGTAILADMIN_BASE_URL, allowed_hosts=ALLOWED_HOSTS)
if _base_url_problem:
    raise ImproperlyConfigured(
        "Set WAGTAILADMIN_BASE_URL to the site's public address, such as "
        f"https://waypoint.example.org: {_base_url_problem}."
    )

# The key that signs every Open Badges credential (certificates.credentials.keys): never
# the development key made under var/.
CREDENTIAL_DEV_KEY_FILE = ""
_credential_key = env.str("CREDENTIAL_SIGNING_KEY", default="")
_credential_key_file = env.str("CREDENTIAL_SIGNING_KEY_FILE", default="")
if not _credential_key and not _credential_key_file:
    raise ImproperlyConfigured(
        "Set CREDENTIAL_SIGNING_KEY (PEM) or CREDENTIAL_SIGNING_KEY_FILE to the Ed25519 key "
        "that signs credentials (scripts/new-credential-key makes one)."
    )
if _credential_key_file and not os.access(_credential_key_file, os.R_OK):
    raise ImproperlyConfigured(
        f"CREDENTIAL_SIGNING_KEY_FILE {_credential_key_file} cannot be read."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Probes and the metrics scraper talk plain HTTP to a server directly: no redirect for them.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sessions: HTTPS-only cookies that scripts cannot read, sent on top-level navigation from
# other sites (links in our e-mails) but not on their forms or frames. A session lasts a
# working day (8 hours) from its last change; "remember me" left unticked ends it when the
# browser closes (allauth). Changing the password or closing the account ends every session.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True  # our scripts read the token from the form, never the cookie
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Staff need a second factor before the admin (accounts.mfa); only an explicit
# MFA_REQUIRED_FOR_STAFF=false turns that off.
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=True)

# The shared cache (CACHE_URL, Redis): Django's backend, keeping one client per server
# instead of building one for every call (config.cache).
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "config.cache.ReusedClientRedisCache"
# Learner pages keep course outlines and lesson bodies in the cache, dropped when a trainer
# changes a course (courses.page_cache): a cache local to each process would let the other
# workers show the old outline, so it is off without a shared one.
COURSE_PAGE_CACHE_ENABLED = CACHES["default"]["BACKEND"] not in (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
# Sessions are read on every signed-in page: with a shared cache they are read from it and
# written through to the database (Django's cached_db), which spares every page a query
# (issue 19, P1). Signing out deletes both copies; ending a person's sessions from
# elsewhere (closing the account) deletes both too (accounts.privacy). A cache local to
# each process would keep a session another process had ended, so it stays db then.
if COURSE_PAGE_CACHE_ENABLED:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Logs are JSON lines (one object per line) unless LOG_FORMAT=plain; one line per request.
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING = logging_config(LOG_FORMAT)
LOG_REQUESTS = env.bool("LOG_REQUESTS", default=LOG_FORMAT == "json")
