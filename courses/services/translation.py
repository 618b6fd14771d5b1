"""Translating a course (issue 15, item 4) the way wagtail-localize's "Translate" action
does, for the demo data and tests: a linked copy of each page in the target locale (same
``translation_key``, same block ids), with wagtail-localize's translation records so that
trainers and outside translators (PO export and import) carry on in its editor.

wagtail-localize publishes a translation when the transaction commits, from the page as it
was before its children were translated: a page translated in the same transaction as its
children would be published without them. Here each copy is published at once, from its
latest state."""

from django.db import transaction
from wagtail.models import (
    DraftStateMixin,
    GroupPagePermission,
    Locale,
    Page,
    Revision,
    WorkflowPage,
)
from wagtail_localize.models import Translation, TranslationSource


def object_translate(*, obj, locale: Locale, user=None):
    """A published copy of ``obj`` (a page, or a translatable snippet: a topic, a quiz)
    in ``locale``, with the source's text where nothing is translated yet. Translating
    again updates the copy."""
    drafts = isinstance(obj, Page | DraftStateMixin)
    with transaction.atomic():
        source, _ = TranslationSource.get_or_create_from_instance(obj)
        Translation.objects.update_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        # A snippet without drafts (a topic) is saved as it is translated.
        translated, _ = source.create_or_update_translation(
            locale, user=user, publish=not drafts, fallback=True, copy_parent_pages=True
        )
        if not drafts:
            return translated
        revision = Revision.objects.get(pk=translated.latest_revision_id)
        if user is not None:
            # Wagtail caches page permissions on the user object: the translated catalogue
            # may have just been given its permissions (``catalogue_translation_open``).
            user = type(user).objects.get(pk=user.pk)
        revision.publish(user=user)
    return type(translated).objects.get(pk=translated.pk)


def course_translate(*, course, locale: Locale, user=None):
    """The course with its modules and lessons, translated page by page from the top."""
    translated = object_translate(obj=course, locale=locale, user=user)
    for page in Page.objects.descendant_of(course).order_by("path").specific():
        object_translate(obj=page, locale=locale, user=user)
    return type(translated).objects.get(pk=translated.pk)  # with its children counted


def catalogue_translation_open(*, source, target) -> None:
    """A translation of the catalogue (wagtail-localize makes one with the first course
    translated into a language) is a new tree beside the original, which the groups' page
    permissions and the catalogue's publishing workflow do not reach: give it the
    original's, so that trainers translate and lead trainers approve there as in English.
    Safe to call twice."""
    with transaction.atomic():
        for granted in GroupPagePermission.objects.filter(page=source):
            GroupPagePermission.objects.get_or_create(
                group_id=granted.group_id, page=target, permission_id=granted.permission_id
            )
        workflow = WorkflowPage.objects.filter(page=source).first()
        if workflow is not None:
            WorkflowPage.objects.get_or_create(
                page=target, defaults={"workflow": workflow.workflow}
            )
