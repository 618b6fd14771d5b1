"""Django's password validators, with 12 characters at least (ASVS level 2): sign-up says
what is wrong with a weak password and creates nothing."""

import pytest
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def sign_up(client, password):
    return client.post(
        reverse("account_signup"),
        {
            "full_name": "Omar Haddad",
            "email": "omar.haddad@example.org",
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Lantern-42a", "at least 12 characters"),
        ("password1234", "too common"),
        ("894512367801", "entirely numeric"),
        ("omar.haddad@example", "too similar"),
    ],
    ids=["eleven-characters", "common", "numeric", "like-the-address"],
)
def test_weak_passwords_are_refused_with_the_reason(client, password, reason):
    response = sign_up(client, password)

    assert response.status_code == 200
    assert reason in " ".join(response.context["form"].errors["password1"])
    assert not User.objects.exists()


def test_a_long_passphrase_is_accepted(client):
    response = sign_up(client, "Frontier-Lantern-42")

    assert response.status_code == 302
    assert User.objects.filter(email="omar.haddad@example.org").exists()
