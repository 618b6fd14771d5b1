"""A signed-in learner's lesson page, rendered once per lesson and language and finished per
request (issue 19, P1).

Most of a lesson page is the same for every learner of the lesson: the site's header and
footer, the lesson's title, body and languages. That part, the *skeleton*, is rendered once
per (lesson's live revision, language, data-saver variant, host) and kept in the shared
cache (``courses.page_cache``: any change to a course replaces its generation, so the next
view renders afresh; the name also carries a fingerprint of the templates, translations
and static files, so a new release never serves an old skeleton).

The skeleton is rendered from a context that holds no person: no request, no user, no
enrolment, no progress, only the lesson's shared values (``_skeleton_context``). Where the
page shows something of the request or the person, the skeleton has a hole, filled per
request from the same values a whole render would use (the template context processors and
the page's context):

- ``{% csrf_token %}``, the person's offline cache name, the page's path (the language
  forms' ``next``): escaped as the template escapes them;
- ``{% learner_part "template" %}``: the learner's progress bar and outline ticks,
  rendered per request with the page's whole context. The "Done" form and the ways on
  (``_lesson_pager.html``) have only five variants per lesson (done; open, with or without
  "Done, next" and "Skip" going to the next step): they are rendered with the skeleton,
  without a person either, and the learner's is picked per request (``_pager_state``).

Rendered whole, as before: pages for someone shown the admin link (the Wagtail user bar),
pages with a message waiting, previews and drafts, and everything with ``DEBUG`` on (the
development server picks up edited templates) or without the shared cache.
``tests/courses/test_lesson_skeleton.py`` checks that a page finished from the skeleton is
the page rendered whole, for learners in different states.
"""

import hashlib
import re
import secrets
from functools import cache

from django.conf import settings
from django.contrib.messages import get_messages
from django.template import Context
from django.template.context_processors import i18n
from django.template.response import TemplateResponse
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.html import conditional_escape

from accounts.selectors import session_can_access_admin
from courses import page_cache
from courses.media_preferences import media_preferences

SKELETON_FLAG = "waypoint_lesson_skeleton"
# Marks the holes while the skeleton is rendered; new in every process, so no course
# content can contain one, and the skeleton is split at them before it is stored.
_MARK = secrets.token_hex(16)
_HOLE = re.compile(rf"{_MARK}:(value|path|full_path|part):([\w./-]*):{_MARK}")
# The values of the request that the page's templates show, by context variable.
VALUE_HOLES = ("csrf_token", "offline_cache_key")
# The "Done" form and the ways on: a few variants per lesson, rendered with the skeleton.
PAGER = "courses/_lesson_pager.html"
PAGER_STATES = ("done", "open", "open-done-next", "open-skip", "open-done-next-skip")
# What the skeleton may show of the lesson's context: shared by every learner of it.
SHARED_KEYS = (
    "page",
    "self",
    "course",
    "outline",
    "current_key",
    "content_language",
    "content_languages",
    "previous_step",
    "next_step_in_course",
    "position",
)


def _hole(kind: str, name: str = "") -> str:
    return f"{_MARK}:{kind}:{name}:{_MARK}"


def part_hole(template_name: str) -> str:
    return _hole("part", template_name)


class _RequestHoles:
    """What the templates read of the request while the skeleton is rendered: holes."""

    is_preview = False
    path = _hole("path")

    def get_full_path(self) -> str:
        return _hole("full_path")


class _SignedIn:
    """The skeleton's ``user``: someone signed in, nobody in particular."""

    is_authenticated = True
    is_anonymous = False


def finished_page(request, template, context: dict) -> str | None:
    """The page finished from its shared skeleton, or ``None`` when it must be rendered
    whole. ``template`` is the page's template (a backend template), ``context`` the page's
    context as its ``get_context`` made it."""
    if not _may_use_skeleton(request, context):
        return None
    name = cache_name(request, context["page"])
    skeleton = page_cache.shared(name, lambda: _skeleton(template, context))
    return _finish(skeleton, request, template, context)


def _may_use_skeleton(request, context: dict) -> bool:
    page = context.get("page")
    return (
        settings.COURSE_PAGE_CACHE_ENABLED
        and not settings.DEBUG
        and page is not None
        and page.live
        and not context.get("preview")
        and getattr(request, "is_preview", False) is False
        and request.user.is_authenticated
        and context.get("enrollment") is not None
        and not session_can_access_admin(request)
        and not len(get_messages(request))
    )


def cache_name(request, lesson) -> str:
    """The skeleton's name in the shared cache (``courses.cache_names`` prefetches it)."""
    where, variant = _where_and_variant(request)
    language = translation.get_language()
    revision = f"{lesson.pk}:{lesson.live_revision_id}"
    return f"lesson-page:{release()}:{where}:{language}:{variant}:{revision}"


