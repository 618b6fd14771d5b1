"""The signed-in person is read on every request by one plain statement
(``accounts.user_read``, issue 19, P1) instead of ``ModelBackend.get_user``'s ORM query.
What a person notices must not change: a password change in one browser signs the others
out at once, a deactivated account is refused, sessions signed in before the change (either
backend's dotted path) stay signed in, and pages show the person's own details."""

import hashlib
import inspect

import pytest
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.user_read import read_user
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profile/"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
ALLAUTH_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def _fields(user):
    return {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields}


def _signed_in(email="reader@example.org", backend=MODEL_BACKEND):
    user = User.objects.filter(email=email).first() or UserFactory(
        email=email, full_name="Ada Reader"
    )
    client = Client()
    client.force_login(user, backend=backend)
    return user, client


def test_the_statement_reads_what_the_orm_reads():
    organisation = Organisation.add_root(name="Harbour office")
    user = UserFactory(
        email="row@example.org",
        full_name="Row Reader",
        preferred_language="ar",
        images_on_tap=True,
        organisation=organisation,
        is_staff=True,
    )
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        read = read_user(user.pk)
    expected = User.objects.get(pk=user.pk)
    assert len(queries) == 1
    assert _fields(read) == _fields(expected)
    assert read == expected and read._state.adding is False and read._state.db == "default"
    assert read.images_on_tap is True and read.is_active is True
    assert timezone.is_aware(read.last_login)
    assert read.organisation == organisation
    assert read_user(user.pk + 1000) is None
    # The statement reads every row by id, as ModelBackend's manager did: if the default
    # manager ever filters or joins, the statement must follow it.
    default = User._default_manager.get_queryset().query
    assert not default.where and not default.select_related and not default.extra


@pytest.mark.parametrize("backend", [MODEL_BACKEND, ALLAUTH_BACKEND])
def test_a_session_of_either_backend_stays_signed_in_and_sees_its_own_details(backend):
    _, client = _signed_in(backend=backend)
    other, other_client = _signed_in("someone@example.org", backend=backend)
    page = client.get(PROFILE)
    assert page.status_code == 200
    assert page.wsgi_request.user.email == "reader@example.org"
    assert "Ada Reader" in page.content.decode()
    assert "someone@example.org" not in page.content.decode()
    assert other_client.get(PROFILE).wsgi_request.user == other


def test_a_password_change_in_one_browser_signs_the_other_out_at_once():
    user, browser = _signed_in()
    other_browser = Client()
    other_browser.force_login(user, backend=ALLAUTH_BACKEND)
    assert other_browser.get(PROFILE).status_code == 200
    changed = browser.post(
        reverse("account_change_password"),
        {
            "oldpassword": "correct-horse-battery",
            "password1": "a-new-longer-passphrase",
            "password2": "a-new-longer-passphrase",
        },
    )
    assert changed.status_code == 302
    assert browser.get(PROFILE).status_code == 200  # the browser that changed it stays in
    signed_out = other_browser.get(PROFILE)
    assert signed_out.status_code == 302 and "/accounts/login/" in signed_out["Location"]
    assert not signed_out.wsgi_request.user.is_authenticated
    assert BACKEND_SESSION_KEY not in other_browser.session  # the session was flushed


def test_a_deactivated_person_is_refused_on_the_next_request():
    user, client = _signed_in()
    assert client.get(PROFILE).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    refused = client.get(PROFILE)
    assert refused.status_code == 302
    assert not refused.wsgi_request.user.is_authenticated


def test_a_deleted_person_or_a_session_without_hash_is_signed_out():
    user, client = _signed_in()
    session = client.session
    del session[HASH_SESSION_KEY]
    session.save()
    assert not client.get(PROFILE).wsgi_request.user.is_authenticated
    other, other_client = _signed_in("gone@example.org")
    other.delete()
    assert not other_client.get(PROFILE).wsgi_request.user.is_authenticated


def test_a_backend_no_longer_configured_signs_out():
    _, client = _signed_in(backend=ALLAUTH_BACKEND)
    with override_settings(AUTHENTICATION_BACKENDS=[MODEL_BACKEND]):
        assert not client.get(PROFILE).wsgi_request.user.is_authenticated


def test_a_rotated_secret_key_keeps_the_session_through_its_fallback():
    with override_settings(SECRET_KEY="the-old-secret-key-" + "x" * 40):
        user, client = _signed_in()
        old_hash = client.session[HASH_SESSION_KEY]
    with override_settings(
        SECRET_KEY="the-new-secret-key-" + "y" * 40,
        SECRET_KEY_FALLBACKS=["the-old-secret-key-" + "x" * 40],
    ):
        page = client.get(PROFILE)
        assert page.wsgi_request.user == user
        assert client.session[HASH_SESSION_KEY] != old_hash
    with override_settings(SECRET_KEY="a-third-secret-key-" + "z" * 40):
        assert not client.get(PROFILE).wsgi_request.user.is_authenticated


def test_a_signed_in_page_reads_the_person_with_the_plain_statement():
    user, client = _signed_in()
    client.get(PROFILE)
    with CaptureQueriesContext(connection) as queries:
        client.get(PROFILE)
    reads = [q["sql"] for q in queries if 'FROM "accounts_user"' in q["sql"]]
    assert reads and reads[0].startswith('SELECT "id", "password"')


def test_django_get_user_is_the_one_this_read_copies():
    """accounts.user_read.get_user repeats Django 5.2's session checks; when an upgrade
    changes django.contrib.auth.get_user, review the copy and update this digest."""
    source = inspect.getsource(auth.get_user)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == "08a852f701f765bc"
