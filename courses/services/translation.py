"""Translating a course (issue 15, item 4) the way wagtail-localize's "Translate" action
does, for the demo data and tests: a linked copy of each page in the target locale (same
``translation_key``, same block ids), with wagtail-localize's translation records so that
trainers and outside translators (PO export and import) carry on in its editor.

wagtail-localize publishes a translation when the transaction commits, from the page as it
was before its children were translated: a page translated in the same transaction as its
children would be published without them. Here each copy is published at once, from its
latest state."""

from django.db import transaction
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation, TranslationSource


def object_translate(*, obj, locale: Locale, user=None):
    """A published copy of ``obj`` (a page, or a translatable snippet with draft state)
    in ``locale``, with the source's text where nothing is translated yet. Translating
    again updates the copy."""
    with transaction.atomic():
        source, _ = TranslationSource.get_or_create_from_instance(obj)
        Translation.objects.update_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        translated, _ = source.create_or_update_translation(
            locale, user=user, publish=False, fallback=True, copy_parent_pages=True
        )
        revision = Revision.objects.get(pk=translated.latest_revision_id)
        # The caller decides who may translate (seed_demo, tests); trainers translate with
        # wagtail-localize's own action, which checks their permissions. The catalogue's
        # page permissions do not reach a new locale's tree (docs/notes.md).
        revision.publish(user=user, skip_permission_checks=True)
    return type(translated).objects.get(pk=translated.pk)


def course_translate(*, course, locale: Locale, user=None):
    """The course with its modules and lessons, translated page by page from the top."""
    translated = object_translate(obj=course, locale=locale, user=user)
    for page in Page.objects.descendant_of(course).order_by("path").specific():
        object_translate(obj=page, locale=locale, user=user)
    return type(translated).objects.get(pk=translated.pk)  # with its children counted
