"""Topics in the reader's language (issue 15).

A topic and its translations (wagtail-localize) share a ``translation_key``; the original
is the first created (``courses.translations``). A course keeps whichever copy its trainer
gave it (a translated course gets the translated topic when there is one), so topics are
matched by ``translation_key``, never by id: a course tagged with the English topic is
found by the French one and the other way. What a reader sees is the copy in their
language, else the original. Everything here is an expression or a queryset: no query of
its own, so the catalogue and course pages keep their query counts."""

from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation

from courses.models import CoursePage, Topic


def _language(language: str | None) -> str:
    return language or translation.get_language() or ""


def shown_topics(language: str | None = None) -> QuerySet:
    """One copy of every topic: the one in ``language`` (the reader's by default) where the
    topic is translated into it, else the original."""
    language = _language(language)
    same = Topic.objects.filter(translation_key=OuterRef("translation_key"))
    in_language = same.filter(locale__language_code=language)
    earlier = same.filter(id__lt=OuterRef("id"))
    return Topic.objects.filter(
        Exists(in_language.filter(id=OuterRef("id"))) | (~Exists(in_language) & ~Exists(earlier))
    )


def topic_name_shown(language: str | None = None, *, topic: str = "topic"):
    """An expression for the name of a row's topic (``topic``: the lookup to it) in
    ``language``, else the original's name: annotate courses with it."""
    language = _language(language)
    same = Topic.objects.filter(translation_key=OuterRef(f"{topic}__translation_key"))
    in_language = same.filter(locale__language_code=language).values("name")[:1]
    original = same.order_by("id").values("name")[:1]
    return Coalesce(Subquery(in_language), Subquery(original), F(f"{topic}__name"))


def same_topic_ids(topic_id: int) -> QuerySet:
    """The ids of the topic and of its translations (a subquery): a filter by topic finds
    the courses tagged with any copy of it."""
    key = Topic.objects.filter(pk=topic_id).values("translation_key")[:1]
    return Topic.objects.filter(translation_key=Subquery(key)).values("id")


def topics_with_course_counts() -> list[Topic]:
    """The topics that have a live course, in the reader's language, each with how many
    (``course_count``: a course and its translations are one course, whichever copy of the
    topic each is tagged with). One query."""
    counts = (
        CoursePage.objects.live()
        .filter(topic__translation_key=OuterRef("translation_key"))
        .order_by()
        .values("topic__translation_key")
        .annotate(n=Count("translation_key", distinct=True))
        .values("n")
    )
    return list(
        shown_topics()
        .annotate(course_count=Coalesce(Subquery(counts), 0))
        .filter(course_count__gt=0)
        .order_by("name")
    )
