"""The catalogue's full-text search on what a visitor types: the courses' own text and the
text of their modules and lessons, with the lessons that matched.

A query is searched as its words, whatever else it holds: quotes, stars, brackets, dashes
and the search engines' operators (NEAR, AND, OR, NOT, `^`, `col:`; `&`, `|`, `!`, `<->`
and `:*` on PostgreSQL) separate words and mean nothing more, so the same query finds the
same courses on SQLite and on PostgreSQL. ``config.search_backend`` makes SQLite safe for
any text as well, for the admin's searches; this keeps the catalogue's meaning plain.

One search runs over the course, module and lesson pages of the catalogue at once (they
share Wagtail's index), so a course is found by its own words or by its lessons' in the
same number of queries, however many match."""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from html import unescape

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.html import strip_tags
from wagtail.models import Page

from courses import access

MAX_WORDS = 20  # each word is one more condition in the full-text query
MAX_PAGE_HITS = 300  # course, module and lesson pages read per search, the most relevant
MATCHES_SHOWN = 3  # lessons or modules named on a course's card
SNIPPET_BEFORE, SNIPPET_AFTER = 40, 80  # characters of text around the matching word
COURSE_DEPTH = 4  # root › home › catalogue › course (as courses.selectors.COURSE_DEPTH)
MODULE_DEPTH, LESSON_DEPTH = COURSE_DEPTH + 1, COURSE_DEPTH + 2


def search_words(query: str) -> list[str]:
    """Runs of letters, marks and numbers, in any script: the marks keep Arabic diacritics
    and combining accents inside their word, as both databases' tokenisers do."""
    kept = (char if unicodedata.category(char)[0] in "LMN" else " " for char in query)
    return "".join(kept).split()[:MAX_WORDS]


@dataclass(frozen=True)
class Snippet:
    """A few words of a lesson around the first word of the query found in it."""

    before: str
    hit: str
    after: str


@dataclass
class PageMatch:
    """A module or lesson whose text matched, for the card of its course."""

    id: int
    title: str
    url: str
    snippet: Snippet | None = None


@dataclass
class CatalogueSearch:
    words: list[str]
    courses: list = field(default_factory=list)  # CoursePage, the most relevant first
    matches: dict[int, list[PageMatch]] = field(default_factory=dict)  # by course id


def catalogue_search(courses: QuerySet, *, index_page, request, query: str) -> CatalogueSearch:
    """The courses (of ``courses``, the catalogue's filtered queryset) whose own text, or
    the text of one of their live modules and lessons, holds every word of the query;
    and for each, the modules and lessons that matched. A module or lesson the request may
    not see (a restriction on it or above, a password not given in this session) is never
    searched. Three queries, whatever the number of results; none without a word."""
    words = search_words(query)
    found = CatalogueSearch(words=words)
    if not words:
        return found
    # Every copy of the catalogue (its translations too, ``courses.translations``): only
    # pages of the courses listed are kept below, whichever copy of the catalogue shows them.
    pages = (
        Page.objects.live()
        .filter(depth__gte=index_page.depth + 1)
        .filter(depth__in=[COURSE_DEPTH, MODULE_DEPTH, LESSON_DEPTH])
        .only("id", "title", "path", "depth", "url_path")
    )
    closed = access.closed_to_request(request)
    if closed:
        pages = pages.exclude(closed & Q(depth__gt=COURSE_DEPTH))
    hits = list(
        pages.search(" ".join(words), operator="and", order_by_relevance=True)[:MAX_PAGE_HITS]
    )
    hits = _under_live_modules(hits)
    course_length = COURSE_DEPTH * Page.steplen
    by_path = {
        course.path: course
        for course in courses.filter(path__in={hit.path[:course_length] for hit in hits})
    }
    for hit in hits:  # the most relevant first: a course ranks by its best hit
        course = by_path.get(hit.path[:course_length])
        if course is None:
            continue
        if course.id not in found.matches:
            found.courses.append(course)
            found.matches[course.id] = []
        if hit.depth > COURSE_DEPTH:
            url = (course.url or "") + hit.url_path[len(course.url_path) :]
            found.matches[course.id].append(PageMatch(id=hit.id, title=hit.title, url=url))
    return found


