"""Signing out is a POST (issue 12, finding 12). Another site can make a signed-in person's
browser send a GET (an image, a link): a GET on any sign-out URL must leave them signed in,
with their session cookie untouched; a POST from our own pages signs them out."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from accounts import roles
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

SIGN_OUT_URLS = ["/admin/logout/", "/accounts/logout/", "/django-admin/logout/"]


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.org", is_superuser=True, is_staff=True)


def staff_for(path, trainer, superuser):
    """The Django admin lets only staff in; the others are for everyone signed in."""
    return superuser if path.startswith("/django-admin/") else trainer


def still_signed_in(client, user) -> bool:
    response = client.get(reverse("learning:dashboard"))
    return response.status_code == 200 and response.wsgi_request.user == user


@pytest.mark.parametrize("path", SIGN_OUT_URLS)
def test_a_get_on_a_sign_out_url_keeps_the_session(client, path, trainer, superuser):
    user = staff_for(path, trainer, superuser)
    client.force_login(user)
    session_key = client.session.session_key

    response = client.get(path)

    assert response.status_code in (200, 302, 405)
    cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
    assert cookie is None or cookie.value == session_key, "the session cookie was deleted"
    assert client.session.session_key == session_key
    assert still_signed_in(client, user)


@pytest.mark.parametrize("path", SIGN_OUT_URLS)
def test_a_post_on_a_sign_out_url_signs_out(client, path, trainer, superuser):
    user = staff_for(path, trainer, superuser)
    client.force_login(user)

    response = client.post(path)

    assert response.status_code in (200, 302)  # the Django admin shows "Logged out"
    assert SESSION_KEY not in client.session
    assert not still_signed_in(client, user)


def test_the_admin_sign_out_page_asks_before_signing_out(client, trainer):
    """A person who follows a link to /admin/logout/ is asked, with a button that POSTs."""
    client.force_login(trainer)

    response = client.get("/admin/logout/", follow=True)

    assert response.status_code == 200
    assert b'method="post"' in response.content
    assert SESSION_KEY in client.session


def test_allauth_never_signs_out_on_get():
    assert getattr(settings, "ACCOUNT_LOGOUT_ON_GET", False) is False


def test_a_manager_signs_out_of_the_admin_with_the_sidebar_button(client):
    manager = UserFactory(roles=[roles.MANAGERS])
    client.force_login(manager)

    admin_home = client.get("/admin/")

    assert admin_home.status_code == 200
    assert reverse("wagtailadmin_logout").encode() in admin_home.content
    assert client.post(reverse("wagtailadmin_logout")).status_code == 302
    assert SESSION_KEY not in client.session
