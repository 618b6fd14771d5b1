"""The names under which a course page's shared parts are kept in the shared cache
(``courses.page_cache``), so that serving a page can read all of them in one round trip
(``page_cache.prefetch``, from the page-route cache)."""

import zlib

from django.utils import translation

from courses import access, lesson_skeleton
from courses.media_preferences import FULL, media_preferences
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from courses.outline import step_providers_signature
from courses.selectors import COURSE_DEPTH, course_path_of, shared_course_key


def lesson_body_cache_name(lesson, variant: str = FULL.variant) -> str:
    """The rendered body of a lesson's live revision, in the current language, for one
    data-saver variant (``courses.media_preferences``)."""
    language = translation.get_language()
    return f"lesson-body:{language}:{variant}:{lesson.pk}:{lesson.live_revision_id}"


def outline_items_cache_name(course_path: str) -> str:
    """Every variant of every step of a course outline, rendered (``outline_items``)."""
    providers = zlib.crc32(step_providers_signature().encode())
    return f"outline-items:{translation.get_language()}:{providers:x}:{course_path}"


def shared_cache_names(page, request=None) -> list[str]:
    """What serving this live page will read from the shared cache, so that it can be
    read in one round trip (``page_cache.prefetch``)."""
    if not isinstance(page, CourseIndexPage | CoursePage | ModulePage | LessonPage):
        return []
    names = [access.RESTRICTIONS_CACHE_NAME]
    if page.depth < COURSE_DEPTH:
        return names
    course_path = course_path_of(page)
    names.append(shared_course_key(course_path))
    if isinstance(page, LessonPage):
        # The page's skeleton holds the rendered body: the body is read only to build it.
        names.append(outline_items_cache_name(course_path))
        if request is not None:
            names.append(lesson_skeleton.cache_name(request, page))
        else:
            names.append(lesson_body_cache_name(page, media_preferences(request).variant))
    return names
