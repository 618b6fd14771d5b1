"""Uploaded lesson videos, their small copies, posters and captions: streamed to the people
who may read a lesson that shows the video (the rule of lesson documents,
``courses.documents``), and to those who manage videos while no lesson shows it yet."""

import mimetypes

from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from courses.documents import download_refusal
from courses.models import Video, VideoCaption, VideoRendition
from courses.ranged_files import ranged_file_response

CONTENT_TYPES = {".mp4": "video/mp4", ".m4a": "audio/mp4", ".jpg": "image/jpeg"}


def _refusal(video: Video, request):
    return download_refusal(
        video,
        request,
        refused_template="courses/video_refused.html",
        unlinked_permission="courses.view_video",
    )


def _private(response):
    # URLs carry the file's version (``?v=``), so a browser may keep it a day.
    patch_cache_control(response, private=True, max_age=24 * 60 * 60)
    patch_vary_headers(response, ("Cookie",))
    return response


def _video_for(request, video_id: int):
    """The video and, when this person may not fetch its files, the refusal."""
    video = get_object_or_404(Video, pk=video_id)
    return video, _refusal(video, request)


@require_safe
def video_file(request, video_id: int, kind: str):
    video, refused = _video_for(request, video_id)
    if refused is not None:
        return refused
    if kind == "original":
        field_file = video.file
        content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    else:
        field_file = get_object_or_404(VideoRendition, video=video, kind=kind).file
        content_type = CONTENT_TYPES.get(f".{field_file.name.rsplit('.', 1)[-1]}", "video/mp4")
    return _private(ranged_file_response(request, field_file, content_type=content_type))


@require_safe
def video_captions(request, video_id: int, language: str):
    video, refused = _video_for(request, video_id)
    if refused is not None:
        return refused
    caption = get_object_or_404(VideoCaption, video=video, language=language)
    response = ranged_file_response(request, caption.file, content_type="text/vtt; charset=utf-8")
    return _private(response)
