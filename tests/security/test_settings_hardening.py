"""Production hardening that only shows in the production settings: secure, script-proof
cookies, a working-day session, and two-factor authentication required of staff (off only
for the local demo). Each case runs Django in a fresh process, as a server would."""

import json
import secrets

from tests.test_settings import production_env, run

PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({name: getattr(s, name) for name in %r}))"
)
NAMES = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "MFA_REQUIRED_FOR_STAFF",
    "WAGTAILDOCS_SERVE_METHOD",
]


def settings_of(env) -> dict:
    result = run(["-c", PROBE % (NAMES,)], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_sessions_and_mfa(tmp_path):
    env = production_env(
        tmp_path, SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="waypoint.example.org"
    )

    values = settings_of(env)

    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_AGE": 8 * 60 * 60,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": False,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "MFA_REQUIRED_FOR_STAFF": True,
        "WAGTAILDOCS_SERVE_METHOD": "serve_view",
    }


def test_only_an_explicit_setting_turns_mfa_off_in_production(tmp_path):
    env = production_env(
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="waypoint.example.org",
        MFA_REQUIRED_FOR_STAFF="false",
    )

    assert settings_of(env)["MFA_REQUIRED_FOR_STAFF"] is False


def test_the_local_demo_does_not_require_an_authenticator(tmp_path):
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="config.settings.dev")

    assert settings_of(env)["MFA_REQUIRED_FOR_STAFF"] is False


def test_sessions_are_cached_only_in_a_cache_every_server_shares(tmp_path):
    """A session ended by one server (sign-out, a closed account) must end on every server:
    sessions are kept in the cache too (issue 19) only when it is the shared Redis."""
    probe = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_ENGINE)"
    )
    base = {"SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "waypoint.example.org"}
    engines = {}
    for cache_url in ("", "rediscache://127.0.0.1:6379/6"):
        env = production_env(tmp_path, **base, CACHE_URL=cache_url or None)
        result = run(["-c", probe], env)
        assert result.returncode == 0, result.stderr
        engines[cache_url] = result.stdout.strip().splitlines()[-1]

    assert engines[""] == "django.contrib.sessions.backends.db"
    assert engines["rediscache://127.0.0.1:6379/6"] == "django.contrib.sessions.backends.cached_db"
