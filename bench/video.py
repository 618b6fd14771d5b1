"""Issue 17: what a lesson with a video costs a learner on a weak link before they press
play, served by the bench's gunicorn: the HTML (gzipped, as the proxy in front would), and
what a browser fetches for it before play: stylesheets and scripts as WhiteNoise serves them
to a browser that accepts Brotli, images, the video's poster. A ``<video preload="none">``
fetches nothing but its poster (tests/e2e/test_lesson_media.py checks that in Chromium), and
the YouTube player is framed only on a click, so neither is counted; nothing third-party is.
Also the same learner's second visit, answered "304 Not Modified"."""

import gzip
import re
import urllib.error
import urllib.request

from bench import stack
from bench.data import sign_in
from bench.results import Result
from bench.web import fetch

P5_LIMIT = 100 * 1024
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
SUBRESOURCES = [
    rb'<link rel="stylesheet" href="([^"]+)"',
    rb'<script[^>]*src="([^"]+)"',
    rb'<img[^>]*\ssrc="([^"]+)"',
    rb'<video[^>]*\sposter="([^"]+)"',
    rb'<iframe[^>]*\ssrc="([^"]+)"',
]


def _lessons() -> tuple[str, str, list[str]]:
    from django.db import transaction

    from courses.services import enrollment_create
    from courses.services.videos import video_renditions_make
    from tests.factories.accounts import UserFactory
    from tests.factories.courses import make_lesson
    from tests.factories.videos import lesson_with_video, make_video

    with transaction.atomic():
        video = make_video(title="Bench: checking a passport")
    video_renditions_make(video_id=video.pk)
    course, uploaded = lesson_with_video(video)
    module = uploaded.get_parent()
    body = [
        {"type": "rich_text", "value": "<p>Watch how the officer checks the document.</p>"},
        {"type": "video", "value": {"video": YOUTUBE, "transcript": ""}},
    ]
    youtube = make_lesson(module, title="Bench: the same on YouTube", body=body)
    learner = UserFactory(email="bench-video@load.example.org", roles=["Learners"])
    enrollment_create(user=learner, course=course)
    return uploaded.url, youtube.url, sign_in([learner])[0]


def _before_play(path: str, cookie: str, save_data: bool = False) -> tuple[dict, str]:
    headers = {"Cookie": cookie, "X-Forwarded-Proto": "https", "Accept-Encoding": "identity"}
    if save_data:
        headers["Save-Data"] = "on"
    request = urllib.request.Request(stack.BASE_URL + path, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        html, etag = response.read(), response.headers.get("ETag", "")
    sizes = {"HTML": len(gzip.compress(html))}
    for pattern in SUBRESOURCES:
        for url in re.findall(pattern, html):
            url = url.decode().replace("&amp;", "&")
            if url.startswith("http"):
                sizes["third-party"] = sizes.get("third-party", 0) + 1  # must stay absent
                continue
            status, _, body = fetch(url, cookie, encoding="br, gzip")
            if status != 200:
                raise RuntimeError(f"{url} answered {status}")
            kind = url.rsplit(".", 1)[-1].split("?")[0] if url.startswith("/static/") else "poster"
            sizes[kind] = sizes.get(kind, 0) + len(body)
    return sizes, etag


def _not_modified(path: str, cookie: str, etag: str) -> tuple[int, int]:
    headers = {"Cookie": cookie, "X-Forwarded-Proto": "https", "If-None-Match": etag}
    request = urllib.request.Request(stack.BASE_URL + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, len(error.read())


def _result(name: str, sizes: dict) -> Result:
    total = sum(value for key, value in sizes.items() if key != "third-party")
    parts = ", ".join(f"{key} {value / 1024:.1f} KB" for key, value in sizes.items())
    return Result(
        target="issue 17",
        name=name,
        value=f"{total / 1024:.1f} KB ({parts})",
        goal="≤ 100 KB (P5), no video and no third-party byte",
        met=total <= P5_LIMIT and "third-party" not in sizes,
        ratio=f"{total / P5_LIMIT:.2f} of P5",
    )


def video_weight() -> list[Result]:
    from courses.models import VideoRendition

    uploaded, youtube, cookie = _lessons()
    for path in (uploaded, youtube):  # the route and body caches warm, the CSRF cookie set
        fetch(path, cookie)
    uploaded_sizes, etag = _before_play(uploaded, cookie)
    saver_sizes, _ = _before_play(uploaded, cookie, save_data=True)
    youtube_sizes, _ = _before_play(youtube, cookie)
    status, body = _not_modified(uploaded, cookie, etag)
    renditions = {
        r.kind: r.size_bytes / r.video.duration_seconds * 60 / 1024 / 1024
        for r in VideoRendition.objects.select_related("video").exclude(kind="poster")
    }
    return [
        _result("Lesson with an uploaded video, before play", uploaded_sizes),
        _result("The same with Save-Data: on", saver_sizes),
        _result("Lesson with a YouTube video, before play (player not loaded)", youtube_sizes),
        Result(
            target="issue 17",
            name="The same learner's second visit to the lesson (If-None-Match)",
            value=f"{status}, {body} B of body",
            goal="304, no body",
            met=status == 304 and body == 0,
        ),
        Result(
            target="issue 17",
            name="Uploaded video after play: MB per minute of each copy (3 s test card)",
            value=", ".join(f"{kind} {mb:.2f}" for kind, mb in sorted(renditions.items())),
            goal="240p ≈ 1.5, 360p ≈ 3.7, audio ≈ 0.4 (200, 500, 48 kbit/s)",
            met=None,
        ),
    ]
