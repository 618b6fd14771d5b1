"""Sign-up, e-mail verification, sign-in, the admin's sign-in, MFA and password reset: the
allauth journeys a learner or trainer goes through before they see a course."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import get_hasher
from django.test import Client
from django.urls import reverse

from accounts import roles
from accounts.adapters import WaypointAccountAdapter
from accounts.models import User
from tests.factories.accounts import UserFactory

PASSWORD = "correct-horse-battery"  # the UserFactory password
NEW_PASSWORD = "Border-Crossing-2031"

pytestmark = pytest.mark.django_db


def sign_up(client, email="amina.diallo@example.org", full_name="Amina Diallo", **extra):
    return client.post(
        reverse("account_signup"),
        {
            "full_name": full_name,
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
        **extra,
    )


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def confirmation_path(message) -> str:
    match = re.search(r"/accounts/confirm-email/[^/\s]+/", message.body)
    assert match, f"no confirmation link in:\n{message.body}"
    return match.group(0)


# --- sign-up -----------------------------------------------------------------------------


def test_sign_up_creates_an_unverified_learner_and_sends_one_verification_mail(client, mailoutbox):
    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="amina.diallo@example.org")
    assert user.full_name == "Amina Diallo"
    assert user.check_password(NEW_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert address.email == "amina.diallo@example.org"
    assert address.verified is False
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["amina.diallo@example.org"]
    confirmation_path(mailoutbox[0])
    assert list(user.groups.values_list("name", flat=True)) == [roles.LEARNERS]
    assert not user.has_perm("wagtailadmin.access_admin")


def test_sign_up_does_not_sign_in_before_the_address_is_verified(client):
    sign_up(client)

    assert signed_in_user_id(client) is None
    response = client.get(reverse("learning:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("browser", "expected"),
    [
        ({}, "en"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr"}, "fr"),
        ({"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}, "es"),
        ({"cookie": "ar"}, "ar"),
    ],
    ids=["default", "accept-language-fr", "accept-language-es", "cookie-ar"],
)
def test_sign_up_keeps_the_language_the_visitor_was_browsing_in(client, browser, expected):
    browser = dict(browser)
    if "cookie" in browser:
        client.cookies["django_language"] = browser.pop("cookie")

    sign_up(client, **browser)

    assert User.objects.get(email="amina.diallo@example.org").preferred_language == expected


def test_sign_up_requires_a_full_name_for_the_certificate(client, mailoutbox):
    response = sign_up(client, full_name="")

    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]
    assert not User.objects.exists()
    assert mailoutbox == []


def test_sign_up_stores_the_address_in_lower_case(client):
    sign_up(client, email="Amina.Diallo@Example.ORG")

    user = User.objects.get()
    assert user.email == "amina.diallo@example.org"
    assert EmailAddress.objects.get(user=user).email == "amina.diallo@example.org"


@pytest.mark.parametrize("email", ["taken@example.org", "Taken@Example.org"])
def test_sign_up_with_an_address_already_in_use_creates_nothing(client, mailoutbox, email):
    """allauth prevents account enumeration: the form looks as if it worked, and the
    owner of the address, not the visitor, is told that an account already exists."""
    owner = UserFactory(email="taken@example.org", full_name="Original Owner")

    response = sign_up(client, email=email, full_name="Someone Else")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert list(User.objects.values_list("pk", flat=True)) == [owner.pk]
    assert EmailAddress.objects.count() == 1
    owner.refresh_from_db()
    assert owner.full_name == "Original Owner"
    assert owner.check_password(PASSWORD)
    assert signed_in_user_id(client) is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["taken@example.org"]
    assert "already" in mailoutbox[0].body.lower()
    assert "/accounts/confirm-email/" not in mailoutbox[0].body


def page_text(response) -> str:
    """The page without its per-response CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _sign_up_counting_work(client, monkeypatch, email):
    """Sign up, counting password hashes and mails sent through allauth's adapter."""
    hashes, mails = [], []
    hasher = get_hasher()
    real_encode, real_send = type(hasher).encode, WaypointAccountAdapter.send_mail
    monkeypatch.setattr(
        type(hasher), "encode", lambda self, *a, **k: hashes.append(1) or real_encode(self, *a, **k)
    )
    monkeypatch.setattr(
        WaypointAccountAdapter,
        "send_mail",
        lambda self, *a, **k: mails.append(a[0]) or real_send(self, *a, **k),
    )
    response = sign_up(client, email=email)
    monkeypatch.undo()
    page = client.get(response["Location"])
    return response, page, len(hashes), len(mails)


def test_sign_up_does_the_same_work_for_a_new_and_an_existing_address(monkeypatch, mailoutbox):
    """Timing must not tell a visitor whether an address has an account (issue 12, finding
    10): both paths hash the password once and send one mail the same way, and the visitor
    sees the same answer. Hashing was the difference: about 300 ms against nothing."""
    UserFactory(email="taken@example.org")

    new = _sign_up_counting_work(Client(), monkeypatch, "newcomer@example.org")
    existing = _sign_up_counting_work(Client(), monkeypatch, "taken@example.org")

    assert new[2] == existing[2] == 1, "password hashes"
    assert new[3] == existing[3] == 1, "mails sent through the adapter"
    assert [m.to for m in mailoutbox] == [["newcomer@example.org"], ["taken@example.org"]]
    assert new[0].status_code == existing[0].status_code == 302
    assert new[0]["Location"] == existing[0]["Location"]
    assert new[1].status_code == existing[1].status_code == 200
    assert page_text(new[1]).replace("newcomer", "taken") == page_text(existing[1])


