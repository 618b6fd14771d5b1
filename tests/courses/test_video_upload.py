"""A trainer uploads a lesson video in the admin: the file is checked by what it contains
and by size, a bad one is refused with a clear message and nothing saved, a good one gets
its small copies made in the background."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.models import Video
from tests.factories.videos import WEBVTT, sample_video_bytes

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/courses/video/add/"


def _form(file: SimpleUploadedFile, **captions) -> dict:
    data = {
        "title": "Checking a passport",
        "file": file,
        "transcript": "",
        "captions-TOTAL_FORMS": str(len(captions)),
        "captions-INITIAL_FORMS": "0",
        "captions-MIN_NUM_FORMS": "0",
        "captions-MAX_NUM_FORMS": "1000",
    }
    for index, (language, content) in enumerate(captions.items()):
        data[f"captions-{index}-language"] = language
        data[f"captions-{index}-file"] = SimpleUploadedFile(f"{language}.vtt", content)
        data[f"captions-{index}-ORDER"] = str(index + 1)
    return data


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


def test_a_video_is_saved_and_prepared(trainer_client, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("check.mp4", sample_video_bytes(), content_type="video/mp4")

    with django_capture_on_commit_callbacks(execute=True):
        response = trainer_client.post(ADD_URL, _form(upload, fr=WEBVTT))

    assert response.status_code == 302, response.content.decode()[:2000]
    video = Video.objects.get()
    assert video.status == Video.Status.READY
    assert video.renditions.count() == 4
    assert video.captions.get().language == "fr"


def test_a_file_that_is_not_a_video_is_refused(trainer_client):
    upload = SimpleUploadedFile(
        "slides.mp4", b"%PDF-1.7 not a video" * 50, content_type="video/mp4"
    )

    response = trainer_client.post(ADD_URL, _form(upload))

    assert response.status_code == 200
    assert (
        "This file is not a video Waypoint can read (MP4, WebM or MOV)."
        in response.content.decode()
    )
    assert not Video.objects.exists()


def test_a_file_over_the_size_limit_is_refused(trainer_client, settings):
    settings.VIDEO_MAX_UPLOAD_SIZE = 10_000
    upload = SimpleUploadedFile("long.mp4", sample_video_bytes(), content_type="video/mp4")

    response = trainer_client.post(ADD_URL, _form(upload))

    assert response.status_code == 200
    assert "a video may be 9.8\xa0KB at most" in response.content.decode()
    assert not Video.objects.exists()


def test_captions_must_be_webvtt(trainer_client):
    upload = SimpleUploadedFile("check.mp4", sample_video_bytes(), content_type="video/mp4")

    response = trainer_client.post(
        ADD_URL, _form(upload, fr=b"1\n00:00:00,000 --> 00:00:02,000\nHi\n")
    )

    assert response.status_code == 200
    assert "This is not a WebVTT caption file" in response.content.decode()
    assert not Video.objects.exists()


def test_learners_cannot_upload_videos(client, learner):
    client.force_login(learner)
    upload = SimpleUploadedFile("check.mp4", sample_video_bytes(), content_type="video/mp4")

    response = client.post(ADD_URL, _form(upload))

    assert response.status_code in (302, 403)
    assert not Video.objects.exists()
