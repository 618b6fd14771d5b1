"""One course in several languages, one learning record (issue 15, item 4).

A trainer translates a course with wagtail-localize: each translation is a copy of the
page (and of its modules, lessons and quizzes) in another locale, linked to its original by
the same ``translation_key``, and a StreamField keeps its block ids. Learner records
(enrolments, completed steps, attempts, certificates) are kept against the *original*: the
first-created copy of the group, the lowest id sharing the ``translation_key`` (Wagtail and
wagtail-localize always create a translation after its source). So a learner who switches
language mid-course keeps every completed step, and reports count the course once.

The outline of a translated course names its steps by their originals' keys
(``original_id`` below, read in the outline's own query), so the progress of a page in any
language is read with the original's keys and no further query.
"""

from django.conf import settings
from django.db.models import F, OuterRef, Subquery
from django.http import Http404
from django.utils.translation import get_language_info
from wagtail.models import Page

from courses import page_cache


def original_id_of(model=Page, *, outer: str = "translation_key") -> Subquery:
    """An expression for the id of the original of each row (the lowest id with its
    ``translation_key``): annotate a queryset of pages or translatable snippets with it."""
    if issubclass(model, Page):
        model = Page  # a translation of a page is of the same type: the base table will do
    return Subquery(
        model._default_manager.filter(translation_key=OuterRef(outer))
        .order_by("id")
        .values("id")[:1]
    )


def originals(queryset):
    """Only the originals among these pages or snippets: a translation is no course of its
    own to choose in a filter or an assignment (its records are its original's)."""
    return queryset.annotate(original_id=original_id_of(queryset.model)).filter(id=F("original_id"))


def original_of(obj):
    """The original of a page or translatable snippet (itself when it is the original): one
    query. For writes, which key every record to the original."""
    model = type(obj)
    if isinstance(obj, Page):
        model = obj.specific_class
    first = model._default_manager.filter(translation_key=obj.translation_key).order_by("id")
    found = first.first()
    return obj if found is None or found.pk == obj.pk else found


def original_ids(model, ids) -> dict[int, int]:
    """The original's id of each of these ids, in one query."""
    rows = model._default_manager.filter(id__in=ids).annotate(original=original_id_of(model))
    return dict(rows.values_list("id", "original"))


def language_order(codes) -> list[str]:
    """Language codes in the order of ``settings.LANGUAGES`` (English, French, Spanish,
    Arabic), whatever order they were read in."""
    order = [code for code, _name in settings.LANGUAGES]
    return sorted(set(codes), key=lambda code: order.index(code) if code in order else len(order))


def page_languages(course) -> dict[int, tuple[str, list[str]]]:
    """For the course and each of its modules and lessons: its own language and the
    languages it is published in (its own, and its live translations'; an alias is no
    translation). One query."""
    tree = Page.objects.filter(path__startswith=course.path, depth__lte=course.depth + 2)
    rows = (
        Page.objects.filter(
            translation_key__in=tree.values("translation_key"),
            live=True,
            alias_of__isnull=True,
        )
        .values_list("id", "path", "translation_key", "locale__language_code")
        .order_by()
    )
    by_key: dict = {}
    in_tree: dict[int, tuple] = {}
    for page_id, path, key, language in rows:
        by_key.setdefault(key, []).append(language)
        if path.startswith(course.path):
            in_tree[page_id] = (key, language)
    return {
        page_id: (language, language_order(by_key[key]))
        for page_id, (key, language) in in_tree.items()
    }


def course_languages() -> dict:
    """``translation_key`` of every live course -> the languages it is published in: kept
    in the shared course cache (the catalogue's cards say them), one query to build."""
    from courses.models import CoursePage

    def build():
        found: dict = {}
        rows = (
            CoursePage.objects.live()
            .filter(alias_of__isnull=True)
            .values_list("translation_key", "locale__language_code")
        )
        for key, language in rows:
            found.setdefault(key, []).append(language)
        return {key: language_order(languages) for key, languages in found.items()}

    return page_cache.shared("course-languages", build)


class RouteThroughOriginalMixin:
    """A translated page (the French home page or catalogue) routes a path its own locale
    lacks through its original, so a course not translated into French opens in its own
    language for a French reader instead of "not found". Costs nothing when the path is
    found; the page-route cache keeps the answer."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            original = original_of(self)
            if original.pk == self.pk:
                raise
            return original.specific.route(request, path_components)


def language_names(codes) -> list[dict]:
    """Each language code with its name in the reader's language and in its own, for a
    list or a switcher: ``{"code": "fr", "name": "French", "local": "français"}``."""
    names = dict(settings.LANGUAGES)
    return [
        {
            "code": code,
            "name": str(names.get(code, code)),
            "local": get_language_info(code)["name_local"],
        }
        for code in codes
    ]


def translations_in(courses, *, language: str) -> dict:
    """The live translation in ``language`` of each of these courses (originals, with their
    locale and topic loaded), keyed by the course's id, with ``original_id`` set so that its
    outline reads the original's record: what "My learning" shows a reader of ``language``.
    A course in that language already, or not translated into it, is left out. No query
    when every course is in ``language``, else one."""
    from courses.models import CoursePage

    wanted = {c.translation_key: c.id for c in courses if c.locale.language_code != language}
    if not wanted:
        return {}
    found = {}
    rows = (
        CoursePage.objects.live()
        .filter(translation_key__in=wanted, locale__language_code=language)
        .select_related("topic", "locale")
    )
    for translation in rows:
        translation.original_id = wanted[translation.translation_key]
        found[translation.original_id] = translation
    return found


def course_title_in(*, course, language: str) -> str:
    """The title of the course's published translation in ``language`` (a certificate's),
    else the course's own. One query."""
    from courses.models import CoursePage

    found = (
        CoursePage.objects.live()
        .filter(translation_key=course.translation_key, locale__language_code=language)
        .values_list("title", flat=True)
        .first()
    )
    return found or course.title
