"""A course scheduled to "go live at" a time appears in the catalogue once that time has
passed and beat's job has run; one past "expire at" leaves it. Beat runs the job every
minute, so either takes effect within minutes."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.utils import timezone

from courses.models import CoursePage
from courses.tasks import publish_scheduled_content
from tests.factories.courses import catalogue, make_course, make_topic

pytestmark = pytest.mark.django_db


def catalogue_html(client) -> str:
    return client.get(catalogue().url).content.decode()


def test_a_course_scheduled_to_go_live_appears_once_its_time_has_come(client, learner):
    course = CoursePage(
        title="Counter-trafficking refresher", summary="Soon.", topic=make_topic(), live=False
    )
    catalogue().add_child(instance=course)
    course.go_live_at = timezone.now() + timedelta(hours=1)
    course.save_revision().publish()  # a future go-live schedules rather than publishes
    client.force_login(learner)

    publish_scheduled_content.delay()
    course.refresh_from_db()
    assert not course.live and "Counter-trafficking refresher" not in catalogue_html(client)

    an_hour_later = timezone.now() + timedelta(hours=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=an_hour_later):
        publish_scheduled_content.delay()

    course.refresh_from_db()
    assert course.live
    assert "Counter-trafficking refresher" in catalogue_html(client)


def test_a_course_past_its_expiry_leaves_the_catalogue(client, learner):
    course = make_course(title="Migration data basics", modules=1, lessons=1)
    client.force_login(learner)
    assert "Migration data basics" in catalogue_html(client)
    CoursePage.objects.filter(pk=course.pk).update(expire_at=timezone.now() - timedelta(minutes=1))

    publish_scheduled_content.delay()

    course.refresh_from_db()
    assert not course.live and course.expired
    assert "Migration data basics" not in catalogue_html(client)
    assert client.get(course.url).status_code == 404


def test_beat_runs_the_job_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["publish-scheduled-content"]
    assert entry["task"] == publish_scheduled_content.name
    assert entry["schedule"] <= 60
