"""Issue 17: a course made available offline carries its pictures (also those in rich
text), its documents and its uploaded videos, which open and play without a connection;
the size said before downloading is the size stored; videos may be left out; removing the
copy and signing out free the device."""

import re

import pytest
from playwright.sync_api import expect

from courses.services import enrollment_create
from courses.tasks import make_video_renditions
from tests.e2e.conftest import SCREENSHOT_DIR
from tests.e2e.offline_helpers import forget_http_cache, kept_paths, sign_in, wait_for_worker
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course, make_lesson
from tests.factories.videos import add_captions, make_video
from tests.offline.test_course_media_bundle import HANDOUT, _document, _image

# Once the size is known, one button says it: "Download (82 kB)".
DOWNLOAD = re.compile(r"^Download \(\d[\d.,]* [kM]B\)$")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "amina.diallo@example.org"
TITLE = "Interviewing travellers"


@pytest.fixture(autouse=True)
def _public_images(settings):
    settings.ROOT_URLCONF = "tests.e2e.media_urls"


def _course():
    image, document = _image("entry-stamp.png"), _document("checklist.txt")
    video = make_video(title="A first-line interview", transcript="The officer greets.")
    add_captions(video, "en")
    make_video_renditions.delay(video.pk)
    course = make_course(modules=1, lessons=1, title=TITLE)
    module = course.get_children().first().specific
    lesson = make_lesson(
        module,
        title="Asking the purpose of the journey",
        body=[
            (
                "rich_text",
                f'<p>An entry stamp:</p><embed alt="An entry stamp" embedtype="image"'
                f' format="fullwidth" id="{image.pk}"/>'
                f'<p>Read <a linktype="document" id="{document.pk}">the checklist</a>.</p>',
            ),
            ("document", {"document": document, "description": "Questions to ask"}),
            ("uploaded_video", {"video": video}),
        ],
    )
    learner = UserFactory(email=EMAIL, roles=["Learners"])
    enrollment_create(user=learner, course=course)
    return course, lesson, video, image.get_rendition("width-800")


def _offer(page, base_url, course):
    sign_in(page, base_url, EMAIL)
    page.goto(base_url + course.url)
    wait_for_worker(page)
    page.get_by_role("button", name="Make this course available offline").click()
    expect(page.get_by_text("takes about")).to_be_visible()


def _stated_and_stored(page, course) -> tuple[int, int, int]:
    """The total the box stated for the choice made, what the device says it stored, and
    the bytes the cache really holds for those addresses."""
    return page.evaluate(
        """async (id) => {
          const record = Object.values(JSON.parse(localStorage.getItem(
            Object.keys(localStorage).find((k) => k.startsWith("waypoint-courses-")))))[0];
          const bundle = await (await fetch(`/learning/courses/${id}/offline/`)).json();
          const stated = bundle.items.filter((i) => i.kind !== "video"
            || (record.videos && (!i.quality || i.quality === record.videos)))
            .reduce((sum, i) => sum + i.bytes, 0);
          let held = 0;
          for (const name of await caches.keys()) {
            if (!name.startsWith("waypoint-pages-")) continue;
            const cache = await caches.open(name);
            for (const url of record.urls) {
              const found = await cache.match(url, { ignoreVary: true });
              if (found) held += (await found.blob()).size;
            }
          }
          return [stated, record.bytes, held];
        }""",
        course.id,
    )


