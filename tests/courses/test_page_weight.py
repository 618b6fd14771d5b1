"""P5: the lesson page's critical path stays light on a slow or mobile connection: HTML and
CSS under 100 KB compressed, JavaScript under 30 KB (the service worker's registration and
offline progress, static/js/offline.js, issue 17). P7 asks the same in every language: the
French and Arabic copies of a course (Arabic text takes two bytes a letter) are measured as
their readers get them, and so is the course page."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from courses.services import enrollment_create
from tests.factories.courses import lessons_of, make_course
from tests.factories.translations import locale, retitle, translate

pytestmark = pytest.mark.django_db

CRITICAL_PATH_LIMIT = 100 * 1024
JAVASCRIPT_LIMIT = 30 * 1024
# A translator's text for the course, its lessons and their bodies.
TRANSLATED = {
    "fr": (
        "Examen des documents de voyage",
        "Leçon",
        "<p>Ce que l'agent doit vérifier sur un passeport : les éléments de sécurité, la "
        "zone de lecture automatique et la cohérence des données.</p>",
    ),
    "ar": (
        "فحص وثائق السفر",
        "الدرس",
        "<p>ما يجب على الموظف التحقق منه في جواز السفر: عناصر الأمان، ومنطقة القراءة الآلية، "
        "واتساق البيانات.</p>",
    ),
}


def _static_bytes(url: str) -> bytes:
    path = finders.find(url.removeprefix("/static/"))
    assert path, f"{url} is not a static file"
    with open(path, "rb") as handle:
        return handle.read()


def _course_in(language: str):
    """A course of 3 modules of 10 lessons, in ``language`` written by its translator."""
    course = make_course(modules=3, lessons=10, title="Examination of travel documents")
    if language == "en":
        return course
    title, lesson_word, body = TRANSLATED[language]
    retitle(translate(course, language), title)
    target = locale(language)
    for number, lesson in enumerate(lessons_of(course), start=1):
        retitle(
            lesson.get_translation(target),
            f"{lesson_word} {number}",
            body=[("rich_text", body)],
        )
    return course


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
@pytest.mark.parametrize("page", ["lesson", "course"])
def test_the_critical_path_is_light_in_every_language(client, learner, language, page):
    course = _course_in(language)
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    url = lessons_of(course)[5].url if page == "lesson" else course.url

    html = client.get(url, headers={"accept-language": language}).content
    # The reader's copy is the one served: the interface and the course text in it.
    assert f'<html lang="{language}"'.encode() in html
    assert f'<h1 dir="auto" lang="{language}">'.encode() in html
    if language != "en":
        expected = TRANSLATED[language][1] + " 6" if page == "lesson" else TRANSLATED[language][0]
        assert expected.encode() in html
    stylesheets = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    scripts = re.findall(rb'<script[^>]*src="([^"]+)"', html)
    inline_scripts = re.findall(rb"<script(?![^>]*src)[^>]*>(.*?)</script>", html, re.S)

    css = b"".join(_static_bytes(url.decode()) for url in stylesheets)
    javascript = b"".join(_static_bytes(url.decode()) for url in scripts) + b"".join(inline_scripts)
    compressed = len(gzip.compress(html)) + len(gzip.compress(css)) + len(gzip.compress(javascript))

    print(
        f"\n{page} page in {language}: {len(html)} B html ({len(gzip.compress(html))} B "
        f"gzip), {len(gzip.compress(css))} B css, {len(javascript)} B js "
        f"(gzip total {compressed} B)"
    )
    assert stylesheets, "the page must link its stylesheet"
    assert compressed <= CRITICAL_PATH_LIMIT
    assert len(javascript) <= JAVASCRIPT_LIMIT
