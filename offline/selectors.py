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

# A rendered page's size (uncompressed), measured on lessons of courses of 2 and 12 steps:
# its chrome (header, footer, forms), plus the course outline's markup per step where the
# page shows the outline, plus a lesson's content.
COURSE_PAGE_BYTES = 5_900
MODULE_PAGE_BYTES = 3_550
LESSON_PAGE_BYTES = 4_950
OUTLINE_BYTES_PER_STEP = 215  # a step's line in the outline (course page and lessons)
MODULE_BYTES_PER_STEP = 145  # a step's line on its module's page


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
    outline_bytes = OUTLINE_BYTES_PER_STEP * len(outline.steps)
    bundle.items.append(MediaItem(course.url, COURSE_PAGE_BYTES + outline_bytes, "page"))
    bundle.items += [
        MediaItem(m.url, MODULE_PAGE_BYTES + MODULE_BYTES_PER_STEP * len(m.steps), "page")
        for m in outline.modules
    ]
    lessons = LessonPage.objects.live().filter(pk__in=open_lesson_ids).only("body", "url_path")
    by_id = {lesson.pk: lesson for lesson in lessons}
    step_urls = {step.page_id: step.url for step in outline.steps}
    files = LessonFiles()
    for lesson_id in open_lesson_ids:
        lesson = by_id.get(lesson_id)
        if lesson is None:
            continue
        raw = list(lesson.body.raw_data)
        size = LESSON_PAGE_BYTES + outline_bytes + _content_bytes(raw)
        bundle.items.append(MediaItem(step_urls[lesson_id], size, "page"))
        files.read(raw)
    bundle.items += image_items(files.images)
    bundle.items += document_items(files.documents)
    bundle.items += video_items(files.videos)
    return bundle


# What a block's markup adds to its stored data (a player with its quality buttons, an
# image's srcset): measured on rendered lessons.
RENDERED_BLOCK_BYTES = {"uploaded_video": 1_300, "image": 700, "document": 250, "video": 900}


def _content_bytes(raw: list) -> int:
    """A lesson's content, rendered: about its stored text, plus what some blocks' markup
    adds to their data."""
    extra = sum(RENDERED_BLOCK_BYTES.get(block.get("type"), 0) for block in raw)
    return len(str(raw)) + extra
