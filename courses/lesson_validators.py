"""Conditional requests for lesson pages: a learner who comes back to a lesson (the back
button, a reload, the link in the outline) over a slow link gets "304 Not Modified" and no
body when nothing on their page changed.

The page is one person's: their progress, their "done" button, their CSRF token. So the
validator is made of everything the page shows that may change, and of who asks:

- the person (their id, their session and CSRF secret: a new sign-in gives a new page),
  the language and the data-saver variant (``courses.media_preferences``);
- the lesson's live revision and the shared cache's generation, which changes whenever a
  course's outline, restrictions or lessons change (``courses.page_cache``);
- the enrolment and the steps completed.

Another learner's ETag never matches, since their id and session differ. The answer says
``Cache-Control: private, no-cache`` (a browser keeps the page and asks every time, no shared
cache keeps it) and ``Vary: Cookie, Save-Data``. No validator when a message waits to be
shown (a 304 would lose it) or when the shared cache is off (no generation to rely on).
"""

from django.contrib.messages import get_messages
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.crypto import salted_hmac

from courses import page_cache
from courses.media_preferences import SAVE_DATA_HEADER, media_preferences


def lesson_etag(request, *, lesson, context: dict) -> str | None:
    generation = page_cache.generation()
    if generation is None or len(get_messages(request)):
        return None
    user = request.user
    enrollment = context.get("enrollment")
    progress = context.get("progress")
    state = (
        user.pk,
        getattr(request, "session", None) and request.session.session_key,
        request.META.get("CSRF_COOKIE"),
        translation.get_language(),
        media_preferences(request).variant,
        lesson.pk,
        lesson.live_revision_id,
        generation,
        enrollment
        and (
            enrollment.pk,
            enrollment.status,
            enrollment.cycle,
            enrollment.due_at,
            enrollment.completed_at,
        ),
        sorted(progress.completed_keys) if progress else None,
        context.get("step_status"),
    )
    digest = salted_hmac("courses.lesson_etag", repr(state), algorithm="sha256").hexdigest()
    return f'"{digest[:32]}"'


def not_modified_response(request, etag: str | None):
    """ "304 Not Modified" when the browser's copy is current, else ``None``."""
    if etag is None:
        return None
    response = get_conditional_response(request, etag=etag)
    if response is not None:
        mark_private(response, etag)
    return response


def mark_private(response, etag: str | None):
    """Headers that let only this person's browser keep the page, and only with a check."""
    if etag is not None:
        response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Cookie", SAVE_DATA_HEADER))
    return response
