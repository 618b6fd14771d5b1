"""What "Make this course available offline" stores on the device, read in a fixed number
of queries: the course page (its outline), its module pages, the lessons the learner may
open now (a lesson behind an unfinished module stays closed offline too) and their images
at the small rendition the lesson page offers phones.

Sizes are estimates, said before downloading so that the learner can decide on a phone
with little space or a costly connection: a page is its chrome plus its content, an image
its pixels at a JPEG's usual density. After the download the page says the real space used.
"""

from dataclasses import dataclass, field

from wagtail.images import get_image_model

from courses import selectors as course_selectors
from courses.models import CoursePage, LessonPage

# A rendition the lesson page's image block lists in its srcset (templates/blocks/image_block.html).
OFFLINE_IMAGE_FILTER = "width-480"
PAGE_CHROME_BYTES = 6_000  # header, outline, footer of a rendered course page (uncompressed)
IMAGE_BYTES_PER_PIXEL = 0.2


@dataclass
class OfflineItem:
    url: str
    bytes: int
    kind: str  # "page" or "image"


@dataclass
class OfflineBundle:
    course_id: int
    title: str
    items: list[OfflineItem] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(item.bytes for item in self.items)

    def as_json(self) -> dict:
        return {
            "course": self.course_id,
            "title": self.title,
            "total_bytes": self.total_bytes,
            "items": [{"url": i.url, "bytes": i.bytes, "kind": i.kind} for i in self.items],
        }


def _image_ids(raw_body) -> list[int]:
    ids = []
    for block in raw_body or []:
        if block.get("type") == "image":
            image_id = (block.get("value") or {}).get("image")
            if isinstance(image_id, int):
                ids.append(image_id)
    return ids


def course_offline_bundle(*, user, course: CoursePage) -> OfflineBundle | None:
    """The pages and images to keep for a learner enrolled in the course now; None for
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
    bundle.items.append(OfflineItem(course.url, PAGE_CHROME_BYTES * 2, "page"))
    bundle.items += [OfflineItem(m.url, PAGE_CHROME_BYTES, "page") for m in outline.modules]
    lessons = LessonPage.objects.live().filter(pk__in=open_lesson_ids).only("body", "url_path")
    by_id = {lesson.pk: lesson for lesson in lessons}
    image_ids: list[int] = []
    for lesson_id in open_lesson_ids:
        lesson = by_id.get(lesson_id)
        if lesson is None:
            continue
        raw = lesson.body.raw_data
        size = PAGE_CHROME_BYTES + len(str(list(raw)))
        step_url = next(s.url for s in outline.steps if s.page_id == lesson_id)
        bundle.items.append(OfflineItem(step_url, size, "page"))
        image_ids += [i for i in _image_ids(raw) if i not in image_ids]
    bundle.items += _image_items(image_ids)
    return bundle


def _image_items(image_ids: list[int]) -> list[OfflineItem]:
    if not image_ids:
        return []
    images = get_image_model().objects.filter(pk__in=image_ids)
    images = images.prefetch_renditions(OFFLINE_IMAGE_FILTER)
    items = []
    for image in images:
        rendition = image.get_rendition(OFFLINE_IMAGE_FILTER)
        size = int(rendition.width * rendition.height * IMAGE_BYTES_PER_PIXEL)
        items.append(OfflineItem(rendition.url, size, "image"))
    return items
