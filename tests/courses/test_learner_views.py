"""What learners and visitors get from the course pages and the learning views, including
bad input: every refusal is a clear message or status, never a 500 and never a write."""

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import Enrollment, StepCompletion
from courses.services import enrollment_create, lesson_complete
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db

LESSON_TEXT = "what an official needs to know"


def test_anonymous_visitors_see_the_overview_with_a_call_to_sign_in(client):
    course = make_course(modules=2, lessons=2, title="Integrated border management")

    html = client.get(course.url).content.decode()

    assert "Integrated border management" in html
    assert "Sign in to enrol" in html
    assert lessons_of(course)[0].title in html  # the outline is public
    assert LESSON_TEXT not in html


def test_anonymous_visitors_are_sent_from_a_lesson_to_the_course(client):
    course = make_course(modules=1, lessons=1)

    response = client.get(lessons_of(course)[0].url, follow=True)

    assert response.redirect_chain[-1][0] == course.url
    assert "Sign in and enrol" in response.content.decode()
    assert LESSON_TEXT not in response.content.decode()


def test_a_signed_in_learner_who_is_not_enrolled_cannot_read_lessons(client, learner):
    course = make_course(modules=1, lessons=1)
    client.force_login(learner)

    response = client.get(lessons_of(course)[0].url, follow=True)

    assert "Enrol in this course to open its lessons" in response.content.decode()
    assert LESSON_TEXT not in response.content.decode()


def test_an_enrolled_learner_reads_the_lesson_with_progress_and_navigation(client, learner):
    course = make_course(modules=1, lessons=3)
    enrollment_create(user=learner, course=course)
    first, second, _ = lessons_of(course)
    client.force_login(learner)

    html = client.get(second.url).content.decode()

    assert LESSON_TEXT in html
    assert "Done, next lesson" in html
    assert f'href="{first.url}"' in html and 'rel="prev"' in html
    assert "0% complete (0 of 3 steps)" in html


def test_a_locked_lesson_is_refused_with_the_reason(client, learner):
    course = make_course(modules=2, lessons=1, modules_in_order=True)
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    response = client.get(lessons_of(course)[1].url, follow=True)

    assert "Finish the earlier modules" in response.content.decode()


def test_enrolling_through_the_course_page(client, learner):
    course = make_course(modules=1, lessons=1)
    client.force_login(learner)

    response = client.post(reverse("learning:enroll", args=[course.id]), follow=True)

    assert "You are enrolled" in response.content.decode()
    assert "Start the course" in response.content.decode()
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1


def test_enrolling_twice_says_so_and_keeps_one_enrolment(client, learner):
    course = make_course(modules=1, lessons=1)
    client.force_login(learner)
    client.post(reverse("learning:enroll", args=[course.id]))

    response = client.post(reverse("learning:enroll", args=[course.id]), follow=True)

    assert response.status_code == 200
    assert "already enrolled" in response.content.decode()
    assert Enrollment.objects.count() == 1


def test_enrolling_in_an_unpublished_course_is_refused(client, learner):
    course = make_course(modules=1, lessons=1)
    course.unpublish()
    client.force_login(learner)

    response = client.post(reverse("learning:enroll", args=[course.id]), follow=True)

    assert response.status_code == 200
    assert "not open for enrolment" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_modules_and_lessons_of_a_course_that_is_not_live_are_not_found(client, learner):
    """Wagtail serves a live page under a draft parent: a module approved before its course,
    or the lessons of a course taken offline, must not be public."""
    course = make_course(modules=1, lessons=1)
    module = course.get_children().specific().get()
    (lesson,) = lessons_of(course)
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    assert client.get(lesson.url).status_code == 200  # and its route is cached

    course.unpublish()
    module.refresh_from_db()
    lesson.refresh_from_db()

    assert module.live and lesson.live
    for visitor in (client, Client()):
        assert visitor.get(module.url).status_code == 404
        assert visitor.get(lesson.url).status_code == 404


@pytest.mark.parametrize("course_id", [999999, 0])
def test_enrolling_in_a_course_that_does_not_exist_is_a_404(client, learner, course_id):
    client.force_login(learner)

    response = client.post(reverse("learning:enroll", args=[course_id]))

    assert response.status_code == 404
    assert not Enrollment.objects.exists()


def test_a_forged_post_without_csrf_token_is_refused(learner):
    course = make_course(modules=1, lessons=1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)

    response = client.post(reverse("learning:enroll", args=[course.id]))

    assert response.status_code == 403
    assert not Enrollment.objects.exists()


