"""Changing a sign-in address or a password (issue 12, finding 8).

- The admin's account page (/admin/account/) changes neither: it took a new address with no
  password and no verification, and guessed old passwords without a limit. It links to
  allauth's pages instead.
- A new address becomes the sign-in address only once a link sent to it is followed, and
  only after the person has given their password again (reauthentication).
- Wrong old passwords, on the password change and on reauthentication, are limited per
  account: at most 10 attempts per 15 minutes, as sign-in is.
- Every change of password or address is mailed to the person: by allauth for their own
  changes (the old address is told of a new one), by Waypoint when an administrator makes it.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts import roles
from accounts.models import User
from config.settings.base import ACCOUNT_RATE_LIMITS as CONFIGURED_LIMITS
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # the UserFactory password
NEW_PASSWORD = "Frontier-Lantern-42"
ATTACKER = "attacker@example.net"


def reauthenticate(client, user):
    """Gives the password again, as allauth asks before an address is changed."""
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def mails_to(mailoutbox, address):
    return [message for message in mailoutbox if address in message.to]


def confirmation_path(message) -> str:
    match = re.search(r"/accounts/confirm-email/[^/\s]+/", message.body)
    assert match, f"no confirmation link in:\n{message.body}"
    return match.group(0)


# --- the admin's account page ----------------------------------------------------------------


def account_page_post(user, **extra):
    """Every panel's fields as Wagtail's page has them (the names go nowhere: Waypoint keeps
    one full name), with the signed-in person's own address unless ``extra`` forges one."""
    data = {
        "name_email-email": user.email,
        "name_email-first_name": "Any",
        "name_email-last_name": "Name",
        "locale-preferred_language": "en",
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
    }
    data.update(extra)
    return data


def test_the_admin_account_page_sends_people_to_the_verified_pages(client, trainer):
    client.force_login(trainer)

    page = client.get(reverse("wagtailadmin_account"))

    assert page.status_code == 200
    assert b'name="name_email-email"' not in page.content
    assert b'name="password-old_password"' not in page.content
    assert reverse("account_email").encode() in page.content
    assert reverse("account_change_password").encode() in page.content


def test_a_forged_post_to_the_admin_account_page_changes_no_address(client, trainer, mailoutbox):
    client.force_login(trainer)

    client.post(
        reverse("wagtailadmin_account"),
        account_page_post(trainer, **{"name_email-email": ATTACKER}),
    )

    trainer.refresh_from_db()
    assert trainer.email == "trainer@example.org"
    assert not User.objects.filter(email=ATTACKER).exists()
    assert mails_to(mailoutbox, ATTACKER) == []


def test_a_forged_post_to_the_admin_account_page_changes_no_password(client, trainer):
    client.force_login(trainer)

    client.post(
        reverse("wagtailadmin_account"),
        account_page_post(
            trainer,
            **{
                "password-old_password": PASSWORD,
                "password-new_password1": NEW_PASSWORD,
                "password-new_password2": NEW_PASSWORD,
            },
        ),
    )

    trainer.refresh_from_db()
    assert trainer.check_password(PASSWORD)


# --- a new address is verified first ---------------------------------------------------------


def test_adding_an_address_asks_for_the_password_again(client, learner):
    client.force_login(learner)  # a session whose password was not given just now

    response = client.post(reverse("account_email"), {"action_add": "", "email": ATTACKER})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email=ATTACKER).exists()


def test_a_new_address_replaces_the_old_only_once_verified(client, learner, mailoutbox):
    reauthenticate(client, learner)
    new_address = "amina.new@example.org"

    client.post(reverse("account_email"), {"action_add": "", "email": new_address})

    learner.refresh_from_db()
    assert learner.email == "learner@example.org"
    assert EmailAddress.objects.get(email=new_address).verified is False
    [confirmation] = mails_to(mailoutbox, new_address)
    # Making the unverified address the sign-in address is refused.
    client.post(reverse("account_email"), {"action_primary": "", "email": new_address})
    learner.refresh_from_db()
    assert learner.email == "learner@example.org"
    assert mails_to(mailoutbox, "learner@example.org") == []

    client.post(confirmation_path(confirmation))

    learner.refresh_from_db()
    assert learner.email == new_address
    assert list(EmailAddress.objects.filter(user=learner).values_list("email", "verified")) == [
        (new_address, True)
    ]
    [notice] = mails_to(mailoutbox, "learner@example.org")
    assert "learner@example.org" in notice.body and new_address in notice.body
    assert "address" in notice.subject.lower()
    assert learner.full_name not in notice.body


# --- wrong old passwords are throttled -------------------------------------------------------


