"""Lesson media on a weak link, in the browser: the YouTube player arrives only when play
is pressed, an uploaded video fetches nothing but its poster before play, and the data saver
shows pictures only when tapped (phone, English and Arabic)."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from accounts.services.users import user_update_profile
from courses.services import enrollment_create
from courses.tasks import make_video_renditions
from tests.e2e.conftest import SCREENSHOT_DIR, TIMEOUT_MS
from tests.e2e.test_accessibility import AXE, _blocking_violations, _describe
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course, make_lesson
from tests.factories.videos import make_video

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
PHONE = {"width": 390, "height": 844}


def _lesson(body: list) -> tuple:
    course = make_course(modules=1, lessons=0, title="Document examination on the move")
    module = course.get_children().specific().first()
    return course, make_lesson(module, title="Reading a passport", body=body)


def _signed_in_page(browser, live_server, user, *, language="en", viewport=None, **options):
    """A browser context carrying the person's session, as after signing in."""
    client = Client()
    client.force_login(user)
    host = urlsplit(live_server.url).hostname
    context = browser.new_context(
        locale="en-GB", viewport=viewport or {"width": 1280, "height": 900}, **options
    )
    context.set_default_timeout(TIMEOUT_MS)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookies = {settings.SESSION_COOKIE_NAME: session, settings.LANGUAGE_COOKIE_NAME: language}
    context.add_cookies(
        [
            {"name": name, "value": value, "domain": host, "path": "/"}
            for name, value in cookies.items()
        ]
    )
    return context.new_page()


def _serve_public_media(page):
    """The live server (DEBUG off) does not serve images; nginx does in production."""

    def fulfil(route):
        path = Path(settings.MEDIA_ROOT) / urlsplit(route.request.url).path.removeprefix("/media/")
        route.fulfill(path=str(path)) if path.is_file() else route.fulfill(status=404)

    page.route("**/media/**", fulfil)


def _screenshot(page, name: str) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"lesson-media-{name}.png"), full_page=True)


def test_youtube_player_loads_only_when_play_is_pressed(browser, live_server, step):
    course, lesson = _lesson(
        [{"type": "video", "value": {"video": YOUTUBE, "transcript": "<p>The officer.</p>"}}]
    )
    learner = UserFactory(email="yusuf@example.org", roles=["Learners"])
    enrollment_create(user=learner, course=course)
    page = _signed_in_page(browser, live_server, learner)
    third_party = []
    page.route(
        re.compile(r"^https://[^/]*(youtube|ytimg|vimeo|google)"),
        lambda route: (
            third_party.append(route.request.url),
            route.fulfill(status=200, content_type="text/html", body="<p>stub player</p>"),
        ),
    )

    with step("open the lesson"):
        page.goto(live_server.url + lesson.url)
        play = page.get_by_role("button", name="Play the video (loads the YouTube player)")
        expect(play).to_be_visible()
        assert page.locator("iframe").count() == 0
        assert third_party == []
        _screenshot(page, "youtube-before")

    with step("press play"):
        play.click()
        frame = page.locator("iframe")
        expect(frame).to_have_attribute(
            "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
        )
        expect(frame).to_have_attribute("title", "Video player (YouTube)")
        page.wait_for_timeout(300)
        assert third_party == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"]
    page.context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_uploaded_video_fetches_only_its_poster_before_play(browser, live_server, step, language):
    video = make_video(transcript="The officer opens the passport.")
    make_video_renditions.delay(video.pk)
    course, lesson = _lesson([{"type": "uploaded_video", "value": {"video": video.pk}}])
    learner = UserFactory(email=f"lina-{language}@example.org", roles=["Learners"])
    enrollment_create(user=learner, course=course)
    page = _signed_in_page(browser, live_server, learner, language=language, viewport=PHONE)
    asked = []
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))

    with step("open the lesson"):
        page.goto(live_server.url + lesson.url)
        player = page.locator("video")
        expect(player).to_have_attribute("preload", "none")
        page.wait_for_load_state("networkidle")
        _screenshot(page, f"uploaded-video-phone-{language}")

    video_paths = [path for path in asked if path.startswith("/learning/videos/")]
    assert video_paths == [f"/learning/videos/{video.pk}/poster/"]
    assert player.evaluate("video => video.networkState") != 2  # NETWORK_LOADING

    with step("choose audio only"):
        audio_only = page.locator(f'[data-video-source^="/learning/videos/{video.pk}/audio/"]')
        expect(audio_only).to_contain_text("Audio only" if language == "en" else "صوت فقط")
        audio_only.click()
        expect(audio_only).to_have_attribute("aria-pressed", "true")
        assert f"/learning/videos/{video.pk}/audio/" in player.evaluate("video => video.src")
    page.context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_data_saver_shows_pictures_only_when_tapped(browser, live_server, step, language):
    image = get_image_model().objects.create(title="Border post", file=get_test_image_file())
    alt = "A border post at dawn" if language == "en" else "مركز حدودي عند الفجر"
    course, lesson = _lesson(
        [{"type": "image", "value": {"image": image.pk, "alt_text": alt, "caption": ""}}]
    )
    learner = UserFactory(email=f"saver-{language}@example.org", roles=["Learners"])
    enrollment_create(user=learner, course=course)
    user_update_profile(user=learner, images_on_tap=True)
    page = _signed_in_page(browser, live_server, learner, language=language, viewport=PHONE)
    _serve_public_media(page)
    images_asked = []
    page.on(
        "request",
        lambda request: "/media/images/" in request.url and images_asked.append(request.url),
    )

    with step("open the lesson"):
        page.goto(live_server.url + lesson.url)
        expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        tap = page.locator("[data-tap-image]")
        expect(tap).to_be_visible()
        expect(tap).to_contain_text(alt)
        assert page.locator(".prose img").count() == 0
        page.wait_for_load_state("networkidle")
        assert images_asked == []
        _screenshot(page, f"images-on-tap-{language}-before")

    with step("tap the picture"):
        tap.click()
        picture = page.locator(".prose img")
        expect(picture).to_have_attribute("alt", alt)
        page.wait_for_function("() => document.querySelector('.prose img').naturalWidth > 0")
        assert len(images_asked) == 1
        _screenshot(page, f"images-on-tap-{language}-after")
    page.context.close()


def test_lesson_media_have_no_serious_accessibility_violations(browser, live_server):
    """The play button, the player with its quality buttons, and a picture held back by the
    data saver, checked by axe-core (which needs the policy bypassed to be injected)."""
    assert AXE.exists(), "axe-core is missing: npm ci"
    image = get_image_model().objects.create(title="Border post", file=get_test_image_file())
    video = make_video(transcript="The officer opens the passport.")
    make_video_renditions.delay(video.pk)
    course, lesson = _lesson(
        [
            {"type": "video", "value": {"video": YOUTUBE, "transcript": ""}},
            {"type": "uploaded_video", "value": {"video": video.pk}},
            {"type": "image", "value": {"image": image.pk, "alt_text": "A border post"}},
        ]
    )
    learner = UserFactory(email="axe-media@example.org", roles=["Learners"])
    enrollment_create(user=learner, course=course)
    user_update_profile(user=learner, images_on_tap=True)
    page = _signed_in_page(browser, live_server, learner, bypass_csp=True)

    page.goto(live_server.url + lesson.url)
    expect(page.locator("[data-tap-image]")).to_be_visible()
    violations = _blocking_violations(page, ".lesson")

    assert not violations, _describe(violations)
    page.context.close()
