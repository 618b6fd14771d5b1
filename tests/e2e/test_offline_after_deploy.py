"""Issue 17: production names static files after their contents, so a page kept on the
device before a deploy links a stylesheet the new service worker no longer keeps and the
server may no longer have. Offline, such a page must still show styled: the worker gives it
the current stylesheet."""

import time
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import StaticFilesStorage
from playwright.sync_api import expect

import offline.views
from courses.services import enrollment_create
from tests.e2e.offline_helpers import forget_http_cache, sign_in, wait_for_worker, wait_until_kept
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "rahul.iyer@example.org"
STYLED = """() => {
  const header = document.querySelector(".site-header");
  return header && getComputedStyle(header).backgroundColor !== "rgba(0, 0, 0, 0)";
}"""


def wait_for_shell(page, version: str, *, instead_of: str, seconds: float = 20) -> None:
    """The new worker has the new shell and has deleted the old one."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        names = page.evaluate("async () => await caches.keys()")
        if f"waypoint-shell-{version}" in names and f"waypoint-shell-{instead_of}" not in names:
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"the new worker did not take over: {names}")


@pytest.fixture
def deploy(settings, monkeypatch, tmp_path):
    """``deploy(stamp)`` serves the stylesheet under a name carrying ``stamp``, as the
    production storage names it after its contents, and removes the last one's file."""
    served = tmp_path / "deployed"
    (served / "css").mkdir(parents=True)
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, served]
    source = Path(finders.find("css/waypoint.css")).read_bytes()
    current = {"name": "css/waypoint.css", "version": ""}
    original_url = StaticFilesStorage.url

    def url(storage, name):
        return original_url(storage, current["name"] if name == "css/waypoint.css" else name)

    monkeypatch.setattr(StaticFilesStorage, "url", url)
    monkeypatch.setattr(offline.views, "current_shell_version", lambda: current["version"])

    def _deploy(stamp: str) -> str:
        for old in (served / "css").glob("*.css"):
            old.unlink()
        current["name"] = f"css/waypoint.{stamp}.css"
        current["version"] = stamp
        (served / current["name"]).write_bytes(source + f"\n/* {stamp} */\n".encode())
        return "/static/" + current["name"]

    return _deploy


def test_a_page_kept_before_a_deploy_is_styled_offline(live_server, page, step, deploy):
    course = make_course(modules=1, lessons=2, title="Migration data basics")
    first, second = lessons_of(course)
    learner = UserFactory(email=EMAIL, roles=["Learners"])
    enrollment_create(user=learner, course=course)
    before = deploy("a1b2c3d4e5f6")

    with step("kept-before"):
        sign_in(page, live_server.url, EMAIL)
        page.goto(live_server.url + first.url)
        wait_for_worker(page)
        wait_until_kept(page, first.url)
        assert page.locator('link[rel="stylesheet"]').get_attribute("href") == before

    with step("deploy"):
        after = deploy("0f9e8d7c6b5a")
        page.goto(live_server.url + second.url)
        expect(page.locator('link[rel="stylesheet"]')).to_have_attribute("href", after)
        # The browser checks /sw.js on navigation; asking makes it prompt.
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        wait_for_shell(page, "0f9e8d7c6b5a", instead_of="a1b2c3d4e5f6")

    with step("offline"):
        forget_http_cache(page)  # the old stylesheet can only come from the worker now
        page.context.set_offline(True)
        page.goto(live_server.url + first.url)
        expect(page.get_by_text(f"The body of {first.title}")).to_be_visible()
        assert page.locator('link[rel="stylesheet"]').get_attribute("href") == before
        page.wait_for_function(STYLED)
