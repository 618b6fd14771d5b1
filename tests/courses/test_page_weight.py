"""P5: the lesson page's critical path stays light on a slow or mobile connection: HTML and
CSS under 100 KB compressed, JavaScript under 30 KB (the service worker's registration and
offline progress, static/js/offline.js, issue 17)."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from courses.services import enrollment_create
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db

CRITICAL_PATH_LIMIT = 100 * 1024
JAVASCRIPT_LIMIT = 30 * 1024


def _static_bytes(url: str) -> bytes:
    path = finders.find(url.removeprefix("/static/"))
    assert path, f"{url} is not a static file"
    with open(path, "rb") as handle:
        return handle.read()


def test_lesson_page_critical_path_is_light(client, learner):
    course = make_course(modules=3, lessons=10)
    enrollment_create(user=learner, course=course)
    client.force_login(learner)

    html = client.get(lessons_of(course)[5].url).content
    stylesheets = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    scripts = re.findall(rb'<script[^>]*src="([^"]+)"', html)
    inline_scripts = re.findall(rb"<script(?![^>]*src)[^>]*>(.*?)</script>", html, re.S)

    css = b"".join(_static_bytes(url.decode()) for url in stylesheets)
    javascript = b"".join(_static_bytes(url.decode()) for url in scripts) + b"".join(inline_scripts)
    compressed = len(gzip.compress(html)) + len(gzip.compress(css)) + len(gzip.compress(javascript))

    print(
        f"\nlesson page: {len(gzip.compress(html))} B html, {len(gzip.compress(css))} B css, "
        f"{len(javascript)} B js (gzip total {compressed} B)"
    )
    assert stylesheets, "the page must link its stylesheet"
    assert compressed <= CRITICAL_PATH_LIMIT
    assert len(javascript) <= JAVASCRIPT_LIMIT
