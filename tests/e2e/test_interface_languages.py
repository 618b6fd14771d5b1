"""A learner who prefers French or Arabic gets the learner's pages in that language, in the
right direction, with nothing of the interface left in English, and axe-core finds no
serious or critical violation there either (issue 15). The course itself is written in
English here: its text is content, not interface, and keeps its own language."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from tests.e2e.test_accessibility import (  # noqa: F401  (axe_page is a fixture)
    LEARNER,
    _blocking_violations,
    _describe,
    _sign_in,
    _world,
    axe_page,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Interface words a learner meets on these pages: header, footer, buttons, headings
# ("Modules" is French too, so it is not among them).
ENGLISH_INTERFACE = {
    "Courses", "My learning", "Profile", "Sign out", "Language", "Change", "Search",
    "What you will learn", "Requirements", "Final assessment", "Continue",
    "Mark as done", "Done", "Next", "Previous", "Certificates", "In progress", "Completed",
    "Make this course available offline", "Apply", "Topic", "Level", "All topics",
}  # fmt: skip
# The interface's own elements (course text is in [dir=auto] blocks and links to it).
INTERFACE = "header a, header button, footer, main button, main label, main h2, nav a"


def _interface_texts(page: Page) -> set[str]:
    texts = page.eval_on_selector_all(
        INTERFACE, "els => els.map(e => e.innerText.trim()).filter(Boolean)"
    )
    return {line.strip() for text in texts for line in text.splitlines() if line.strip()}


@pytest.mark.parametrize(("language", "direction"), [("fr", "ltr"), ("ar", "rtl")])
def test_the_learner_s_pages_are_wholly_in_their_language(
    axe_page: Page,  # noqa: F811  (the fixture imported above)
    live_server,
    language,
    direction,
):
    world = _world()
    User.objects.filter(email=LEARNER).update(preferred_language=language)
    _sign_in(axe_page, live_server.url, LEARNER)

    pages = {
        "my learning": "/learning/",
        "catalogue": "/courses/",
        "course": world.course_url,
        "lesson": world.lesson_url,
        "profile": "/accounts/profile/",
    }
    for name, path in pages.items():
        response = axe_page.goto(live_server.url + path)
        assert response is not None and response.status == 200, name
        html = axe_page.locator("html")
        expect(html).to_have_attribute("lang", language)
        expect(html).to_have_attribute("dir", direction)
        left_in_english = _interface_texts(axe_page) & ENGLISH_INTERFACE
        assert not left_in_english, f"{name} in {language}: {sorted(left_in_english)}"
        violations = _blocking_violations(axe_page)
        assert not violations, f"{name} in {language}:\n{_describe(violations)}"
        if language == "ar":
            header = axe_page.locator("header.site-header").inner_text()
            assert re.search(r"[\u0600-\u06FF]", header)
