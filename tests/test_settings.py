"""Production settings refuse to start without their secrets, and pass Django's deployment
checklist once they have them. Each case runs Django in a fresh process, as a server would."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from certificates.credentials.keys import new_private_key_pem

BASE_DIR = Path(__file__).resolve().parent.parent
STRIPPED = (
    "DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CELERY_BROKER_URL",
    "WAGTAILADMIN_BASE_URL",
    "CREDENTIAL_SIGNING_KEY",
    "CREDENTIAL_SIGNING_KEY_FILE",
)
# The site's public address: production refuses to start without one (links in e-mails,
# QR codes on certificates). Pass WAGTAILADMIN_BASE_URL=None to leave it out.
BASE_URL = "https://waypoint.example.org"
SETUP = ["-c", "import django; django.setup()"]


def production_env(tmp_path, **values) -> dict[str, str]:
    # DJANGO_*: the test run's own switches (DJANGO_ALLOW_ASYNC_UNSAFE, set for the browser
    # tests) would not be on a production server.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in STRIPPED and not key.startswith("DJANGO_")
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    env["WAYPOINT_VAR_DIR"] = str(tmp_path)
    env["WAGTAILADMIN_BASE_URL"] = BASE_URL
    key_file = tmp_path / "credential-key.pem"
    key_file.write_bytes(new_private_key_pem())
    env["CREDENTIAL_SIGNING_KEY_FILE"] = str(key_file)
    env.update(values)
    return {key: value for key, value in env.items() if value is not None}


def run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def secret_key() -> str:
    return secrets.token_urlsafe(64)


@pytest.mark.parametrize("value", [None, "", "too-short-for-production"])
def test_production_refuses_to_start_without_a_secret_key(tmp_path, value):
    extra = {} if value is None else {"SECRET_KEY": value}
    env = production_env(tmp_path, ALLOWED_HOSTS="waypoint.example.org", **extra)

    result = run(SETUP, env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set SECRET_KEY to a random string of at least 50 characters." in result.stderr


@pytest.mark.parametrize("value", [None, ""])
def test_production_refuses_to_start_without_allowed_hosts(tmp_path, secret_key, value):
    extra = {} if value is None else {"ALLOWED_HOSTS": value}
    env = production_env(tmp_path, SECRET_KEY=secret_key, **extra)

    result = run(SETUP, env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set ALLOWED_HOSTS to the host names this site answers to." in result.stderr


def test_production_passes_the_deployment_checklist(tmp_path, secret_key):
    env = production_env(
        tmp_path,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="waypoint.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
    )

    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_runs_with_debug_off_and_secure_cookies(tmp_path, secret_key):
    env = production_env(
        tmp_path,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="waypoint.example.org",
        DEBUG="true",  # a stray DEBUG in the environment must not switch it on
    )
    probe = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.ALLOWED_HOSTS)"
    )

    result = run(["-c", probe], env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "['waypoint.example.org']"]


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "http://waypoint.example.org",  # QR codes printed for good must not point at http
        "https://127.0.0.1:8000",  # the development default, printed on every certificate
        "https://localhost",
        "https://[::1]:8000",
        "https://",
        "waypoint.example.org",
        "https://waypoint.example.org/verify?x=1",
        "https://elsewhere.example.com",  # a host this site does not answer to
    ],
)
def test_production_refuses_to_start_without_a_public_https_base_url(tmp_path, secret_key, value):
    env = production_env(
        tmp_path,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="waypoint.example.org",
        WAGTAILADMIN_BASE_URL=value,
    )

    result = run(SETUP, env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set WAGTAILADMIN_BASE_URL to the site's public address" in result.stderr


def test_production_links_use_the_base_url(tmp_path, secret_key):
    env = production_env(
        tmp_path,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS=".example.org",
        WAGTAILADMIN_BASE_URL="https://learning.example.org/",
    )
    probe = (
        "import django; django.setup(); from certificates.links import verification_url; "
        "print(verification_url('WP-7K3D-Q9FX-2B4M-8N6P'))"
    )

    result = run(["-c", probe], env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == (
        "https://learning.example.org/certificates/verify/WP-7K3D-Q9FX-2B4M-8N6P/"
    )


@pytest.mark.parametrize("value", [None, ""])
def test_production_refuses_to_start_without_a_credential_signing_key(tmp_path, secret_key, value):
    env = production_env(tmp_path, SECRET_KEY=secret_key, ALLOWED_HOSTS="waypoint.example.org")
    env["CREDENTIAL_SIGNING_KEY_FILE"] = value or ""
    if value is None:
        del env["CREDENTIAL_SIGNING_KEY_FILE"]

    result = run(SETUP, env)

    assert result.returncode != 0
    assert "Set CREDENTIAL_SIGNING_KEY (PEM) or CREDENTIAL_SIGNING_KEY_FILE" in result.stderr
    assert not (tmp_path / "credential-signing-key.pem").exists()  # no development key made


def test_production_refuses_an_unreadable_credential_key_file(tmp_path, secret_key):
    env = production_env(
        tmp_path,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="waypoint.example.org",
        CREDENTIAL_SIGNING_KEY_FILE=str(tmp_path / "missing.pem"),
    )

    result = run(SETUP, env)

    assert result.returncode != 0
    assert "cannot be read" in result.stderr
