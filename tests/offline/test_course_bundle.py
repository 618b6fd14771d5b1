"""Issue 17, item 2: "Make this course available offline" asks the server what to keep and
how big it is; only a learner enrolled now gets the list."""

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from courses.models import StepCompletion
from courses.services import enrollment_create, lesson_complete
from offline.selectors import OFFLINE_IMAGE_FILTER
from tests.factories.courses import lessons_of, make_course, make_lesson
from tests.query_counts import assert_queries, count_queries

pytestmark = pytest.mark.django_db


def _image(name="checkpoint.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (20, 60, 120)).save(buffer, "PNG")
    return get_image_model().objects.create(title=name, file=ImageFile(buffer, name=name))


def _bundle_url(course):
    return reverse("offline:course_bundle", args=[course.id])


def test_an_enrolled_learner_gets_every_page_and_small_image_with_sizes(client, learner):
    course = make_course(modules=2, lessons=2)
    image = _image()
    module = course.get_children().first().specific
    with_image = make_lesson(
        module, body=[("image", {"image": image, "alt_text": "A checkpoint", "caption": ""})]
    )
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    bundle = client.get(_bundle_url(course)).json()

    urls = [item["url"] for item in bundle["items"]]
    assert urls[0] == course.url
    for lesson in lessons_of(course):
        assert lesson.url in urls
    assert with_image.url in urls
    small = image.get_rendition(OFFLINE_IMAGE_FILTER)
    assert small.url in urls and small.width == 480
    assert bundle["total_bytes"] == sum(item["bytes"] for item in bundle["items"]) > 0
    assert all(item["bytes"] > 0 for item in bundle["items"])


def test_lessons_behind_an_unfinished_module_are_not_kept(client, learner):
    course = make_course(modules=2, lessons=1, modules_in_order=True)
    first, second = lessons_of(course)
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    before = [item["url"] for item in client.get(_bundle_url(course)).json()["items"]]
    lesson_complete(user=learner, lesson=first)
    after = [item["url"] for item in client.get(_bundle_url(course)).json()["items"]]

    assert first.url in before and second.url not in before
    assert second.url in after


def test_a_learner_who_is_not_enrolled_is_refused(client, learner, other_learner):
    course = make_course(modules=1, lessons=1)
    enrollment_create(user=other_learner, course=course)
    client.force_login(learner)

    response = client.get(_bundle_url(course))

    assert response.status_code == 403
    assert "Enrol" in response.json()["error"]
    assert lessons_of(course)[0].url not in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in_and_bad_ids_are_not_found(client, learner):
    course = make_course(modules=1, lessons=1)

    assert client.get(_bundle_url(course)).status_code == 302
    client.force_login(learner)
    assert client.get("/learning/courses/999999999/offline/").status_code == 404
    assert client.get("/learning/courses/99999999999999999999/offline/").status_code == 404
    assert StepCompletion.objects.count() == 0


def test_the_list_costs_the_same_queries_for_a_bigger_course(client, learner):
    small, big = make_course(modules=1, lessons=2), make_course(modules=3, lessons=4)
    for course in (small, big):
        enrollment_create(user=learner, course=course)
    client.force_login(learner)
    for course in (small, big):
        client.get(_bundle_url(course))  # warm the shared course cache, as in production

    queries, _ = count_queries(lambda: client.get(_bundle_url(small)))
    with assert_queries(queries):
        response = client.get(_bundle_url(big))
    assert len(response.json()["items"]) == 1 + 3 + 12
