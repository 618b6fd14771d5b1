"""Lesson pages keep what every learner shares (the course outline, view restrictions, the
rendered lesson body) in the shared cache. A learner must see a trainer's change on the
very next page, and never another learner's progress."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.models import ModulePage
from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz
from tests.factories.courses import lessons_of, make_course, make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return make_course(modules=2, lessons=2)


@pytest.fixture
def studying(client, learner, course):
    """The learner signed in, enrolled, and the lesson pages seen once (cache warm)."""
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    for lesson in lessons_of(course):
        assert client.get(lesson.url).status_code == 200
    return client


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_lesson_renamed_and_published_shows_in_the_outline_of_every_lesson(studying, course):
    first, second, *_ = lessons_of(course)
    second.title = "Document fraud: the updated guidance"
    second.save_revision().publish()

    assert "Document fraud: the updated guidance" in _html(studying, first.url)


def test_a_new_body_published_is_what_the_learner_reads_next(studying, course):
    lesson = lessons_of(course)[0]
    lesson.body = [("rich_text", "<p>Check the MRZ against the visual zone first.</p>")]
    lesson.save_revision().publish()

    html = _html(studying, lesson.url)
    assert "Check the MRZ against the visual zone first." in html
    assert "what an official needs to know" not in html


def test_a_draft_saved_or_previewed_is_not_shown_to_learners(studying, course, trainer, rf):
    lesson = lessons_of(course)[0]
    draft = lessons_of(course)[0]
    draft.body = [("rich_text", "<p>Unreviewed draft wording.</p>")]
    draft.save_revision()
    preview = draft.make_preview_request(
        original_request=_admin_request(rf, trainer), preview_mode=""
    )
    assert "Unreviewed draft wording." in preview.rendered_content

    html = _html(studying, lesson.url)
    assert "Unreviewed draft wording." not in html
    assert "what an official needs to know" in html


def _admin_request(rf, user):
    request = rf.get("/admin/")
    request.user = user
    return request


def test_a_lesson_added_to_a_live_course_appears_at_once(studying, course):
    module = ModulePage.objects.child_of(course).first()
    make_lesson(module, title="Interviewing techniques")
    first = lessons_of(course)[0]

    html = _html(studying, first.url)
    assert "Interviewing techniques" in html
    assert "Step 1 of 5" in html


def test_a_lesson_unpublished_leaves_the_outline(studying, course):
    first, second, *_ = lessons_of(course)
    second.unpublish()

    html = _html(studying, first.url)
    assert second.title not in html
    assert "Step 1 of 3" in html


def test_a_lesson_moved_to_another_module_moves_in_the_outline(studying, course):
    first, second, third, fourth = lessons_of(course)
    fourth.move(first, pos="left")

    html = _html(studying, third.url)
    assert html.index(fourth.title) < html.index(first.title)
    assert "Step 4 of 4" in html


def test_a_quiz_attached_or_renamed_shows_in_the_outline(studying, course):
    module = ModulePage.objects.child_of(course).first()
    lesson = lessons_of(course)[0]
    quiz = make_quiz(module=module, title="Check your understanding")
    assert "Check your understanding" in _html(studying, lesson.url)

    quiz.title = "Module 1 quiz"
    quiz.save()
    quiz.save_revision()

    html = _html(studying, lesson.url)
    assert "Module 1 quiz" in html
    assert "Check your understanding" not in html


def test_a_view_restriction_added_to_the_course_is_enforced_at_once(studying, course, learner):
    lesson = lessons_of(course)[0]
    admin = Client()
    admin.force_login(UserFactory(is_superuser=True, is_staff=True))
    trainers = Group.objects.get(name="Trainers")
    response = admin.post(
        reverse("wagtailadmin_pages:set_privacy", args=[course.id]),
        {"restriction_type": PageViewRestriction.GROUPS, "groups": [trainers.id]},
    )
    assert response.status_code == 200
    assert PageViewRestriction.objects.filter(page=course).exists()

    response = studying.get(lesson.url)
    assert response.status_code == 403  # signed in, outside the groups: told, not looped
    assert "open only to certain groups" in response.content.decode()

    PageViewRestriction.objects.filter(page=course).delete()
    assert studying.get(lesson.url).status_code == 200


def test_each_learner_sees_their_own_progress(studying, course, learner, other_learner):
    first, second, *_ = lessons_of(course)
    lesson_complete(user=learner, lesson=first)
    enrollment_create(user=other_learner, course=course)
    other = Client()
    other.force_login(other_learner)

    assert "25% complete (1 of 4 steps)" in _html(studying, second.url)
    assert "0% complete (0 of 4 steps)" in _html(other, second.url)
    assert "You have completed this lesson." in _html(studying, first.url)
    assert "You have completed this lesson." not in _html(other, first.url)


def test_a_learner_not_enrolled_is_still_sent_to_the_course(studying, course, other_learner):
    other = Client()
    other.force_login(other_learner)

    response = other.get(lessons_of(course)[0].url)
    assert response.status_code == 302
    assert response["Location"] == course.url


def _outline(html: str) -> str:
    return html[html.index('<aside class="lesson-outline"') : html.index("</aside>")]


def test_two_learners_on_one_lesson_get_their_own_ticks_before_and_after_a_new_revision(
    studying, course, learner, other_learner
):
    """The lesson page keeps the page itself, its body and the markup of its outline's
    steps in the shared cache (issue 19, P1): each learner's ticks, progress and "Done"
    are still their own, and a trainer's new revision shows to both on their next view."""
    first, second, third, _ = lessons_of(course)
    lesson_complete(user=learner, lesson=first)
    lesson_complete(user=learner, lesson=third)
    enrollment_create(user=other_learner, course=course)
    lesson_complete(user=other_learner, lesson=second)
    other = Client()
    other.force_login(other_learner)

    for _ in range(2):  # the second view is served from the warm caches
        mine, theirs = _html(studying, second.url), _html(other, second.url)
        assert "50% complete (2 of 4 steps)" in mine
        assert "25% complete (1 of 4 steps)" in theirs
        assert _outline(mine).count("step--done") == 2
        assert _outline(theirs).count("step--done") == 1
        assert "You have completed this lesson." in theirs
        assert "You have completed this lesson." not in mine
        assert f'href="{second.url}" aria-current="page"' in _outline(mine)

    second.body = [("rich_text", "<p>Revised: refer the case within 48 hours.</p>")]
    second.save_revision().publish()

    mine, theirs = _html(studying, second.url), _html(other, second.url)
    assert "Revised: refer the case within 48 hours." in mine
    assert "Revised: refer the case within 48 hours." in theirs
    assert "50% complete (2 of 4 steps)" in mine and "25% complete (1 of 4 steps)" in theirs
    assert _outline(mine).count("step--done") == 2 and _outline(theirs).count("step--done") == 1


def test_the_outline_from_the_cache_is_the_outline_rendered_afresh(
    studying, course, learner, settings
):
    first, second, *_ = lessons_of(course)
    lesson_complete(user=learner, lesson=first)
    cached = _outline(_html(studying, second.url))
    assert _outline(_html(studying, second.url)) == cached  # from the warm cache

    settings.COURSE_PAGE_CACHE_ENABLED = False

    assert _outline(_html(studying, second.url)) == cached