def test_the_learning_endpoints_only_accept_post(client, learner):
    course = make_course(modules=1, lessons=1)
    client.force_login(learner)

    assert client.get(reverse("learning:enroll", args=[course.id])).status_code == 405
    lesson = lessons_of(course)[0]
    assert client.get(reverse("learning:complete_lesson", args=[lesson.id])).status_code == 405


def test_anonymous_posts_are_sent_to_sign_in(client):
    course = make_course(modules=1, lessons=1)

    response = client.post(reverse("learning:enroll", args=[course.id]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Enrollment.objects.exists()


def test_completing_a_lesson_of_a_course_one_is_not_in_changes_nothing(client, learner):
    course = make_course(modules=1, lessons=1)
    client.force_login(learner)

    response = client.post(
        reverse("learning:complete_lesson", args=[lessons_of(course)[0].id]), follow=True
    )

    assert response.status_code == 200
    assert "Enrol in this course" in response.content.decode()
    assert not StepCompletion.objects.exists()


def test_completing_a_lesson_never_redirects_off_site(client, learner):
    course = make_course(modules=1, lessons=2)
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    lesson = lessons_of(course)[0]

    response = client.post(
        reverse("learning:complete_lesson", args=[lesson.id]),
        {"next": "https://evil.example.com/"},
    )

    assert response["Location"] == lesson.url
    assert StepCompletion.objects.count() == 1


def test_a_learner_never_sees_another_learners_progress(client, learner, other_learner):
    course = make_course(modules=1, lessons=4, title="Counter-trafficking basics")
    enrollment_create(user=other_learner, course=course)
    for lesson in lessons_of(course)[:3]:
        lesson_complete(user=other_learner, lesson=lesson)
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    course_html = client.get(course.url).content.decode()
    dashboard_html = client.get(reverse("learning:dashboard")).content.decode()

    assert "0% complete (0 of 4 steps)" in course_html
    assert "75%" not in course_html and "75%" not in dashboard_html
    assert "0% complete (0 of 4 steps)" in dashboard_html


def test_the_dashboard_requires_sign_in(client):
    response = client.get(reverse("learning:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_dashboard_lists_courses_in_progress_and_completed(client, learner):
    in_progress = make_course(modules=1, lessons=2, title="Migration statistics")
    done = make_course(modules=1, lessons=1, title="Integration indicators")
    enrollment_create(user=learner, course=in_progress)
    enrollment_create(user=learner, course=done)
    lesson_complete(user=learner, lesson=lessons_of(done)[0])
    client.force_login(learner)

    html = client.get(reverse("learning:dashboard")).content.decode()

    in_progress_part, completed_part = html.split('id="completed-heading"')
    assert "Migration statistics" in in_progress_part
    assert "0% complete (0 of 2 steps)" in in_progress_part
    assert "Integration indicators" in completed_part


def test_the_catalogue_filters_by_topic_level_and_language_and_searches(client):
    make_course(modules=0, title="Detecting forged passports", level="advanced")
    make_course(modules=0, title="Labour market integration", level="introductory")
    url = "/courses/"

    assert "Detecting forged passports" in client.get(url, {"level": "advanced"}).content.decode()
    assert "Labour market" not in client.get(url, {"level": "advanced"}).content.decode()
    searched = client.get(url, {"q": "passports"}).content.decode()
    assert "Detecting forged passports" in searched and "Labour market" not in searched
    assert "No course matches" in client.get(url, {"language": "ar"}).content.decode()


def test_the_catalogue_ignores_malformed_filters(client):
    make_course(modules=0, title="Detecting forged passports")

    response = client.get("/courses/", {"topic": "no-such-topic", "level": "x", "page": "abc"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_english_lesson_text_keeps_its_own_direction_in_the_arabic_interface(client, learner):
    """The interface turns right to left; the course's own text (English here) must not, or
    its full stops and lists land on the wrong side: the title and body take the direction
    of their own first letters (dir="auto")."""
    from courses.services import enrollment_create
    from tests.factories.courses import lessons_of, make_course

    course = make_course(modules=1, lessons=1, title="Border basics")
    enrollment_create(user=learner, course=course)
    learner.preferred_language = "ar"
    learner.save()
    client.force_login(learner)

    html = client.get(lessons_of(course)[0].url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    assert 'dir="rtl"' in html
    # ... and say their own language (the page's locale, from the shared outline).
    assert '<div class="prose" dir="auto" lang="en">' in html
    assert '<h1 dir="auto" lang="en">' in html
