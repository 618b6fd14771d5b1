"""Issue 17, item 2: which pages a device may keep, for whom, and a sign-out that clears
the device (shared computers)."""

import pytest
from django.urls import reverse

from courses.services import enrollment_create
from offline.keys import user_cache_key
from offline.middleware import OFFLINE_HEADER
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


def test_course_pages_are_marked_for_the_signed_in_learner_under_their_own_name(
    client, learner, other_learner
):
    course = make_course(modules=1, lessons=1)
    lesson = lessons_of(course)[0]
    for person in (learner, other_learner):
        enrollment_create(user=person, course=course)

    client.force_login(learner)
    marks = {client.get(url)[OFFLINE_HEADER] for url in (lesson.url, course.url, "/learning/")}
    client.force_login(other_learner)
    other = client.get(lesson.url)[OFFLINE_HEADER]

    assert marks == {user_cache_key(learner)}
    assert other == user_cache_key(other_learner) != user_cache_key(learner)
    assert str(learner.pk) != user_cache_key(learner)


def test_pages_with_nothing_to_keep_or_that_must_not_be_kept_are_not_marked(client, learner):
    course = make_course(modules=1, lessons=1)
    lesson = lessons_of(course)[0]

    assert OFFLINE_HEADER not in client.get(course.url)  # anonymous
    client.force_login(learner)
    refused = client.get(lesson.url)  # not enrolled: a redirect to the course
    assert refused.status_code == 302 and OFFLINE_HEADER not in refused
    assert OFFLINE_HEADER not in client.get(reverse("accounts:profile"))
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert OFFLINE_HEADER not in client.get("/admin/pages/")


def test_signing_out_tells_the_browser_to_clear_every_copy_kept_on_the_device(client, learner):
    client.force_login(learner)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "_auth_user_id" not in client.session


def test_other_posts_clear_nothing(client, learner):
    course = make_course(modules=1, lessons=1)
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    response = client.post(reverse("learning:complete_lesson", args=[lessons_of(course)[0].id]))

    assert response.status_code == 302
    assert "Clear-Site-Data" not in response


def test_a_fresh_form_token_for_progress_sent_from_a_kept_page(client, learner):
    client.force_login(learner)

    response = client.get(reverse("offline:token"))

    assert response.status_code == 200
    assert len(response.json()["token"]) == 64
    assert "no-cache" in response["Cache-Control"]


def test_the_cache_name_kept_in_the_process_follows_a_rotated_secret(learner, other_learner):
    """The name is kept per process (issue 19, P1); a new SECRET_KEY still gives new names
    at once, and the same name as computed afresh."""
    from django.test import override_settings
    from django.utils.crypto import salted_hmac

    before = user_cache_key(learner)
    with override_settings(SECRET_KEY="another-secret-key-" + "k" * 40):
        rotated = user_cache_key(learner)
        assert (
            rotated
            == salted_hmac(
                "waypoint.offline.user-cache", str(learner.pk), algorithm="sha256"
            ).hexdigest()[:20]
        )
        assert user_cache_key(other_learner) != rotated
    assert rotated != before == user_cache_key(learner)