def _where_and_variant(request) -> tuple[str, str]:
    """The site (host and script prefix) and the data-saver variant of the request: the
    same for the whole request, so worked out once, though the name is asked for twice
    (the prefetch, then the page)."""
    found = request.__dict__.get("_waypoint_skeleton_where_and_variant")
    if found is None:
        where = hashlib.blake2b(
            f"{request.get_host()}\0{get_script_prefix()}".encode("utf-8", "surrogatepass"),
            digest_size=6,
        ).hexdigest()
        found = (where, media_preferences(request).variant)
        request._waypoint_skeleton_where_and_variant = found
    return found


def _skeleton_context(context: dict) -> dict:
    values = {key: context[key] for key in SHARED_KEYS if key in context}
    values.update(i18n(None))
    values.update({name: _hole("value", name) for name in VALUE_HOLES})
    values.update(
        {
            SKELETON_FLAG: True,
            "request": _RequestHoles(),
            "user": _SignedIn(),
            "can_access_admin": False,
            "messages": (),
            "lesson_media": media_preferences(context.get("request")),
        }
    )
    return values


def _skeleton(template, context: dict) -> dict:
    """The page rendered without a person, and each variant of its pager: split at their
    holes into text and (kind, name) pairs, in order."""
    engine = template.template.engine
    pager = engine.get_template(PAGER)
    return {
        "page": _split(template.render(_skeleton_context(context))),
        "pagers": {
            state: _split(pager.render(Context(_pager_context(context, state))))
            for state in PAGER_STATES
        },
    }


def _split(html: str) -> list:
    segments: list = []
    start = 0
    for hole in _HOLE.finditer(html):
        segments.append(html[start : hole.start()])
        segments.append((hole[1], hole[2]))
        start = hole.end()
    segments.append(html[start:])
    if any(isinstance(text, str) and _MARK in text for text in segments):
        raise ValueError("a hole of the lesson skeleton was rendered in an unknown form")
    return segments


def _pager_state(context: dict) -> str | None:
    """Which of the lesson's pagers the learner gets: the lesson done, or open with or
    without "Done, next" and "Skip for now" leading to the next step. ``None`` for anything
    else, rendered per request."""
    next_step = context.get("next_step_in_course")
    done_next, skip = context.get("done_next_step"), context.get("skip_step")
    if any(step is not None and step is not next_step for step in (done_next, skip)):
        return None
    status = context.get("step_status")
    if status == "done":
        return "done"
    if status != "open":
        return None
    return "open" + ("-done-next" if done_next else "") + ("-skip" if skip else "")


def _pager_context(context: dict, state: str) -> dict:
    next_step = context.get("next_step_in_course")
    return {
        **_skeleton_context(context),
        "enrollment": True,  # the skeleton is only for enrolled learners
        "step_status": "done" if state == "done" else "open",
        "done_next_step": next_step if "-done-next" in state else None,
        "skip_step": next_step if "-skip" in state else None,
    }


def _finish(skeleton: dict, request, template, context: dict) -> str:
    values = {}
    for processor in template.template.engine.template_context_processors:
        values.update(processor(request))
    values.update(context)
    pager = skeleton["pagers"].get(_pager_state(context))
    part_context = None
    html = []
    for segment in skeleton["page"]:
        if isinstance(segment, str):
            html.append(segment)
            continue
        kind, name = segment
        if kind != "part":
            html.append(_filled(segment, request, values))
        elif name == PAGER and pager is not None:
            html.extend(
                text if isinstance(text, str) else _filled(text, request, values) for text in pager
            )
        else:
            if part_context is None:
                part_context = Context(values)
            part = template.template.engine.get_template(name)
            html.append(part.render(part_context))
    return "".join(html)


def _filled(hole: tuple, request, values: dict) -> str:
    kind, name = hole
    if kind == "value":
        return conditional_escape(str(values[name]))
    if kind == "path":
        return conditional_escape(request.path)
    if kind == "full_path":
        return conditional_escape(request.get_full_path())
    raise ValueError(f"unknown hole {hole!r}")


@cache
def release() -> str:
    """A fingerprint of what renders a page besides the data: our templates, compiled
    translations and the static files' hashed names. Read once per process."""
    digest = hashlib.blake2b(digest_size=6)
    for folder, suffixes in (("templates", (".html", ".txt")), ("locale", (".mo",))):
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in suffixes:
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode() + b"\0")
                digest.update(path.read_bytes())
    from django.contrib.staticfiles.storage import staticfiles_storage

    hashed = getattr(staticfiles_storage, "hashed_files", None) or {}
    digest.update(repr(sorted(hashed.items())).encode())
    return digest.hexdigest()


class LessonPageResponse(TemplateResponse):
    """A lesson page's response: finished from the lesson's skeleton when it may be,
    otherwise rendered whole as any ``TemplateResponse`` (its context and template stay
    what middleware and tests read)."""

    @property
    def rendered_content(self):
        template = self.resolve_template(self.template_name)
        html = finished_page(self._request, template, self.context_data)
        if html is None:
            return template.render(self.resolve_context(self.context_data), self._request)
        return html