def test_a_course_kept_offline_shows_its_picture_document_and_video_without_a_connection(
    live_server, page, step
):
    course, lesson, video, picture = _course()
    small = f"/learning/videos/{video.pk}/240p/"

    with step("size-first"):
        _offer(page, live_server.url, course)
        include = page.get_by_role("checkbox", name="Include videos")
        expect(include).to_be_checked()
        expect(page.get_by_role("radio", name="240p")).to_be_checked()
        expect(page.get_by_role("radio", name="Audio only")).not_to_be_checked()
        page.screenshot(path=str(SCREENSHOT_DIR / "offline-media-size.png"), full_page=True)

    with step("download"):
        page.get_by_role("button", name=DOWNLOAD).click()
        expect(page.get_by_text("Available offline:")).to_be_visible()
        kept = kept_paths(page)
        for path in (lesson.url, picture.url, small, f"/learning/videos/{video.pk}/poster/"):
            assert path in kept, path
        assert f"/learning/videos/{video.pk}/captions/en.vtt" in kept
        assert any(path.startswith("/documents/") for path in kept)
        assert f"/learning/videos/{video.pk}/audio/" not in kept
        assert f"/learning/videos/{video.pk}/360p/" not in kept
        stated, stored, held = _stated_and_stored(page, course)
        assert stored == held
        assert abs(stated - stored) <= 0.05 * stored, (stated, stored)

    with step("offline"):
        forget_http_cache(page)
        page.context.set_offline(True)
        page.goto(live_server.url + lesson.url)
        image = page.locator("img.richtext-image")
        expect(image).to_have_attribute("src", picture.url)
        page.wait_for_function("() => document.querySelector('img.richtext-image').naturalWidth")
        # The player takes the copy kept on the device, and plays it, seeking too (ranges).
        kept_copy = page.locator(f'[data-video-source^="{small}"]')
        expect(kept_copy).to_have_attribute("aria-pressed", "true")
        player = page.locator("video")
        player.evaluate("v => { v.muted = true; return v.play(); }")
        page.wait_for_function("() => document.querySelector('video').currentTime > 0.5")
        player.evaluate("v => { v.pause(); v.currentTime = 2.2; }")
        page.wait_for_function(
            "() => { const v = document.querySelector('video');"
            " return !v.seeking && v.currentTime >= 2.2 && v.readyState >= 2; }"
        )
        track = page.locator("video track")
        page.wait_for_function("() => document.querySelector('video track').readyState === 2")
        assert track.count() == 1
        page.screenshot(path=str(SCREENSHOT_DIR / "offline-media-lesson.png"), full_page=True)
        with page.expect_download() as download:
            page.get_by_role("link", name="checklist.txt").click()
        with open(download.value.path(), "rb") as handle:
            assert handle.read() == HANDOUT

    with step("sign-out"):
        page.context.set_offline(False)
        page.goto(live_server.url + course.url)
        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
        wait_for_worker(page)
        assert kept_paths(page) == []


def test_a_course_kept_without_videos_holds_none_and_removing_it_frees_the_device(
    live_server, page, step
):
    course, lesson, video, picture = _course()

    with step("without-videos"):
        _offer(page, live_server.url, course)
        with_videos = page.get_by_text("takes about").text_content()
        label_with_videos = page.get_by_role("button", name=DOWNLOAD).text_content()
        expect(page.get_by_role("button", name="Make this course available offline")).to_be_hidden()
        page.get_by_role("checkbox", name="Include videos").uncheck()
        expect(page.get_by_role("radio", name="240p")).to_be_disabled()
        assert page.get_by_text("takes about").text_content() != with_videos
        without = page.get_by_role("button", name=DOWNLOAD).text_content()
        said = page.get_by_text("takes about").text_content()
        assert without != label_with_videos
        assert without == f"Download ({re.search(r'takes about (.+) on this', said).group(1)})"
        page.get_by_role("button", name=DOWNLOAD).click()
        expect(page.get_by_text("Available offline:")).to_be_visible()
        kept = kept_paths(page)
        assert lesson.url in kept and picture.url in kept
        assert not [path for path in kept if path.startswith("/learning/videos/")]
        stated, stored, _ = _stated_and_stored(page, course)
        assert abs(stated - stored) <= 0.05 * stored, (stated, stored)

    with step("sound-only-update"):
        page.reload()
        page.get_by_role("button", name="Update the offline copy").click()
        expect(page.get_by_role("checkbox", name="Include videos")).not_to_be_checked()
        page.get_by_role("checkbox", name="Include videos").check()
        page.get_by_role("radio", name="Audio only").check()
        page.get_by_role("button", name=DOWNLOAD).click()
        expect(page.get_by_text("Available offline:")).to_be_visible()
        videos = [path for path in kept_paths(page) if path.startswith("/learning/videos/")]
        assert f"/learning/videos/{video.pk}/audio/" in videos
        assert f"/learning/videos/{video.pk}/240p/" not in videos

    with step("sound-only-offline"):
        forget_http_cache(page)
        page.context.set_offline(True)
        page.goto(live_server.url + lesson.url)
        sound = page.locator(f'[data-video-source^="/learning/videos/{video.pk}/audio/"]')
        expect(sound).to_have_attribute("aria-pressed", "true")
        page.locator("video").evaluate("v => { v.muted = true; return v.play(); }")
        page.wait_for_function("() => document.querySelector('video').currentTime > 0.5")
        page.context.set_offline(False)
        page.goto(live_server.url + course.url)

    with step("remove"):
        page.get_by_role("button", name="Remove the offline copy").click()
        expect(page.get_by_text("The offline copy has been removed")).to_be_visible()
        left = kept_paths(page)
        files = ("/learning/videos/", "/documents/", "/media/")
        assert not [path for path in left if path.startswith(files)]
        assert lesson.url not in left
