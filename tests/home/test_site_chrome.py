"""The language switcher's options are rendered once per language and process (issue 19,
P1): each language still gets its own list, with itself selected."""

import re

import pytest

from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db


def _selected(html: str) -> list[str]:
    return re.findall(r'<option value="(\w+)" lang="\w+" selected>', html)


def test_each_language_selects_itself_in_the_switcher(client):
    course = make_course(modules=1, lessons=1)
    pages = {}
    for language in ("en", "ar", "fr", "en"):
        response = client.get(course.url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        pages[language] = response.content.decode()
        assert _selected(pages[language]) == [language]

    assert ">English</option>" in pages["ar"] and ">français</option>" in pages["ar"]
    assert pages["ar"].count("<option value=") == pages["en"].count("<option value=") == 4
