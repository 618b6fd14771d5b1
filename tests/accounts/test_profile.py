"""The learner's own profile page: the name printed on certificates and the language the site
speaks to them in. Their unit is shown, not chosen: they ask to join one
(tests/accounts/test_membership_requests.py)."""

import pytest
from django.urls import reverse

from accounts.services import user_place_in_unit, user_update_profile
from tests.factories.accounts import make_organisation

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profile/"


@pytest.fixture
def border_police():
    ministry = make_organisation("Ministry of Interior")
    return make_organisation("Border Police", parent=ministry)


def profile_data(user, **changes):
    data = {
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
    }
    data.update(changes)
    return data


def test_profile_lives_at_accounts_profile():
    assert reverse("accounts:profile") == PROFILE


def test_profile_requires_sign_in(client):
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={PROFILE}"


def test_anonymous_post_changes_nothing(client, learner):
    response = client.post(PROFILE, profile_data(learner, full_name="Hijacked"))

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.full_name != "Hijacked"


def test_learner_sees_their_own_details(client, learner, border_police):
    user_update_profile(user=learner, full_name="Amina Diallo")
    user_place_in_unit(user=learner, unit=border_police)
    client.force_login(learner)

    response = client.get(PROFILE)

    assert response.status_code == 200
    form = response.context["form"]
    assert form["full_name"].value() == learner.full_name
    content = response.content.decode()
    assert "Amina Diallo" in content
    assert "You belong to <strong>Border Police</strong>" in content


def test_learner_changes_name_and_language(client, learner, border_police):
    client.force_login(learner)

    response = client.post(
        PROFILE,
        profile_data(learner, full_name="  Fatima   Zahra El Idrissi ", preferred_language="fr"),
    )

    assert response.status_code == 302
    assert response["Location"] == PROFILE
    learner.refresh_from_db()
    # Stray spaces would show on the certificate; the name is stored tidied.
    assert learner.full_name == "Fatima Zahra El Idrissi"
    assert learner.preferred_language == "fr"
    # The site switches to the chosen language straight away.
    assert response.cookies["django_language"].value == "fr"
    page = client.get(PROFILE)
    assert page.context["LANGUAGE_CODE"] == "fr"
    assert "Fatima Zahra El Idrissi" in page.content.decode()


def test_a_forged_empty_organisation_does_not_take_a_learner_out_of_their_unit(
    client, learner, border_police
):
    user_place_in_unit(user=learner, unit=border_police)
    client.force_login(learner)

    client.post(PROFILE, profile_data(learner, organisation=""))

    learner.refresh_from_db()
    assert learner.organisation == border_police


@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_full_name_is_refused_and_changes_nothing(client, learner, border_police, blank):
    before = (learner.full_name, learner.preferred_language, learner.organisation_id)
    client.force_login(learner)

    response = client.post(
        PROFILE,
        profile_data(learner, full_name=blank, preferred_language="es"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]
    assert 'class="field__error"' in response.content.decode()
    learner.refresh_from_db()
    assert (learner.full_name, learner.preferred_language, learner.organisation_id) == before


def test_unknown_language_is_refused(client, learner):
    client.force_login(learner)

    response = client.post(PROFILE, profile_data(learner, preferred_language="xx"))

    assert response.status_code == 200
    assert response.context["form"].errors["preferred_language"]
    learner.refresh_from_db()
    assert learner.preferred_language == "en"


def test_profile_cannot_change_the_sign_in_address(client, learner):
    client.force_login(learner)

    client.post(PROFILE, profile_data(learner, email="someone.else@example.org"))

    learner.refresh_from_db()
    assert learner.email == "learner@example.org"


def test_profile_shows_only_the_signed_in_users_data(client, learner, other_learner):
    user_update_profile(user=learner, full_name="Amina Diallo")
    user_update_profile(user=other_learner, full_name="Zebedee Other-Person")
    client.force_login(learner)

    response = client.get(PROFILE)

    content = response.content.decode()
    assert "Amina Diallo" in content
    assert "Zebedee Other-Person" not in content
    assert other_learner.email not in content


def test_a_learner_can_only_edit_their_own_profile(client, learner, other_learner):
    other_name = other_learner.full_name
    client.force_login(learner)

    client.post(PROFILE, profile_data(learner, full_name="Changed By Learner", id=other_learner.pk))

    other_learner.refresh_from_db()
    learner.refresh_from_db()
    assert other_learner.full_name == other_name
    assert learner.full_name == "Changed By Learner"
