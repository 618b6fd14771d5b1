"""What a preview of a course, module or lesson reads: the course as it will be once its
drafts go live. Every module and lesson under it, published or not, with the title and
estimated minutes of its latest revision, and links that stay inside the admin's previews.

Only Wagtail's preview views call this, and they render only for people who may edit the
page; nothing here goes into the shared cache, so learners never see a draft."""

import dataclasses

from django.db.models import F
from django.urls import reverse
from wagtail.models import Page

from courses.models import CoursePage
from courses.outline import (
    LESSON,
    CourseOutline,
    ModuleOutline,
    Step,
    add_provided_steps,
    lesson_step_key,
)


def draft_view_url(page_id: int) -> str:
    """The admin's preview of the page's latest revision: inside the preview panel, a link
    followed there opens another preview, not a live page (which may not be framed, and
    may not exist yet)."""
    return reverse("wagtailadmin_pages:view_draft", args=[page_id])


def draft_course_outline(course: CoursePage) -> CourseOutline:
    """The outline of the course with its draft modules and lessons: one query for the
    tree, plus one per step provider. A course not saved yet has none."""
    outline = CourseOutline(course_id=course.pk or 0)
    if not course.pk or not course.path:
        return outline
    rows = (
        Page.objects.filter(
            path__startswith=course.path, depth__in=[course.depth + 1, course.depth + 2]
        )
        .order_by("path")
        .values(
            "id",
            "path",
            "depth",
            "draft_title",
            minutes=F("lessonpage__estimated_minutes"),
            draft_minutes=F("latest_revision__content__estimated_minutes"),
        )
    )
    modules: dict[str, ModuleOutline] = {}
    for row in rows:
        if row["depth"] == course.depth + 1:
            url = draft_view_url(row["id"])
            module = ModuleOutline(id=row["id"], title=row["draft_title"], url=url)
            modules[row["path"]] = module
            outline.modules.append(module)
            continue
        module = modules.get(row["path"][: -Page.steplen])
        if module is None:  # not a module's child: the tree rules forbid it
            continue
        module.steps.append(
            Step(
                key=lesson_step_key(row["id"]),
                kind=LESSON,
                title=row["draft_title"],
                url=draft_view_url(row["id"]),
                course_id=outline.course_id,
                module_id=module.id,
                minutes=_minutes(row["draft_minutes"], row["minutes"]),
                page_id=row["id"],
            )
        )
    add_provided_steps([outline])
    _keep_links_in_previews(outline)
    return outline


def _minutes(draft, live) -> int | None:
    try:
        return int(draft)
    except (TypeError, ValueError):
        return live


def _keep_links_in_previews(outline: CourseOutline) -> None:
    """A step another app provides (a quiz) links to its learner page, which may not be
    framed: in a preview it links to the preview of its module (or of the course)."""
    for module in outline.modules:
        module.steps = [_linked_to(step, module.url) for step in module.steps]
    course_url = draft_view_url(outline.course_id)
    outline.final_steps = [_linked_to(step, course_url) for step in outline.final_steps]


def _linked_to(step: Step, url: str) -> Step:
    if step.page_id is not None:
        return step
    return dataclasses.replace(step, url=url)
