"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's sync API runs an asyncio loop in the test thread, and the test thread also
uses the ORM (factories, ``mailoutbox``), so Django's async-safety check must be off here.
"""

import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "var" / "e2e"
E2E_DIR = Path(__file__).resolve().parent
# Long enough for a cold live server on a busy machine (make test runs two processes on
# two cores), short enough that a broken journey fails quickly. For actions and for
# expect() alike.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(items):
    for item in items:
        if E2E_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def browser():
    """Playwright and Chromium for one test.

    Not session-scoped on purpose: while Playwright's sync API is alive, its asyncio loop
    counts as running in the main thread, and Django then keys database connections by
    context instead of by thread. The test body gets a second connection object, and
    serialized rollback, which pytest-django's database fixture runs before this fixture
    and after its teardown, stays on the first. Launching Chromium costs about two seconds.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser journeys need Debian's Chromium. "
            "Install it with: scripts/ensure-system-deps",
            pytrace=False,
        )
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # The connections the test body opened under Playwright's loop (see above);
        # PostgreSQL would refuse to drop the test database while they are open.
        connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def step(page, request):
    """``with step("sign up"): ...`` names a part of a journey; when it fails, a screenshot
    of the page as the user saw it is saved to ``var/e2e/<test>-<step>.png``."""

    @contextmanager
    def _step(name: str):
        try:
            yield
        except BaseException:
            _screenshot(page, f"{request.node.name}-{name}")
            raise

    return _step


def _screenshot(page, stem: str) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / (re.sub(r"[^\w.-]+", "-", stem).strip("-") + ".png")
    try:
        page.screenshot(path=str(path), full_page=True)
    except Exception as error:  # the page may be gone; the test's own error matters more
        print(f"Could not save a screenshot to {path}: {error}")
    else:
        print(f"Screenshot of the failed step: {path}")


@pytest.fixture
def new_page(browser):
    """``new_page()`` opens another person's browser next to ``page``: a context of its own
    (its own cookies), with the same locale, viewport and timeout. ``new_page.opened`` lists
    the pages, so that a journey's steps can screenshot each of them when one fails."""
    opened = []

    def _new_page():
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        opened.append(context.new_page())
        return opened[-1]

    _new_page.opened = opened
    yield _new_page
    for each in opened:
        each.context.close()
