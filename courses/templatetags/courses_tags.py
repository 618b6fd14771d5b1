from django import template
from django.template import Context
from django.utils.safestring import mark_safe

from courses import cache_names, lesson_skeleton, page_cache, selectors
from courses.media_preferences import media_preferences
from courses.topics import topics_with_course_counts

register = template.Library()


@register.simple_tag
def catalogue_topics():
    """Topics with their number of live courses, in the reader's language, for the home
    page."""
    return topics_with_course_counts()


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    """The lesson's content blocks, rendered once per live revision and kept in the shared
    cache (``courses.page_cache``): the same for every learner, and rich text links and
    image renditions cost queries. A preview renders a draft and is never cached. Saving
    the page replaces the cache's generation, so a page without revisions is safe too."""
    body = context.template.engine.get_template("courses/_lesson_body.html")
    request = context.get("request")
    media = context.get("lesson_media") or media_preferences(request)
    with context.push(media=media):
        if context.get("preview") or getattr(request, "is_preview", False) or not page.live:
            return body.render(context)
        name = cache_names.lesson_body_cache_name(page, media.variant)
        return page_cache.shared(name, lambda: body.render(context))


@register.simple_tag(takes_context=True)
def learner_part(context, template_name):
    """The part of a lesson page that is the learner's own (their progress, the "Done"
    form, the ticks of the outline): ``template_name`` rendered with the page's context.
    In the lesson's shared skeleton (``courses.lesson_skeleton``) it is a hole instead,
    rendered per request."""
    if context.get(lesson_skeleton.SKELETON_FLAG):
        return mark_safe(lesson_skeleton.part_hole(template_name))
    return context.template.engine.get_template(template_name).render(context)


STEP_STATUSES = ("open", "done", "locked")


@register.simple_tag(takes_context=True)
def outline_items(context, steps):
    """The ``<li>`` of each (step, status) of a course outline, as
    ``includes/step_item.html`` renders it. On a learner's lesson page every variant of
    every step (each status, current or not) is rendered once per course, language and
    generation of the shared cache (``courses.page_cache``) and only put together per
    request: nothing of one learner is in the cache, only the markup every learner's
    outline is made of. A preview (draft outline) renders afresh."""
    item = context.template.engine.get_template("includes/step_item.html")
    current_key = context.get("current_key")
    variants = _outline_variants(context, item)
    parts = []
    for step, status in steps:
        html = variants.get((step.key, status, step.key == current_key)) if variants else None
        if html is None:
            with context.push(step=step, status=status):
                html = item.render(context)
        parts.append(html)
    return mark_safe("".join(parts))


def _outline_variants(context, item) -> dict | None:
    request = context.get("request")
    outline = context.get("outline")
    if outline is None or context.get("preview") or getattr(request, "is_preview", False):
        return None
    memo = context.render_context
    if "waypoint_outline_variants" not in memo:
        page = context.get("page")
        name = cache_names.outline_items_cache_name(selectors.course_path_of(page))
        memo["waypoint_outline_variants"] = page_cache.shared(
            name, lambda: _render_variants(outline, item)
        )
    return memo["waypoint_outline_variants"]


def _render_variants(outline, item) -> dict:
    variants = {}
    for step in outline.steps:
        for status in STEP_STATUSES:
            for current in (False, True):
                values = {
                    "step": step,
                    "status": status,
                    "current_key": step.key if current else "",
                }
                # Kept as plain text: the items are joined and marked safe together
                # (``outline_items``); a SafeString each would be rebuilt by a Python call
                # per item every time the entry is read from the cache.
                variants[(step.key, status, current)] = str.__str__(item.render(Context(values)))
    return variants
