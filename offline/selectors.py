"""What "Make this course available offline" stores on the device, read in a fixed number
of queries: the course page (its outline), its module pages, the lessons the learner may
open now (a lesson behind an unfinished module stays closed offline too), and what those
lessons show or link to (``offline.lesson_media``): their images at the rendition the page
shows a phone, their documents, and their uploaded videos (poster, captions and the copies
the learner chooses between; the learner may leave videos out).

Files are counted at their real size; a page is estimated (its chrome plus its content), so
that the learner can decide on a phone with little space or a costly connection before
downloading. After the download the page says the real space used.
"""

from dataclasses import dataclass, field

from courses import selectors as course_selectors
from courses.models import CoursePage, LessonPage
from offline.lesson_media import (
    DEFAULT_VIDEO_QUALITY,
    OFFLINE_IMAGE_FILTER,
    LessonFiles,
    MediaItem,
    document_items,
    image_items,
    video_items,
)

__all__ = ["OFFLINE_IMAGE_FILTER", "OfflineBundle", "course_offline_bundle"]

PAGE_CHROME_BYTES = 6_000  # header, outline, footer of a rendered course page (uncompressed)

OfflineItem = MediaItem  # a page is an item of kind "page"


@dataclass
class OfflineBundle:
    course_id: int
    title: str
    items: list[MediaItem] = field(default_factory=list)

    def bytes_with(self, videos: str) -> int:
        """The total for a choice of video copies ("" for none)."""
        return sum(
            item.bytes
            for item in self.items
            if item.kind != "video" or (videos and item.quality in ("", videos))
        )

    @property
    def total_bytes(self) -> int:
        return self.bytes_with(DEFAULT_VIDEO_QUALITY)

    def as_json(self) -> dict:
        return {
            "course": self.course_id,
            "title": self.title,
            "total_bytes": self.total_bytes,
            "video_quality": DEFAULT_VIDEO_QUALITY,
            "items": [
                {"url": i.url, "bytes": i.bytes, "kind": i.kind}
                | ({"quality": i.quality} if i.quality else {})
                for i in self.items
            ],
        }


def course_offline_bundle(*, user, course: CoursePage) -> OfflineBundle | None:
    """The pages and files to keep for a learner enrolled in the course now; None for
    anyone else (no enrolment, or one withdrawn or expired)."""
    enrollment, completed = course_selectors.enrollment_with_completed_keys(
        user=user, course_id=course.id
    )
    if enrollment is None:
        return None
    outline = course_selectors.course_outline(course)
    progress = course_selectors.Progress(
        outline=outline, completed_keys=completed, modules_in_order=course.modules_in_order
    )
    open_lesson_ids = [
        step.page_id
        for step in outline.steps
        if step.kind == "lesson" and step.page_id and step.key not in progress.locked_keys
    ]
    bundle = OfflineBundle(course_id=course.id, title=course.title)
    bundle.items.append(MediaItem(course.url, PAGE_CHROME_BYTES * 2, "page"))
    bundle.items += [MediaItem(m.url, PAGE_CHROME_BYTES, "page") for m in outline.modules]
    lessons = LessonPage.objects.live().filter(pk__in=open_lesson_ids).only("body", "url_path")
    by_id = {lesson.pk: lesson for lesson in lessons}
    step_urls = {step.page_id: step.url for step in outline.steps}
    files = LessonFiles()
    for lesson_id in open_lesson_ids:
        lesson = by_id.get(lesson_id)
        if lesson is None:
            continue
        raw = list(lesson.body.raw_data)
        bundle.items.append(MediaItem(step_urls[lesson_id], _page_bytes(raw), "page"))
        files.read(raw)
    bundle.items += image_items(files.images)
    bundle.items += document_items(files.documents)
    bundle.items += video_items(files.videos)
    return bundle


# What a block's markup adds to its stored data (a player with its quality buttons, an
# image's srcset): measured on rendered lessons.
RENDERED_BLOCK_BYTES = {"uploaded_video": 1_500, "image": 700, "document": 250, "video": 900}


def _page_bytes(raw: list) -> int:
    extra = sum(RENDERED_BLOCK_BYTES.get(block.get("type"), 0) for block in raw)
    return PAGE_CHROME_BYTES + len(str(raw)) + extra