def topic_courses_index(*, topic) -> None:
    """A copy of a topic was saved or deleted: the courses tagged with any copy of it are
    indexed again, so that the search finds them by the topic's name in every language
    (``CoursePage.topic_names``). One query, then the index's own writes per course."""
    from wagtail.search import index

    from courses.models import CoursePage

    for course in CoursePage.objects.filter(topic__translation_key=topic.translation_key):
        index.insert_or_update_object(course)


def _under_live_modules(hits: list[Page]) -> list[Page]:
    """Leave out lessons whose module is not live (Wagtail serves them, but the course's
    outline leaves them out, and so does the search): one query when lessons matched."""
    module_length = MODULE_DEPTH * Page.steplen
    modules = {hit.path[:module_length] for hit in hits if hit.depth == LESSON_DEPTH}
    if not modules:
        return hits
    live = set(Page.objects.filter(path__in=modules, live=True).values_list("path", flat=True))
    return [hit for hit in hits if hit.depth != LESSON_DEPTH or hit.path[:module_length] in live]


@dataclass(frozen=True)
class CardMatches:
    """What a course's card says of its modules and lessons that matched."""

    shown: list[PageMatch]
    more: int  # matched, not named


def with_snippets(found: CatalogueSearch, course_ids: list[int]) -> dict[int, CardMatches]:
    """The matches named on these courses' cards (a page of results), each with a snippet
    of its text around the first word of the query: one query for all of them."""
    shown = {}
    for course_id in course_ids:
        matches = found.matches.get(course_id, [])
        shown[course_id] = CardMatches(
            shown=matches[:MATCHES_SHOWN], more=max(0, len(matches) - MATCHES_SHOWN)
        )
    by_id = {match.id: match for card in shown.values() for match in card.shown}
    if not by_id:
        return shown
    rows = (
        Page.objects.filter(id__in=by_id)
        .annotate(lesson_body=Cast("lessonpage__body", TextField()))
        .values_list("id", "lesson_body", "modulepage__summary")
    )
    for page_id, lesson_body, module_summary in rows:
        text = _plain_text(lesson_body) if lesson_body else (module_summary or "")
        by_id[page_id].snippet = snippet_of(text, found.words)
    return shown


# Keys of a lesson's stored blocks that hold no text a learner reads: block types and ids,
# a callout's kind, and the ids or addresses of images, documents and videos.
_NOT_TEXT = frozenset({"type", "id", "kind", "image", "document", "video"})


def _plain_text(stored_body: str) -> str:
    """The words of a lesson's StreamField as stored (JSON), without rendering its blocks:
    rendering would read every image and document it shows."""
    try:
        blocks = json.loads(stored_body)
    except ValueError:
        return ""
    return " ".join(" ".join(_texts(blocks)).split())


def _texts(value):
    if isinstance(value, str):
        yield unescape(strip_tags(value.replace("<", " <")))
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_TEXT:
                yield from _texts(item)


def snippet_of(text: str, words: list[str]) -> Snippet | None:
    """The first place a word of the query begins a word of the text (so "passport" finds
    "passports", as PostgreSQL's stemming does), with whole words around it."""
    found = None
    for word in words:
        match = re.search(rf"(?<!\w){re.escape(word)}", text, re.IGNORECASE)
        if match and (found is None or match.start() < found.start()):
            found = match
    if found is None:
        return None
    end = found.end()
    while end < len(text) and text[end].isalnum():
        end += 1  # the rest of the word: "passport" shows "passports" whole
    before = text[max(0, found.start() - SNIPPET_BEFORE) : found.start()]
    after = text[end : end + SNIPPET_AFTER]
    if found.start() > SNIPPET_BEFORE:
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    if end + SNIPPET_AFTER < len(text):
        after = (after.rsplit(" ", 1)[0] if " " in after else after) + "…"
    return Snippet(before=before, hit=text[found.start() : end], after=after)
