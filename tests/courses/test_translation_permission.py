"""Trainers start a translation themselves: the course editor's Actions menu offers
wagtail-localize's "Translate this page", and its form opens for them. Learners and
managers get neither."""

import pytest
from django.urls import reverse

from accounts import roles
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course
from tests.factories.translations import locale

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    locale("fr")  # a language to translate into
    return make_course(modules=1, lessons=1, title="Border checks")


@pytest.mark.parametrize("role", [roles.TRAINERS, roles.LEAD_TRAINERS, roles.ADMINISTRATORS])
def test_authors_are_offered_the_translation_of_a_course(client, course, role):
    author = UserFactory(email="author@example.org", roles=[role])
    client.force_login(author)
    form = reverse("wagtail_localize:submit_page_translation", args=[course.pk])

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    assert editor.status_code == 200
    assert form in editor.content.decode()
    assert "Translate this page" in editor.content.decode()
    opened = client.get(form)
    assert opened.status_code == 200
    assert "French" in opened.content.decode()


@pytest.mark.parametrize("role", [roles.LEARNERS, roles.MANAGERS])
def test_learners_and_managers_cannot_start_one(client, course, role):
    client.force_login(UserFactory(email="other@example.org", roles=[role]))
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[course.pk]))
    assert response.status_code in (302, 403)


def test_a_course_submitted_for_translation_stays_a_draft_until_published(
    client, course, django_capture_on_commit_callbacks
):
    """The translation starts with the English text: French readers must not be offered
    it as French until a translator has written it and it is published."""
    from courses.models import CoursePage

    client.force_login(UserFactory(email="author@example.org", roles=[roles.TRAINERS]))
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize saves on commit
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[course.pk]),
            {"locales": [locale("fr").pk], "include_subtree": "on"},
        )
    assert response.status_code == 302
    french = CoursePage.objects.get(translation_key=course.translation_key, locale=locale("fr"))
    assert not french.live
    client.get("/courses/")  # the message "submitted for translation" is shown here
    catalogue = client.get("/courses/", {"language": "fr"})
    assert course.url not in catalogue.content.decode()  # not offered as a French course
