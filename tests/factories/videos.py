"""Lesson videos for tests: a real, tiny video made by ffmpeg (3 seconds of the test card
and a tone), stored as a trainer's upload is, and lessons that show it."""

import subprocess
from functools import cache
from pathlib import Path
from tempfile import mkdtemp

from django.core.files.base import ContentFile

from courses.models import Video, VideoCaption
from tests.factories.courses import make_course, make_lesson

WEBVTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nPresent your passport, please.\n"


@cache
def sample_video_bytes(seconds: int = 3) -> bytes:
    """An MP4 of 640x360 at 25 frames a second with a 440 Hz tone, made once per run."""
    path = Path(mkdtemp(prefix="waypoint-test-video-")) / "sample.mp4"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y",
         "-f", "lavfi", "-i", f"testsrc=duration={seconds}:size=640x360:rate=25",
         "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
         "-shortest", str(path)],
        check=True,
    )  # fmt: skip
    return path.read_bytes()


def make_video(*, title: str = "Checking a passport", content: bytes | None = None, **fields):
    data = sample_video_bytes() if content is None else content
    video = Video.objects.create(
        title=title, file=ContentFile(data, name="passport-check.mp4"), **fields
    )
    return video


def add_captions(video: Video, language: str = "fr", content: bytes = WEBVTT) -> VideoCaption:
    return VideoCaption.objects.create(
        video=video, language=language, file=ContentFile(content, name=f"{language}.vtt")
    )


def lesson_with_video(video: Video, *, lessons_before: int = 0):
    """A published course with one module whose last lesson shows the video."""
    course = make_course(modules=1, lessons=lessons_before)
    module = course.get_children().specific().first()
    body = [
        {"type": "rich_text", "value": "<p>Watch how the officer checks the document.</p>"},
        {"type": "uploaded_video", "value": {"video": video.pk}},
    ]
    return course, make_lesson(module, title="Checking a passport", body=body)
