"""Issue 16, learner item 4: the catalogue's search reads the text of a course's modules and
lessons too, and names the lessons that matched, with a link and a few words around the
match. A lesson the person may not see (a view restriction on it, its module or its course,
a password not given) is never searched; nor is a lesson of a module that is not live.

Runs on the test database whatever it is: SQLite here, PostgreSQL in CI."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from accounts import roles
from courses.models import ModulePage
from courses.search import snippet_of
from tests.factories.courses import lessons_of, make_course, make_lesson, make_module, restrict

pytestmark = pytest.mark.django_db

MRZ_TEXT = (
    "<p>The machine-readable zone (MRZ) of a passport holds two lines of 44 characters. "
    "Check that the <b>MRZ</b> agrees with the visual zone above it.</p>"
)


@pytest.fixture(autouse=True)
def _fresh_shared_cache():
    cache.clear()


def _search(client, query: str) -> str:
    response = client.get("/courses/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def _card(html: str, title: str) -> str:
    """A course's card on the catalogue (the cards hold lists of their own)."""
    cards = html.split('<li class="card">')[1:]
    cards[-1] = cards[-1].split('<nav class="pagination"', 1)[0].split("</main>", 1)[0]
    for card in cards:
        if f">{title}</a></h2>" in card:
            return card
    raise AssertionError(f"no card for {title}")


@pytest.fixture
def document_course():
    """A course whose title and summary never say "MRZ"; one of its lessons does."""
    course = make_course(modules=0, title="Document examination")
    module = make_module(course, title="Security features", lessons=1)
    lesson = make_lesson(module, title="The machine-readable zone", body=[("rich_text", MRZ_TEXT)])
    return course, lesson


def test_a_word_only_a_lesson_teaches_finds_its_course_and_names_the_lesson(
    client, document_course
):
    course, lesson = document_course
    make_course(modules=1, lessons=1, title="Labour market integration")

    html = _search(client, "MRZ")

    assert "1 course" in html and "Labour market integration" not in html
    card = _card(html, "Document examination")
    assert "Found in:" in card
    assert f'<a href="{lesson.url}">The machine-readable zone</a>' in card
    assert "<mark>MRZ</mark>" in card
    assert "The machine-readable zone (<mark>MRZ</mark>) of a passport" in card


def test_every_word_must_be_in_the_lesson_and_the_course_title_still_counts(
    client, document_course
):
    course, lesson = document_course

    assert "Document examination" in _search(client, "passport MRZ")
    assert "No course matches" in _search(client, "MRZ trafficking")
    by_title = _search(client, "examination")
    assert "Document examination" in by_title
    assert "Found in:" not in by_title  # the course's own words: no lesson to name


def test_a_module_summary_is_searched_too(client):
    course = make_course(modules=0, title="Border management")
    module = make_module(course, title="Risk analysis", lessons=1)
    ModulePage.objects.filter(pk=module.pk).update(summary="Profiles, indicators, CIRAM.")
    module.refresh_from_db()
    module.save_revision().publish()

    html = _search(client, "CIRAM")

    assert f'<a href="{module.url}">Risk analysis</a>' in _card(html, "Border management")


def test_a_course_with_many_matching_lessons_names_three_and_counts_the_rest(client):
    course = make_course(modules=0, title="Document examination")
    module = make_module(course, lessons=0)
    for n in range(5):
        make_lesson(module, title=f"Part {n}", body=[("rich_text", MRZ_TEXT)])

    card = _card(_search(client, "MRZ"), "Document examination")

    assert len(re.findall(r"<mark>", card)) == 3
    assert "and 2 more" in card


def test_a_lesson_of_a_course_private_to_a_group_is_never_shown(client, learner, document_course):
    course, _lesson = document_course
    restrict(course, groups=[Group.objects.get(name=roles.MANAGERS)])
    client.force_login(learner)

    html = _search(client, "MRZ")

    assert "No course matches" in html and "machine-readable" not in html


def test_a_lesson_of_a_module_private_to_a_group_is_never_shown(client, learner, document_course):
    course, lesson = document_course
    restrict(lesson.get_parent(), groups=[Group.objects.get(name=roles.MANAGERS)])
    client.force_login(learner)

    assert "No course matches" in _search(client, "MRZ")
    # The course is listed for its own words, without the closed lesson.
    assert "Found in:" not in _search(client, "examination")


def test_a_password_protected_course_shows_its_lessons_once_the_password_is_given(
    client, learner, document_course
):
    course, lesson = document_course
    restrict(course, password="harbour")
    client.force_login(learner)

    before = _search(client, "MRZ")
    session = client.session
    restriction = PageViewRestriction.objects.get(page=course)
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.id]
    session.save()
    after = _search(client, "MRZ")

    assert "No course matches" in before
    assert f'<a href="{lesson.url}">The machine-readable zone</a>' in after


def test_a_lesson_of_a_module_that_is_not_live_is_not_found(client, document_course):
    course, lesson = document_course
    ModulePage.objects.filter(pk=lesson.get_parent().pk).update(live=False)

    assert "No course matches" in _search(client, "MRZ")


def test_a_draft_lesson_is_not_found(client):
    course = make_course(modules=1, lessons=1, title="Document examination")
    lesson = lessons_of(course)[0]
    lesson.body = [("rich_text", MRZ_TEXT)]
    lesson.save_revision()  # a draft: the live lesson does not say it yet

    assert "No course matches" in _search(client, "MRZ")


def test_a_snippet_is_whole_words_around_the_first_match():
    text = "word " * 40 + "the passports of travellers " + "more " * 60

    snippet = snippet_of(text, ["passport", "travellers"])

    assert snippet.hit == "passports"
    assert snippet.before.startswith("…") and snippet.before.endswith("the ")
    assert snippet.after.startswith(" of travellers") and snippet.after.endswith("…")
    assert snippet_of("no such word here", ["passport"]) is None
