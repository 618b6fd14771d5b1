"""Uploaded lesson videos: asking for their small copies, and making them.

``video_prepare`` runs when a trainer saves a video (``wagtail_hooks``): when the file is new,
the video is marked "being prepared" and the task is queued once the save commits.
``video_renditions_make`` is that task's work: it reads the original from the store, has
ffmpeg make the 240p, 360p, audio-only copies and the poster (``courses.video_encoding``) and
stores them under names fixed by the video and the kind, so a second run replaces the
files and rows of the first instead of adding to them. A file ffmpeg cannot read leaves the
original in place, the video "failed" and the reason for the trainer.
"""

import logging
import shutil
import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction

from config.storage import private_storage
from courses import page_cache, video_encoding
from courses.models import Video, VideoRendition

logger = logging.getLogger("waypoint.courses")


def video_prepare(*, video: Video, user) -> bool:
    """Queue the making of the video's small copies if its file has none yet. ``True``
    when queued."""
    if not user.has_perm("courses.change_video"):
        raise PermissionDenied
    if video.prepared_from == video.file.name and video.status == Video.Status.READY:
        return False
    from courses.tasks import make_video_renditions

    with transaction.atomic():
        Video.objects.filter(pk=video.pk).update(status=Video.Status.PENDING, status_message="")
        transaction.on_commit(lambda: make_video_renditions.delay(video.pk))
    video.status, video.status_message = Video.Status.PENDING, ""
    logger.info("video queued for renditions video=%s user=%s", video.pk, user.pk)
    return True


def _rendition_name(video: Video, kind: str, path: Path) -> str:
    return f"videos/renditions/{video.pk}/{kind}{path.suffix}"


def _store(video: Video, kind: str, path: Path) -> None:
    name = _rendition_name(video, kind, path)
    storage = private_storage()
    storage.delete(name)  # the same name on every run: a re-run replaces, never adds
    with path.open("rb") as handle:
        saved = storage.save(name, File(handle, name=path.name))
    VideoRendition.objects.update_or_create(
        video=video, kind=kind, defaults={"file": saved, "size_bytes": path.stat().st_size}
    )


def _fail(video_id: int, source_name: str, message: str) -> None:
    Video.objects.filter(pk=video_id, file=source_name).update(
        status=Video.Status.FAILED, status_message=message[:500]
    )
    logger.warning("video renditions failed video=%s: %s", video_id, message)
    page_cache.course_content_changed()  # an update() sends no post_save


def video_renditions_make(*, video_id: int) -> Video | None:
    """Make (or make again) the video's renditions and poster. Safe to run twice."""
    video = Video.objects.filter(pk=video_id).first()
    if video is None:
        return None
    source_name = video.file.name
    with tempfile.TemporaryDirectory(prefix="waypoint-video-") as folder:
        work = Path(folder)
        source = work / "original"
        with private_storage().open(source_name, "rb") as stored, source.open("wb") as copy:
            shutil.copyfileobj(stored, copy, 1024 * 1024)
        try:
            info = video_encoding.probe(source)
            made = video_encoding.make_renditions(source, work, info)
        except video_encoding.EncodingError as error:
            _fail(video.pk, source_name, str(error))
            return Video.objects.filter(pk=video_id).first()
        with transaction.atomic():
            video = Video.objects.select_for_update().filter(pk=video_id).first()
            if video is None or video.file.name != source_name:
                return video  # replaced meanwhile: the new file's own task makes its copies
            for kind, path in made.items():
                _store(video, kind, path)
            video.renditions.exclude(kind__in=made).delete()
            video.status, video.status_message = Video.Status.READY, ""
            video.duration_seconds, video.prepared_from = info.duration, source_name
            # Saving renders the lessons showing the video again (``signal_handlers``).
            video.save(update_fields=["status", "status_message", "duration_seconds",
                                      "prepared_from", "updated_at"])  # fmt: skip
    logger.info("video renditions made video=%s kinds=%s", video_id, ",".join(sorted(made)))
    return video
