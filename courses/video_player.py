"""What a lesson's player of an uploaded video shows: the poster, the copy it plays first,
the others to choose from, the captions and the transcript. Read once per rendering of the
lesson body, which the shared cache keeps (two queries: renditions, captions)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from courses.models import Video, VideoRendition

# The copies a learner may choose, smallest first.
CHOICES = (VideoRendition.Kind.SMALL, VideoRendition.Kind.MEDIUM, VideoRendition.Kind.AUDIO)
FIRST_CHOICE = VideoRendition.Kind.MEDIUM
SMALLEST = VideoRendition.Kind.SMALL


@dataclass(frozen=True)
class Source:
    kind: str
    label: str
    url: str
    size_bytes: int | None


@dataclass
class Player:
    video: Video
    dom_id: str
    poster_url: str | None
    sources: list[Source]
    chosen: Source
    captions: list[dict] = field(default_factory=list)
    preparing: bool = False


def video_file_url(video: Video, kind: str) -> str:
    """The address of one of the video's files, carrying its version (the lesson page and
    the offline copy use the same, so that a kept copy is found)."""
    version = int(video.updated_at.timestamp())
    return reverse("learning:video_file", args=[video.pk, kind]) + f"?v={version}"


def caption_url(video: Video, language: str) -> str:
    version = int(video.updated_at.timestamp())
    return reverse("learning:video_captions", args=[video.pk, language]) + f"?v={version}"


def video_player(video: Video, *, smallest: bool) -> Player:
    renditions = {rendition.kind: rendition for rendition in video.renditions.all()}
    labels = dict(VideoRendition.Kind.choices)
    sources = [
        Source(kind, str(labels[kind]), video_file_url(video, kind), renditions[kind].size_bytes)
        for kind in CHOICES
        if kind in renditions
    ]
    sources.append(Source("original", _("Original"), video_file_url(video, "original"), None))
    by_kind = {source.kind: source for source in sources}
    wanted = SMALLEST if smallest else FIRST_CHOICE
    chosen = by_kind.get(wanted) or by_kind.get(SMALLEST) or sources[-1]
    languages = dict(settings.LANGUAGES)
    captions = [
        {
            "language": caption.language,
            "label": languages.get(caption.language, caption.language),
            "url": caption_url(video, caption.language),
        }
        for caption in video.captions.all()
    ]
    poster = renditions.get(VideoRendition.Kind.POSTER)
    return Player(
        video=video,
        dom_id=f"video-{video.pk}",
        poster_url=video_file_url(video, VideoRendition.Kind.POSTER) if poster else None,
        sources=sources,
        chosen=chosen,
        captions=captions,
        preparing=video.status != Video.Status.READY,
    )
