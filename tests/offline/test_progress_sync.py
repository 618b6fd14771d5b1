"""Issue 17, item 3: "Mark this lesson as done" sent later from a page kept on the device
counts once, however often it arrives and from however many devices."""

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import Enrollment, StepCompletion
from courses.services import enrollment_create
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db

AS_SCRIPT = {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "fetch"}


def test_a_completion_replayed_and_sent_from_two_devices_counts_once(learner):
    course = make_course(modules=1, lessons=2)
    lesson = lessons_of(course)[0]
    enrollment_create(user=learner, course=course)
    phone, desktop = Client(), Client()
    for device in (phone, desktop):
        device.force_login(learner)
    url = reverse("learning:complete_lesson", args=[lesson.id])

    answers = [phone.post(url, **AS_SCRIPT), phone.post(url, **AS_SCRIPT)]
    answers.append(desktop.post(url, **AS_SCRIPT))

    assert [a.json() for a in answers] == [{"done": True}] * 3
    assert StepCompletion.objects.filter(enrollment__user=learner).count() == 1
    assert Enrollment.objects.get(user=learner).status == Enrollment.Status.ACTIVE


def test_a_replay_that_the_server_refuses_says_why_in_json_and_records_nothing(client, learner):
    course = make_course(modules=2, lessons=1, modules_in_order=True)
    locked = lessons_of(course)[1]
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    response = client.post(reverse("learning:complete_lesson", args=[locked.id]), **AS_SCRIPT)

    assert response.status_code == 409
    assert "earlier modules" in response.json()["error"]
    assert not StepCompletion.objects.exists()


def test_the_form_without_script_still_leads_to_the_next_page(client, learner):
    course = make_course(modules=1, lessons=2)
    first, second = lessons_of(course)
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    response = client.post(
        reverse("learning:complete_lesson", args=[first.id]), {"next": second.url}
    )

    assert response.status_code == 302 and response["Location"] == second.url
