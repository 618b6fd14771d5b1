"""Wiring only: when a trainer removes steps from a live course, queue a completion refresh
for that course once the change has committed. The rule lives in the service."""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_unpublished

from courses import selectors
from courses.models import LessonPage, ModulePage


def _course_id_of(page: Page) -> int | None:
    if not isinstance(page, LessonPage | ModulePage):
        return None
    return selectors.course_id_for_descendant(page)


def queue_completion_refresh(sender, instance, **kwargs):
    from courses.tasks import refresh_course_completion

    course_id = _course_id_of(instance)
    if course_id is not None:
        transaction.on_commit(lambda: refresh_course_completion.delay(course_id), robust=True)


def connect():
    for model in (LessonPage, ModulePage):
        page_unpublished.connect(queue_completion_refresh, sender=model)
        post_delete.connect(queue_completion_refresh, sender=model)
