"""Reads for the catalogue: the courses it lists and the learner's enrolments among them.

A course and its translations are one course (``courses.translations``): the catalogue
lists it once, in the reader's language where a translation is published, else in the
first published copy (the original), and says every language it is published in. The
language filter lists the courses published in that language, in that language."""

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import translation
from wagtail.models import Page

from courses import access
from courses.models import CoursePage, Enrollment
from courses.selectors import COURSE_DEPTH
from courses.topics import topic_name_shown


def catalogue_courses(
    *, index_page, user, topic=None, level: str = "", language: str = ""
) -> QuerySet:
    """The live courses of the catalogue the person may see (password-protected ones stay
    listed and ask when opened), one copy of each, narrowed by the filters;
    ``courses.search`` searches them by words. Every course page lives in the catalogue or
    one of its translations (``parent_page_types``), the only pages at its depth. Each
    course comes with its topic's name in the reader's language (``topic_name``); the
    topic filter finds the courses tagged with any copy of the topic (``courses.topics``)."""
    courses = (
        CoursePage.objects.live()
        .filter(depth=index_page.depth + 1, alias_of__isnull=True)
        .select_related("topic", "cover_image", "locale")
        .annotate(topic_name=topic_name_shown())
        .order_by("title")
    )
    if language:
        courses = courses.filter(locale__language_code=language)
    else:
        courses = courses.filter(_shown_copy(translation.get_language()))
    closed = access.hidden_from_listing(user, depth=COURSE_DEPTH, steplen=Page.steplen)
    if closed:
        courses = courses.exclude(closed)
    if topic:
        courses = courses.filter(topic__translation_key=topic.translation_key)
    if level:
        courses = courses.filter(level=level)
    return courses


def _shown_copy(language: str):
    """The copy in ``language`` where it is published, else the first published copy."""
    published = CoursePage.objects.live().filter(
        translation_key=OuterRef("translation_key"), alias_of__isnull=True
    )
    in_language = published.filter(locale__language_code=language)
    earlier = published.filter(id__lt=OuterRef("id"))
    return Exists(in_language.filter(id=OuterRef("id"))) | (~Exists(in_language) & ~Exists(earlier))


def enrolment_statuses(*, user, courses) -> dict[int, str]:
    """The person's current enrolment in each of these courses that has one, as its status
    (``Enrollment.Status``), by the id of the copy listed: the catalogue says "Completed"
    or "Enrolled". Enrolments are kept against a course's original, so they are matched by
    ``translation_key``. One query; none when signed out."""
    if not user.is_authenticated:
        return {}
    by_key = {course.translation_key: course.id for course in courses}
    rows = (
        Enrollment.objects.current()
        .filter(user=user, course__translation_key__in=by_key)
        .values_list("course__translation_key", "status")
    )
    return {by_key[key]: status for key, status in rows}
