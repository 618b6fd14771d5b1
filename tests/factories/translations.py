"""Translate courses and quizzes the way a trainer does in the admin: wagtail-localize's
"Translate" action (with the subtree), then the translated text written in and published."""

from wagtail.models import Locale, Page

from courses.services.translation import course_translate, object_translate


def locale(language: str) -> Locale:
    return Locale.objects.get_or_create(language_code=language)[0]


def translate(obj, language: str, *, subtree: bool = True):
    """A copy of a page (with its subtree) or a snippet in ``language``, linked to it by
    ``translation_key``, published, with the source text until the translated text is
    written in (``retitle``)."""
    target = locale(language)
    if subtree and isinstance(obj, Page):
        return course_translate(course=obj, locale=target)
    return object_translate(obj=obj, locale=target)


def retitle(page: Page, title: str, **fields) -> Page:
    """A trainer writes the translated text of a page and publishes it."""
    page = page.specific
    page.title = title
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
