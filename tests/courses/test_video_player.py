"""The learner's player of an uploaded video: nothing but the poster before play, the copy
Save-Data asks for, captions, a transcript; and the files only for those who may read the
lesson (the rule of lesson documents)."""

import re

import pytest
from django.test import Client

from courses.services import enrollment_create
from courses.tasks import make_video_renditions
from tests.factories.videos import add_captions, lesson_with_video, make_video

pytestmark = pytest.mark.django_db


@pytest.fixture
def video():
    video = make_video(transcript="The officer opens the passport at the photo page.")
    add_captions(video, "fr")
    add_captions(video, "ar")
    make_video_renditions.delay(video.pk)
    video.refresh_from_db()
    return video


@pytest.fixture
def lesson_page(video):
    return lesson_with_video(video)


@pytest.fixture
def learner_client(client, learner, lesson_page):
    course, _ = lesson_page
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    return client


def _video_tag(html: str) -> str:
    match = re.search(r"<video\b[^>]*>", html)
    assert match, "the lesson shows a player"
    return match.group(0)


def test_only_the_poster_loads_before_play(learner_client, lesson_page, video):
    html = learner_client.get(lesson_page[1].url).content.decode()
    tag = _video_tag(html)

    assert 'preload="none"' in tag
    assert f'poster="/learning/videos/{video.pk}/poster/?v=' in tag
    assert "<source" not in html, "one src, so the browser fetches nothing it will not play"
    assert "autoplay" not in tag


def test_the_player_starts_with_360p_and_offers_every_copy(learner_client, lesson_page, video):
    html = learner_client.get(lesson_page[1].url).content.decode()

    assert f'src="/learning/videos/{video.pk}/360p/?v=' in _video_tag(html)
    for label in ("240p", "360p", "Audio only", "Original"):
        assert f">{label}" in html
    assert html.count('aria-pressed="true"') == 1


def test_save_data_starts_with_the_smallest_copy(learner_client, lesson_page, video):
    html = learner_client.get(lesson_page[1].url, HTTP_SAVE_DATA="on").content.decode()

    assert f'src="/learning/videos/{video.pk}/240p/?v=' in _video_tag(html)


def test_captions_and_transcript(learner_client, lesson_page, video):
    html = learner_client.get(lesson_page[1].url).content.decode()

    track_tag = (
        f'<track kind="captions" srclang="fr" label="French" src="/learning/videos/{video.pk}'
    )
    assert track_tag in html
    assert 'srclang="ar"' in html
    assert "The officer opens the passport at the photo page." in html

    track = re.search(r'src="(/learning/videos/\d+/captions/fr\.vtt[^"]*)"', html).group(1)
    response = learner_client.get(track)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vtt")
    assert b"Present your passport" in b"".join(response.streaming_content)


def test_enrolled_learner_streams_a_copy_in_byte_ranges(learner_client, video):
    url = f"/learning/videos/{video.pk}/240p/"
    size = video.renditions.get(kind="240p").size_bytes

    whole = learner_client.get(url)
    part = learner_client.get(url, HTTP_RANGE="bytes=0-1023")
    tail = learner_client.get(url, HTTP_RANGE="bytes=-100")
    outside = learner_client.get(url, HTTP_RANGE=f"bytes={size + 10}-")

    assert whole.status_code == 200 and whole["Content-Type"] == "video/mp4"
    assert whole["Accept-Ranges"] == "bytes"
    assert int(whole["Content-Length"]) == size
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 0-1023/{size}"
    assert len(b"".join(part.streaming_content)) == 1024
    assert tail["Content-Range"] == f"bytes {size - 100}-{size - 1}/{size}"
    assert outside.status_code == 416
    assert "private" in whole["Cache-Control"]


def test_a_learner_not_enrolled_is_refused_every_file(other_learner, lesson_page, video):
    client = Client()
    client.force_login(other_learner)

    for url in (
        f"/learning/videos/{video.pk}/240p/",
        f"/learning/videos/{video.pk}/original/",
        f"/learning/videos/{video.pk}/poster/",
        f"/learning/videos/{video.pk}/captions/fr.vtt",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"This video is course material" in response.content


def test_anonymous_visitors_are_sent_to_sign_in(lesson_page, video):
    response = Client().get(f"/learning/videos/{video.pk}/360p/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_video_no_lesson_shows_is_for_trainers_only(client, learner, trainer):
    video = make_video(title="Not yet in a lesson")
    make_video_renditions.delay(video.pk)
    url = f"/learning/videos/{video.pk}/original/"

    client.force_login(learner)
    assert client.get(url).status_code == 403
    client.force_login(trainer)
    assert client.get(url).status_code == 200


def test_unknown_copy_or_video_is_not_found(learner_client, video):
    assert learner_client.get(f"/learning/videos/{video.pk}/1080p/").status_code == 404
    assert learner_client.get("/learning/videos/999999/240p/").status_code == 404
    assert learner_client.get(f"/learning/videos/{video.pk}/captions/es.vtt").status_code == 404


def test_a_renamed_video_shows_its_new_title_in_the_lesson(learner_client, lesson_page, video):
    learner_client.get(lesson_page[1].url)  # the lesson body is in the shared cache now

    video.title = "Checking a travel document"
    video.save()

    assert "Checking a travel document" in learner_client.get(lesson_page[1].url).content.decode()
