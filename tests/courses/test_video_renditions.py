"""Uploaded lesson videos get small copies for weak links, made by a background task with
ffmpeg: 240p at ~200 kbit/s, 360p at ~500 kbit/s, sound alone at ~48 kbit/s, and a poster."""

import json
import subprocess

import pytest
from PIL import Image

from config.storage import private_storage
from courses.models import Video, VideoRendition
from courses.services.videos import video_renditions_make
from courses.tasks import make_video_renditions
from tests.factories.videos import make_video

pytestmark = pytest.mark.django_db


def _probe(rendition: VideoRendition) -> dict:
    path = private_storage().path(rendition.file.name)
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
        capture_output=True,
        check=True,
    )
    return json.loads(result.stdout)


def _streams(info: dict, kind: str) -> list[dict]:
    return [stream for stream in info["streams"] if stream["codec_type"] == kind]


@pytest.fixture
def prepared_video():
    video = make_video()
    assert make_video_renditions.delay(video.pk).get() == Video.Status.READY
    video.refresh_from_db()
    return video


def test_renditions_have_the_sizes_and_bit_rates_of_a_weak_link(prepared_video):
    renditions = {r.kind: r for r in prepared_video.renditions.all()}
    assert set(renditions) == {"240p", "360p", "audio", "poster"}
    limits = {"240p": (240, 260_000), "360p": (360, 600_000)}

    for kind, (height, max_bit_rate) in limits.items():
        info = _probe(renditions[kind])
        assert _streams(info, "video")[0]["height"] == height, kind
        assert _streams(info, "audio"), f"{kind} keeps the sound"
        assert int(info["format"]["bit_rate"]) <= max_bit_rate, kind
        assert float(info["format"]["duration"]) == pytest.approx(3.0, abs=0.2), kind
        assert renditions[kind].size_bytes == private_storage().size(renditions[kind].file.name)

    audio = _probe(renditions["audio"])
    assert not _streams(audio, "video")
    assert int(audio["format"]["bit_rate"]) <= 60_000
    assert float(audio["format"]["duration"]) == pytest.approx(3.0, abs=0.2)
    assert renditions["240p"].size_bytes < renditions["360p"].size_bytes
    assert renditions["audio"].size_bytes < renditions["240p"].size_bytes

    with private_storage().open(renditions["poster"].file.name, "rb") as poster:
        image = Image.open(poster)
        assert image.format == "JPEG"
        assert image.height == 360

    assert prepared_video.status == Video.Status.READY
    assert prepared_video.duration_seconds == pytest.approx(3.0, abs=0.2)


def test_running_the_task_again_replaces_the_renditions_without_adding_any(prepared_video):
    folder = f"videos/renditions/{prepared_video.pk}"
    files_before = sorted(private_storage().listdir(folder)[1])

    video_renditions_make(video_id=prepared_video.pk)

    assert prepared_video.renditions.count() == 4
    assert sorted(private_storage().listdir(folder)[1]) == files_before
    assert len(files_before) == 4


def test_a_file_ffmpeg_cannot_read_leaves_the_original_and_a_message(trainer, client):
    video = make_video(content=b"\x00\x00\x00\x18ftypmp42" + b"garbage" * 500)

    make_video_renditions.delay(video.pk)

    video.refresh_from_db()
    assert video.status == Video.Status.FAILED
    assert "not a video" in video.status_message
    assert not video.renditions.exists()
    assert private_storage().exists(video.file.name), "the original stays"

    client.force_login(trainer)
    listing = client.get("/admin/snippets/courses/video/").content.decode()
    assert "Failed" in listing
    assert "not a video" in listing
