"""Issue 16, learner item 3: in a course whose learners mark each lesson as done, the way on
from a lesson is "Done, next lesson" (credit and the next step in one press, a plain POST
form), with a "Skip for now" link that gives no credit; a lesson done reads "Done ✓" and
the outlines tick it."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from courses.models import StepCompletion
from courses.services import enrollment_create, lesson_complete
from tests.factories.assessments import make_quiz
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_shared_cache():
    cache.clear()


def _footer(html: str) -> str:
    return html.split('class="lesson__footer"', 1)[1].split("</footer>", 1)[0]


def _done_form(html: str) -> tuple[str, str]:
    """The "Done, …" form's next address and its button's text."""
    footer = _footer(html)
    next_url = re.search(r'name="next" value="([^"]*)"', footer)
    button = re.search(r'<button type="submit" class="button">(.*?)</button>', footer, re.S)
    assert next_url and button, footer
    return next_url.group(1), re.sub(r"<[^>]+>", "", button.group(1))


def _skip_link(html: str) -> str | None:
    found = re.search(r'<a class="pager__skip" href="([^"]*)"', _footer(html))
    return found.group(1) if found else None


@pytest.fixture
def studying(client, learner):
    """A learner enrolled in a three-lesson course with a module quiz after the lessons."""
    course = make_course(modules=1, lessons=3, title="Reading the MRZ")
    enrollment = enrollment_create(user=learner, course=course)
    client.force_login(learner)
    return course, enrollment, lessons_of(course)


def test_the_primary_action_is_done_next_lesson_with_a_skip_link(client, studying):
    _course, _enrollment, (first, second, _third) = studying

    html = client.get(first.url).content.decode()

    assert _done_form(html) == (second.url, f"Done, next lesson →: {second.title}")
    assert _skip_link(html) == second.url
    assert "Mark this lesson as done" not in html
    assert f'rel="next" href="{second.url}"' not in html  # no "Next" that gives no credit


def test_done_next_lesson_marks_it_done_and_opens_the_next_one(client, studying):
    _course, enrollment, (first, second, _third) = studying
    next_url, _ = _done_form(client.get(first.url).content.decode())
    url = reverse("learning:complete_lesson", args=[first.id])

    response = client.post(url, {"next": next_url})
    again = client.post(url, {"next": next_url})  # a second press (back button, double tap)

    assert response.status_code == again.status_code == 302
    assert response["Location"] == again["Location"] == second.url
    assert StepCompletion.objects.filter(enrollment=enrollment).count() == 1


def test_skipping_gives_no_credit(client, studying):
    _course, enrollment, (first, second, _third) = studying

    skip = _skip_link(client.get(first.url).content.decode())
    html = client.get(skip).content.decode()

    assert skip == second.url
    assert "0% complete (0 of 3 steps)" in html
    assert not StepCompletion.objects.filter(enrollment=enrollment).exists()


def test_a_lesson_done_reads_done_with_a_tick_and_the_outline_ticks_it(client, learner, studying):
    course, _enrollment, (first, second, _third) = studying
    lesson_complete(user=learner, lesson=first)

    html = client.get(first.url).content.decode()

    footer = _footer(html)
    assert 'class="lesson-done"' in footer and "✓" in footer
    assert "You have completed this lesson." in footer  # the tick is not the only sign
    assert "<form" not in footer and "Skip for now" not in footer
    assert f'rel="next" href="{second.url}"' in footer
    outline = html.split('id="outline-heading"', 1)[1]
    first_step = outline.split(f'href="{first.url}"', 1)[1].split("</li>", 1)[0]
    assert "✓" in first_step and "Done" in first_step
    # The same tick on the course page's outline and on the module page.
    for url in (course.url, first.get_parent().url):
        page = client.get(url).content.decode()
        step = page.split(f'href="{first.url}"', 1)[1].split("</li>", 1)[0]
        assert "✓" in step and "Done" in step, url


def test_the_last_lesson_of_a_module_leads_to_its_quiz(client, studying):
    _course, _enrollment, (_first, _second, third) = studying
    quiz = make_quiz(module=third.get_parent().specific, title="Check the MRZ")

    next_url, label = _done_form(client.get(third.url).content.decode())

    assert next_url == reverse("assessments:quiz", args=[quiz.id])
    assert label == "Done, next step →: Check the MRZ"


def test_the_last_step_of_the_course_leads_back_to_the_course(client, studying):
    course, _enrollment, (_first, _second, third) = studying

    html = client.get(third.url).content.decode()

    assert _done_form(html) == (course.url, "Done, back to the course")
    assert _skip_link(html) == course.url


def test_in_a_course_taken_in_order_done_never_leads_to_a_step_still_closed(client, learner):
    course = make_course(modules=2, lessons=2, modules_in_order=True)
    enrollment_create(user=learner, course=course)
    first, second, third, _fourth = lessons_of(course)
    client.force_login(learner)

    on_second = client.get(second.url).content.decode()  # the first lesson is not done
    lesson_complete(user=learner, lesson=first)
    on_second_after_first = client.get(second.url).content.decode()

    assert _done_form(on_second)[0] == course.url
    assert _skip_link(on_second) == course.url
    assert _done_form(on_second_after_first)[0] == third.url
    assert _skip_link(on_second_after_first) == course.url  # the next module is still closed


def test_a_course_done_on_reaching_the_end_has_no_skip_link(client, learner):
    course = make_course(modules=1, lessons=2, lesson_completion="reach_end")
    enrollment_create(user=learner, course=course)
    first, second = lessons_of(course)
    client.force_login(learner)

    html = client.get(first.url).content.decode()

    assert _done_form(html) == (second.url, f"Done, next lesson →: {second.title}")
    assert _skip_link(html) is None
