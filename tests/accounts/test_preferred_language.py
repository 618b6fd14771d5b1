"""A person's language follows them wherever they sign in: the site and Wagtail's admin
(and the e-mails Wagtail sends them) use the one preference, whichever screen set it."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_the_admin_opens_in_the_language_the_person_chose_on_the_site(client):
    trainer = UserFactory(roles=["Trainers"], preferred_language="ar")
    client.force_login(trainer)  # a new browser: no language cookie

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'lang="ar"' in html and 'dir="rtl"' in html


def test_changing_the_language_on_the_profile_page_changes_the_admins(client):
    trainer = UserFactory(roles=["Trainers"], preferred_language="en", full_name="Amina K.")
    client.force_login(trainer)

    client.post(
        reverse("accounts:profile"),
        {"full_name": "Amina K.", "preferred_language": "fr", "organisation": ""},
    )

    assert UserProfile.get_for_user(trainer).get_preferred_language() == "fr"
    client.cookies.clear()
    client.force_login(trainer)
    assert 'lang="fr"' in client.get(reverse("wagtailadmin_home")).content.decode()


def test_choosing_a_language_in_the_admins_account_settings_changes_the_sites(client):
    trainer = UserFactory(roles=["Trainers"], preferred_language="en")

    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "es"
    profile.save()

    trainer.refresh_from_db()
    assert trainer.preferred_language == "es"


def test_the_admin_offers_only_the_four_languages_of_the_site():
    from wagtail.admin.localization import get_available_admin_languages

    assert [code for code, _name in get_available_admin_languages()] == ["en", "fr", "es", "ar"]


def test_a_sign_in_does_not_touch_the_language():
    """A sign-in saves ``last_login`` from a user object that may predate a change of
    language made in the admin meanwhile: it must not put the old language back."""
    learner = UserFactory(roles=["Learners"], preferred_language="en")
    stale = type(learner).objects.get(pk=learner.pk)
    profile = UserProfile.get_for_user(learner)
    profile.preferred_language = "fr"
    profile.save()

    stale.save(update_fields=["last_login"])

    assert UserProfile.get_for_user(learner).preferred_language == "fr"


@pytest.mark.parametrize("role", ["Trainers", "Managers", "Administrators"])
def test_the_admin_menu_of_waypoints_own_screens_is_in_arabic(client, role):
    """Menu labels read when the admin loads (not when Waypoint starts, in English)."""
    user = UserFactory(roles=[role], preferred_language="ar")
    client.force_login(user)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    for english in [
        "Topics",
        "Quizzes",
        "Import GIFT",
        "New course",
        "Reports",
        "Cohorts",
        "Required courses",
    ]:
        assert f'"{english}"' not in html and f">{english}<" not in html, english


def test_switching_the_site_s_language_makes_it_the_signed_in_person_s_preference(client):
    """A learner who switches from French to Arabic mid-course (the footer's "Language" or
    a course's "Also available in") gets their certificate and e-mails in Arabic, and the
    next sign-in keeps Arabic (it set the cookie back to French)."""
    learner = UserFactory(preferred_language="fr")
    client.force_login(learner)

    response = client.post(reverse("set_language"), {"language": "ar", "next": "/courses/"})

    assert response.status_code == 302 and response["Location"] == "/courses/"
    learner.refresh_from_db()
    assert learner.preferred_language == "ar"
    assert UserProfile.get_for_user(learner).get_preferred_language() == "ar"


def test_an_unknown_language_changes_nothing(client):
    learner = UserFactory(preferred_language="fr")
    client.force_login(learner)

    client.post(reverse("set_language"), {"language": "de", "next": "/courses/"})

    learner.refresh_from_db()
    assert learner.preferred_language == "fr"


def test_a_visitor_switching_language_only_gets_the_cookie(client):
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/courses/"})

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "ar"
