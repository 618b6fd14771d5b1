"""Wiring only: when a trainer removes steps from a live course, queue a completion refresh
for that course once the change has committed (the rule lives in the service); when
anything a learner's course pages share may have changed, forget the shared cache
(``courses.page_cache``)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses import selectors
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, Topic
from courses.page_cache import course_content_changed


def _course_id_of(page: Page) -> int | None:
    if not isinstance(page, LessonPage | ModulePage):
        return None
    return selectors.course_id_for_descendant(page)


def queue_completion_refresh(sender, instance, **kwargs):
    from courses.tasks import refresh_course_completion

    course_id = _course_id_of(instance)
    if course_id is not None:
        transaction.on_commit(lambda: refresh_course_completion.delay(course_id), robust=True)


def _connect_shared_cache_invalidation():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(course_content_changed)
    # Saved and deleted rows of what the cached outlines, restrictions and lesson bodies are
    # made of. Connected per model: a post_delete receiver for every model would stop
    # Django's fast deletes everywhere.
    models = (
        CourseIndexPage,
        CoursePage,
        ModulePage,
        LessonPage,
        Topic,
        Site,
        PageViewRestriction,
        get_image_model(),
        get_document_model(),
    )
    for model in models:
        post_save.connect(course_content_changed, sender=model)
        post_delete.connect(course_content_changed, sender=model)
    # Groups of a "private to groups" restriction are set after the restriction is saved.
    m2m_changed.connect(course_content_changed, sender=PageViewRestriction.groups.through)


def connect():
    for model in (LessonPage, ModulePage):
        page_unpublished.connect(queue_completion_refresh, sender=model)
        post_delete.connect(queue_completion_refresh, sender=model)
    _connect_shared_cache_invalidation()
