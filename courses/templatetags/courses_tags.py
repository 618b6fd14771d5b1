from django import template
from django.utils import translation

from courses import page_cache, selectors

register = template.Library()


@register.simple_tag
def catalogue_topics():
    """Topics with their number of live courses, for the home page."""
    return selectors.topic_list_with_course_counts()


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    """The lesson's content blocks, rendered once per live revision and kept in the shared
    cache (``courses.page_cache``): the same for every learner, and rich text links and
    image renditions cost queries. A preview renders a draft and is never cached. Saving
    the page replaces the cache's generation, so a page without revisions is safe too."""
    body = context.template.engine.get_template("courses/_lesson_body.html")
    request = context.get("request")
    if context.get("preview") or getattr(request, "is_preview", False):
        return body.render(context)
    if not page.live:
        return body.render(context)
    key = f"lesson-body:{translation.get_language()}:{page.pk}:{page.live_revision_id}"
    return page_cache.shared(key, lambda: body.render(context))
