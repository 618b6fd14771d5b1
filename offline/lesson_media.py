"""The files a lesson's body shows or links to, found in its stored content without
rendering it: images (image blocks, and images embedded in rich text with their format),
documents (document blocks, and document links in rich text, callouts and accordions) and
uploaded videos. Each file is then the item "Make this course available offline" keeps, at
the address and size the lesson page uses (``offline.selectors``)."""

import re
from dataclasses import dataclass, field

from django.conf import settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.formats import get_image_format

from courses.models import Video, VideoRendition
from courses.video_player import caption_url, video_file_url

# A rendition the lesson page's image block lists in its srcset (templates/blocks/image_block.html):
# the one a phone picks, and the one the service worker stands in for the wider ones offline.
OFFLINE_IMAGE_FILTER = "width-480"
# The copies of a video the learner may keep: the smallest with pictures, or the sound only.
VIDEO_QUALITIES = (VideoRendition.Kind.SMALL, VideoRendition.Kind.AUDIO)
DEFAULT_VIDEO_QUALITY = VideoRendition.Kind.SMALL

_EMBEDDED_IMAGE = re.compile(r"<embed\b[^>]*>", re.IGNORECASE)
_DOCUMENT_LINK = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


@dataclass
class MediaItem:
    url: str
    bytes: int
    kind: str  # "page", "image", "document" or "video" (a video's copies, poster, captions)
    quality: str = ""  # for a video's copy: the quality it is (240p, audio)


@dataclass
class LessonFiles:
    """What the lessons' bodies refer to, by id, in the order first met."""

    images: dict[int, list[str]] = field(default_factory=dict)  # id -> filter specs
    documents: list[int] = field(default_factory=list)
    videos: list[int] = field(default_factory=list)

    def add_image(self, image_id, spec: str) -> None:
        if isinstance(image_id, int):
            specs = self.images.setdefault(image_id, [])
            if spec not in specs:
                specs.append(spec)

    def add(self, ids: list[int], value) -> None:
        if isinstance(value, int) and value not in ids:
            ids.append(value)

    def read_rich_text(self, html: str) -> None:
        for tag in _EMBEDDED_IMAGE.findall(html):
            attributes = dict(_ATTRIBUTE.findall(tag))
            if attributes.get("embedtype") == "image" and attributes.get("id", "").isdigit():
                image_format = _image_format(attributes.get("format", ""))
                if image_format is not None:
                    self.add_image(int(attributes["id"]), image_format.filter_spec)
        for tag in _DOCUMENT_LINK.findall(html):
            attributes = dict(_ATTRIBUTE.findall(tag))
            if attributes.get("linktype") == "document" and attributes.get("id", "").isdigit():
                self.add(self.documents, int(attributes["id"]))

    def read(self, value) -> None:
        """Walk a StreamField's raw data: blocks are ``{"type", "value"}``; struct values
        are dicts, list values lists, rich text strings."""
        if isinstance(value, str):
            if "<" in value:
                self.read_rich_text(value)
        elif isinstance(value, list):
            for item in value:
                self.read(item)
        elif isinstance(value, dict):
            kind, inner = value.get("type"), value.get("value")
            if isinstance(inner, dict):
                if kind == "image":
                    self.add_image(inner.get("image"), OFFLINE_IMAGE_FILTER)
                elif kind == "document":
                    self.add(self.documents, inner.get("document"))
                elif kind == "uploaded_video":
                    self.add(self.videos, inner.get("video"))
            for item in value.values():
                self.read(item)


def _image_format(name: str):
    try:
        return get_image_format(name)
    except KeyError:
        return None


def _stored_size(field_file) -> int:
    """The file's size in storage (a stat, or a HEAD request on object storage); 0 when
    the file is missing, which leaves it to the download to find out."""
    try:
        return field_file.size
    except (OSError, ValueError):
        return 0


def image_items(images: dict[int, list[str]]) -> list[MediaItem]:
    """The renditions the lesson pages show, with their real sizes: two queries."""
    if not images:
        return []
    specs = sorted({spec for specs in images.values() for spec in specs})
    found = get_image_model().objects.filter(pk__in=images).prefetch_renditions(*specs)
    by_id = {image.pk: image for image in found}
    items = []
    for image_id, image_specs in images.items():
        image = by_id.get(image_id)
        for spec in image_specs if image is not None else []:
            rendition = image.get_rendition(spec)
            items.append(MediaItem(rendition.url, _stored_size(rendition.file), "image"))
    return items


def document_items(document_ids: list[int]) -> list[MediaItem]:
    """The documents, one query. Each downloads only for the course's enrolled learners
    (``courses.documents.download_refusal``), so it is one person's copy like the pages."""
    if not document_ids:
        return []
    found = {doc.pk: doc for doc in get_document_model().objects.filter(pk__in=document_ids)}
    return [
        MediaItem(doc.url, doc.file_size or _stored_size(doc.file), "document")
        for doc in (found.get(pk) for pk in document_ids)
        if doc is not None
    ]


def video_items(video_ids: list[int]) -> list[MediaItem]:
    """For every uploaded video: its poster, its captions and the copies the learner may
    choose between (240p, audio only); three queries. A video whose copies are not made yet
    is left out: its original may be hundreds of megabytes."""
    if not video_ids:
        return []
    found = Video.objects.filter(pk__in=video_ids).prefetch_related("renditions", "captions")
    by_id = {video.pk: video for video in found}
    items = []
    for video in (by_id.get(pk) for pk in video_ids):
        renditions = {r.kind: r for r in video.renditions.all()} if video else {}
        if not any(quality in renditions for quality in VIDEO_QUALITIES):
            continue
        if poster := renditions.get(VideoRendition.Kind.POSTER):
            items.append(MediaItem(video_file_url(video, poster.kind), poster.size_bytes, "video"))
        for caption in video.captions.all():
            if caption.language in dict(settings.LANGUAGES):
                url = caption_url(video, caption.language)
                items.append(MediaItem(url, _stored_size(caption.file), "video"))
        for quality in VIDEO_QUALITIES:
            if copy := renditions.get(quality):
                url = video_file_url(video, quality)
                items.append(MediaItem(url, copy.size_bytes, "video", quality))
    return items
