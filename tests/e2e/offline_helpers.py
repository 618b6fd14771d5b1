"""Steps the offline journeys share: sign in, wait for the service worker, look into the
device's caches."""

import time

from playwright.sync_api import Page, expect

PASSWORD = "correct-horse-battery"  # tests.factories.accounts.UserFactory's


def sign_in(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def wait_for_worker(page: Page) -> None:
    """The service worker is in charge of this page (it claims the pages when it starts)."""
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")


def kept_paths(page: Page) -> list[str]:
    """The paths of the pages and images kept for whoever is signed in on the device."""
    return page.evaluate(
        """async () => {
          const out = [];
          for (const name of await caches.keys()) {
            if (!name.startsWith("waypoint-pages-")) continue;
            const cache = await caches.open(name);
            for (const request of await cache.keys()) out.push(new URL(request.url).pathname);
          }
          return out;
        }"""
    )


def wait_until_kept(page: Page, path: str, seconds: float = 10) -> None:
    """Polled from here: ``page.wait_for_function`` takes an async function's promise for
    a true value and returns at once."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(
        """async (path) => {
          for (const name of await caches.keys()) {
            if (!name.startsWith("waypoint-pages-")) continue;
            if (await (await caches.open(name)).match(path, { ignoreVary: true })) return true;
          }
          return false;
        }""",
        path,
    ):
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} was not kept on the device: {kept_paths(page)}")
        page.wait_for_timeout(200)


def forget_http_cache(page: Page) -> None:
    """Empty the browser's own HTTP cache, as a phone short of space does, so that what
    opens offline afterwards can only come from the service worker's caches."""
    session = page.context.new_cdp_session(page)
    session.send("Network.clearBrowserCache")
    session.detach()