def change_password(client, old):
    return client.post(
        reverse("account_change_password"),
        {"oldpassword": old, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def test_the_configured_limits_for_password_checks_are_ten_per_15_minutes_per_account():
    assert CONFIGURED_LIMITS["change_password"] == "10/15m/user"
    assert CONFIGURED_LIMITS["reauthenticate"] == "10/15m/user"


def test_after_ten_wrong_old_passwords_even_the_right_one_waits(
    client, learner, rate_limits, clock
):
    client.force_login(learner)
    for _ in range(10):
        assert change_password(client, "not-the-password").status_code == 200

    refused = change_password(client, PASSWORD)

    assert refused.status_code == 429
    learner.refresh_from_db()
    assert learner.check_password(PASSWORD)

    clock["offset"] = 15 * 60 + 1
    assert change_password(client, PASSWORD).status_code == 302
    learner.refresh_from_db()
    assert learner.check_password(NEW_PASSWORD)


def test_the_limit_is_per_account_not_per_browser(client, learner, other_learner, rate_limits):
    client.force_login(learner)
    for _ in range(10):
        change_password(client, "not-the-password")

    client.force_login(other_learner)

    assert change_password(client, PASSWORD).status_code == 302


def test_after_ten_wrong_passwords_reauthentication_waits_too(client, learner, rate_limits):
    client.force_login(learner)
    for _ in range(10):
        wrong = client.post(reverse("account_reauthenticate"), {"password": "not-the-password"})
        assert wrong.status_code == 200

    refused = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    assert refused.status_code == 429


# --- notices ---------------------------------------------------------------------------------


def test_changing_ones_password_is_mailed(client, learner, mailoutbox):
    client.force_login(learner)

    assert change_password(client, PASSWORD).status_code == 302

    [notice] = mails_to(mailoutbox, learner.email)
    assert "password" in notice.subject.lower()
    assert "changed" in notice.body
    assert "reset your password" in notice.body.lower()
    assert learner.full_name not in notice.body


def test_resetting_a_forgotten_password_is_mailed(client, learner, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": learner.email})
    [reset_mail] = mailoutbox
    link = re.search(r"/accounts/password/reset/key/\S+/", reset_mail.body).group(0)
    form_page = client.get(link)
    assert form_page.status_code == 302  # allauth moves the key into the session

    done = client.post(
        form_page["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert done.status_code == 302
    [notice] = mailoutbox[1:]
    assert notice.to == [learner.email]
    assert "password" in notice.subject.lower()
    assert "reset" in notice.body


# --- changes an administrator makes -------------------------------------------------------


@pytest.fixture
def administrator(client):
    admin = UserFactory(email="admin@example.org", roles=[roles.ADMINISTRATORS])
    client.force_login(admin)
    return admin


def edit_form(user, **changes):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "organisation": "",
        "is_active": "on",
        "groups": [Group.objects.get(name=roles.TRAINERS).pk],
    }
    data.update(changes)
    return data


def test_a_password_set_by_an_administrator_is_mailed_to_the_person(
    client, administrator, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailusers_users:edit", args=[trainer.pk]),
            edit_form(trainer, password1=NEW_PASSWORD, password2=NEW_PASSWORD),
        )

    assert response.status_code == 302, response.context["form"].errors
    [notice] = mails_to(mailoutbox, trainer.email)
    assert "password" in notice.subject.lower()
    assert "administrator" in notice.body
    assert administrator.email not in notice.body


def test_an_address_set_by_an_administrator_tells_the_old_one_and_needs_verifying(
    client, administrator, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    new_address = "trainer.new@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailusers_users:edit", args=[trainer.pk]),
            edit_form(trainer, email=new_address),
        )

    assert response.status_code == 302, response.context["form"].errors
    [notice] = mails_to(mailoutbox, "trainer@example.org")
    assert new_address in notice.body
    assert "administrator" in notice.body
    assert list(EmailAddress.objects.filter(user=trainer).values_list("email", "verified")) == [
        (new_address, False)
    ]
    # The next sign-in with the new address sends a verification link instead of signing in.
    client.logout()
    client.post(reverse("account_login"), {"login": new_address, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert mails_to(mailoutbox, new_address)


def test_an_edit_that_changes_neither_sends_nothing(
    client, administrator, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtailusers_users:edit", args=[trainer.pk]),
            edit_form(trainer, full_name="Another Name"),
        )

    assert mailoutbox == []


def test_a_password_set_in_the_django_admin_is_mailed_to_the_person(
    client, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(root)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:auth_user_password_change", args=[trainer.pk]),
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
        )

    assert response.status_code == 302
    [notice] = mails_to(mailoutbox, trainer.email)
    assert "password" in notice.subject.lower()


def test_an_address_set_in_the_django_admin_tells_the_old_one(
    client, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(root)
    new_address = "trainer.new@example.org"
    url = reverse("admin:accounts_user_change", args=[trainer.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("password", "groups", "last_login", "date_joined")
    }
    data.update(
        email=new_address,
        groups=[Group.objects.get(name=roles.TRAINERS).pk],
        is_active="on",
        date_joined_0="2026-01-05",
        date_joined_1="09:00:00",
    )
    for unticked in ("is_staff", "is_superuser"):
        data.pop(unticked, None)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    trainer.refresh_from_db()
    assert trainer.email == new_address
    [notice] = mails_to(mailoutbox, "trainer@example.org")
    assert new_address in notice.body
    assert EmailAddress.objects.get(user=trainer).verified is False
