"""P6: a lesson's text on a weak link, cold (nothing on the device) and warm (the service
worker in charge and the lesson kept), in Chromium with the network emulated through the
DevTools protocol: 400 ms latency, 400 kbit/s down and up (50,000 bytes/s).

"Readable" is the moment the lesson's text is visible (``.prose``: the stylesheet applied,
as it blocks rendering), from the start of the navigation. The service worker's own fetches
are emulated too where Chromium applies the page's conditions to them; the warm figure says
where the page came from.
"""

import json
import time
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from bench.results import Result

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
WEAK_LINK = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}
COLD_GOAL_S, WARM_GOAL_S = 5.0, 1.0


def emulate_weak_link(page) -> None:
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", WEAK_LINK)


def emulate_weak_link_in_service_workers(browser) -> int:
    """The page's conditions do not reach the service worker's own fetches in Chromium, so
    each service worker target gets them too (through the browser's protocol session: the
    Playwright API opens sessions on pages and frames only). Returns how many it reached."""
    session = browser.new_browser_cdp_session()
    reached = 0
    for target in session.send("Target.getTargets")["targetInfos"]:
        if target["type"] != "service_worker":
            continue
        attached = session.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": False}
        )
        for number, (method, params) in enumerate(
            [("Network.enable", {}), ("Network.emulateNetworkConditions", WEAK_LINK)], 1
        ):
            message = json.dumps({"id": number, "method": method, "params": params})
            session.send(
                "Target.sendMessageToTarget",
                {"sessionId": attached["sessionId"], "message": message},
            )
        reached += 1
    return reached


# The lesson's text laid out with the site's stylesheet applied (it blocks rendering): the
# header has the stylesheet's colour, not the browser's transparent default.
READABLE = """() => {
  const text = document.querySelector(".prose"), header = document.querySelector(".site-header");
  return Boolean(text && text.offsetHeight > 0 && header
    && getComputedStyle(header).backgroundColor !== "rgba(0, 0, 0, 0)");
}"""


def _seconds_to_text(page, url: str) -> float:
    started = time.monotonic()
    page.goto(url, wait_until="commit")
    page.wait_for_function(READABLE, timeout=60_000, polling="raf")
    return time.monotonic() - started


def _kept(page, path: str) -> bool:
    return page.evaluate(
        """async (path) => {
          for (const name of await caches.keys()) {
            if (!name.startsWith("waypoint-pages-")) continue;
            if (await (await caches.open(name)).match(path, { ignoreVary: true })) return true;
          }
          return false;
        }""",
        path,
    )


def lesson_on_weak_link(browser, base_url: str, path: str, cookies=(), headers=None) -> dict:
    """Cold, then warm, load times of one lesson in a fresh browser context."""
    context = browser.new_context(extra_http_headers=headers or {})
    context.add_cookies(list(cookies))
    page = context.new_page()
    try:
        emulate_weak_link(page)
        cold = _seconds_to_text(page, base_url + path)
        page.wait_for_function("() => navigator.serviceWorker.controller", timeout=60_000)
        deadline = time.monotonic() + 60
        while not _kept(page, path) and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        workers = emulate_weak_link_in_service_workers(browser)
        warm = _seconds_to_text(page, base_url + path)
        return {"cold": cold, "warm": warm, "kept": _kept(page, path), "workers": workers}
    finally:
        context.close()


def _cookies(header: str, base_url: str) -> list[dict]:
    jar = SimpleCookie()
    jar.load(header)
    host = urlsplit(base_url).hostname
    return [{"name": k, "value": m.value, "domain": host, "path": "/"} for k, m in jar.items()]


def weak_link(fixture: dict | None = None) -> list[Result]:
    from playwright.sync_api import sync_playwright

    from bench import stack
    from bench.web import _fixture

    fixture = fixture or _fixture()
    learner = fixture["learners"][0]
    lesson = learner["lessons"][len(learner["lessons"]) // 2]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            measured = lesson_on_weak_link(
                browser,
                stack.BASE_URL,
                lesson,
                cookies=_cookies(learner["cookie"], stack.BASE_URL),
                headers={"X-Forwarded-Proto": "https"},
            )
        finally:
            browser.close()
    link = "400 ms latency, 400 kbit/s (DevTools protocol emulation)"
    return [
        Result(
            target="P6",
            name=f"lesson text readable, cold cache ({link})",
            value=f"{measured['cold']:.2f} s",
            goal=f"≤ {COLD_GOAL_S:.0f} s",
            met=measured["cold"] <= COLD_GOAL_S,
        ),
        Result(
            target="P6",
            name=f"lesson text readable, warm: service worker and lesson on the device ({link})",
            value=f"{measured['warm']:.2f} s (emulation on {measured['workers']} service worker(s))"
            + ("" if measured["kept"] else " (the lesson was not kept: measured from the network)"),
            goal=f"≤ {WARM_GOAL_S:.0f} s",
            met=measured["warm"] <= WARM_GOAL_S and measured["kept"],
        ),
    ]