# --- verification ------------------------------------------------------------------------


def test_signing_in_with_an_unverified_address_does_not_sign_in(client, mailoutbox):
    sign_up(client)
    client.logout()

    response = client.post(
        reverse("account_login"),
        {"login": "amina.diallo@example.org", "password": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None


def test_following_the_verification_link_and_confirming_signs_the_learner_in(client, mailoutbox):
    sign_up(client)
    path = confirmation_path(mailoutbox[0])

    page = client.get(path)
    assert page.status_code == 200
    # Opening the link alone (a mail scanner does) must not verify the address.
    assert EmailAddress.objects.get().verified is False

    response = client.post(path)

    user = User.objects.get(email="amina.diallo@example.org")
    assert EmailAddress.objects.get(user=user).verified is True
    assert signed_in_user_id(client) == str(user.pk)
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).status_code == 200


def test_a_learner_who_verified_can_sign_in_later(client, mailoutbox):
    sign_up(client)
    client.post(confirmation_path(mailoutbox[0]))
    client.logout()

    response = client.post(
        reverse("account_login"),
        {"login": "amina.diallo@example.org", "password": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("learning:dashboard")
    assert signed_in_user_id(client) == str(User.objects.get().pk)


# --- sign-in by e-mail ---------------------------------------------------------------------


def test_create_user_takes_an_email_and_stores_it_in_lower_case():
    user = User.objects.create_user(email="Official@Ministry.EXAMPLE", password=NEW_PASSWORD)

    assert user.email == "official@ministry.example"
    assert user.check_password(NEW_PASSWORD)
    assert not hasattr(user, "username") or user.username is None


@pytest.mark.parametrize("typed", ["learner@example.org", "Learner@Example.ORG"])
def test_sign_in_with_email_and_password(client, learner, typed):
    response = client.post(reverse("account_login"), {"login": typed, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("learning:dashboard")
    assert signed_in_user_id(client) == str(learner.pk)


def test_sign_in_with_a_wrong_password_is_refused(client, learner):
    response = client.post(
        reverse("account_login"), {"login": learner.email, "password": "not-the-password"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert signed_in_user_id(client) is None


# --- the Wagtail admin signs in through allauth ----------------------------------------------


def test_admin_sends_anonymous_visitors_to_the_allauth_sign_in(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"
    assert response.status_code == 200
    assert response.resolver_match.url_name == "account_login"


def test_admin_login_page_redirects_to_allauth_keeping_next(client):
    response = client.get("/admin/login/?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_django_admin_login_goes_through_allauth_too(client):
    response = client.get("/django-admin/login/?next=/django-admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fdjango-admin%2F"


def test_trainer_signing_in_from_the_admin_returns_to_the_admin(client, trainer):
    response = client.post(
        "/accounts/login/?next=/admin/pages/",
        {"login": trainer.email, "password": PASSWORD, "next": "/admin/pages/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


# --- MFA ---------------------------------------------------------------------------------


def sign_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert signed_in_user_id(client) == str(user.pk), response


def test_mfa_lives_under_accounts():
    assert reverse("mfa_index") == "/accounts/2fa/"
    assert reverse("mfa_activate_totp") == "/accounts/2fa/totp/activate/"


def test_a_learner_can_open_two_factor_settings_and_start_totp_setup(client, learner):
    sign_in(client, learner)

    index = client.get(reverse("mfa_index"))
    assert index.status_code == 200
    assert reverse("mfa_activate_totp").encode() in index.content

    # Turning on two-factor asks for the password again (allauth's reauthentication),
    # then shows the set-up page.
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked.status_code == 302
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    confirmed = client.post(asked["Location"], {"password": PASSWORD})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("mfa_activate_totp")

    activate = client.get(reverse("mfa_activate_totp"))
    assert activate.status_code == 200
    assert "code" in activate.context["form"].fields
    assert activate.context["form"].secret


def test_two_factor_settings_require_sign_in(client):
    response = client.get(reverse("mfa_index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- password reset ----------------------------------------------------------------------


def test_password_reset_mails_a_reset_link_to_a_known_address(client, learner, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "Learner@Example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [learner.email]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_password_reset_does_not_reveal_whether_an_account_exists(client, learner, mailoutbox):
    known = client.post(reverse("account_reset_password"), {"email": learner.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    # Nothing that could take over an account goes to an address without one.
    to_unknown = [m for m in mailoutbox if m.to == ["nobody@example.org"]]
    assert all("/accounts/password/reset/key/" not in m.body for m in to_unknown)


def test_signing_in_switches_the_site_to_the_preferred_language(client):
    from tests.factories.accounts import UserFactory

    UserFactory(email="agent@example.org", preferred_language="fr")

    response = client.post(
        "/accounts/login/", {"login": "agent@example.org", "password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "fr"
    assert 'lang="fr"' in client.get("/courses/").content.decode()
