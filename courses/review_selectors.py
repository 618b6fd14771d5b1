"""Reads about course pages in review, for the admin dashboard and the reviewers' e-mail:
a trainer's drafts, what awaits review and what was sent back; what awaits a lead
trainer, grouped by course; the pages of one submission. Each in a fixed number of
queries, however many pages there are.

Pages are placed by their tree path (``courses.selectors.COURSE_DEPTH``): a course, its
modules one level down and their lessons one further, as the page types' parent rules
make them. Snippets in a workflow (none yet) are listed without a course."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Page,
    Revision,
    TaskState,
    WorkflowState,
    get_default_page_content_type,
)

from courses.selectors import COURSE_DEPTH

KINDS = {
    COURSE_DEPTH: _("Course"),
    COURSE_DEPTH + 1: _("Module"),
    COURSE_DEPTH + 2: _("Lesson"),
}


def page_kind(depth: int) -> str:
    return str(KINDS.get(depth, _("Page")))


def course_path(path: str) -> str | None:
    if len(path) < COURSE_DEPTH * Page.steplen:
        return None
    return path[: COURSE_DEPTH * Page.steplen]


def _context_paths(path: str, depth: int) -> list[str]:
    """The course and (for a lesson) the module a page belongs to."""
    wanted = [COURSE_DEPTH] + ([COURSE_DEPTH + 1] if depth == COURSE_DEPTH + 2 else [])
    return [path[: level * Page.steplen] for level in wanted if level < depth]


def _titles_at(paths: set[str]) -> dict[str, str]:
    """The latest titles of the pages at these paths: one query."""
    if not paths:
        return {}
    return dict(Page.objects.filter(path__in=paths).values_list("path", "draft_title"))


@dataclass
class PageInReview:
    page_id: int
    title: str
    kind: str
    edit_url: str
    when: datetime | None
    course_title: str = ""
    module_title: str = ""
    comment: str = ""  # what the reviewer wrote when sending it back
    reviewer: str = ""


@dataclass
class TrainerOverview:
    drafts: list[PageInReview] = field(default_factory=list)
    awaiting_review: list[PageInReview] = field(default_factory=list)
    sent_back: list[PageInReview] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.drafts or self.awaiting_review or self.sent_back)


def trainer_overview(*, user) -> TrainerOverview:
    """The person's own pages (owned, or submitted by them): drafts not in review, pages
    awaiting review, and pages sent back with the reviewer's comment. Three queries."""
    owned = Page.objects.filter(owner=user, id=Cast(OuterRef("object_id"), IntegerField()))
    states = list(
        WorkflowState.objects.active()
        .filter(base_content_type=get_default_page_content_type())
        .filter(Q(requested_by=user) | Exists(owned))
        .values(
            "object_id",
            "status",
            "created_at",
            "current_task_state__comment",
            "current_task_state__finished_at",
            "current_task_state__finished_by__full_name",
        )
    )
    by_page = {int(state["object_id"]): state for state in states}
    drafts = Q(owner=user) & (Q(live=False) | Q(has_unpublished_changes=True))
    pages = list(
        Page.objects.filter(Q(id__in=by_page) | drafts)
        .order_by("-latest_revision_created_at", "path")
        .values("id", "draft_title", "path", "depth", "latest_revision_created_at")
    )
    titles = _titles_at({p for page in pages for p in _context_paths(page["path"], page["depth"])})
    overview = TrainerOverview()
    for page in pages:
        item = _page_in_review(page, titles)
        state = by_page.get(page["id"])
        if state is None:
            item.when = page["latest_revision_created_at"]
            overview.drafts.append(item)
        elif state["status"] == WorkflowState.STATUS_NEEDS_CHANGES:
            item.when = state["current_task_state__finished_at"]
            item.comment = state["current_task_state__comment"] or ""
            item.reviewer = state["current_task_state__finished_by__full_name"] or ""
            overview.sent_back.append(item)
        else:
            item.when = state["created_at"]
            overview.awaiting_review.append(item)
    return overview


def _page_in_review(page: dict, titles: dict[str, str]) -> PageInReview:
    context = _context_paths(page["path"], page["depth"])
    return PageInReview(
        page_id=page["id"],
        title=page["draft_title"],
        kind=page_kind(page["depth"]),
        edit_url=reverse("wagtailadmin_pages:edit", args=[page["id"]]),
        when=None,
        course_title=titles.get(context[0], "") if context else "",
        module_title=titles.get(context[1], "") if len(context) > 1 else "",
    )


# --- what awaits a reviewer -----------------------------------------------------------------


@dataclass
class ReviewRow:
    """One task awaiting the reviewer, with what Wagtail's own dashboard row needs."""

    task_state: TaskState
    obj: object
    actions: list
    kind: str
    module_title: str = ""
    path: str = ""

    @property
    def revision(self):
        return self.task_state.revision

    @property
    def is_page(self) -> bool:
        return isinstance(self.obj, Page)


@dataclass
class ReviewGroup:
    title: str  # the course's latest title; empty for items outside any course
    rows: list[ReviewRow] = field(default_factory=list)


def review_groups_for(*, user) -> list[ReviewGroup]:
    """The tasks awaiting this reviewer, grouped under their course (most recently
    submitted course first, pages in tree order within it). A fixed number of queries:
    Wagtail's own reading of which tasks the person may review (two, plus one per kind of
    task), the task states, their pages, the course and module titles, and one per other
    kind of object in review."""
    states = list(
        TaskState.objects.reviewable_by(user)
        .select_related("revision", "revision__user", "workflow_state", "task")
        .annotate(previous_revision_id=Revision.objects.previous_revision_id_subquery())
        .order_by("-started_at")
    )
    if not states:
        return []
    objects = _objects_in_review(states)
    tasks = {}
    pages = [obj for obj in objects.values() if isinstance(obj, Page)]
    titles = _titles_at({p for page in pages for p in _context_paths(page.path, page.depth)})
    groups: dict[str, ReviewGroup] = {}
    for state in states:
        obj = objects.get((state.revision.base_content_type_id, state.revision.object_id))
        if obj is None:  # deleted since it was submitted
            continue
        if state.task_id not in tasks:
            tasks[state.task_id] = state.task.specific
        row = ReviewRow(
            task_state=state,
            obj=obj,
            actions=tasks[state.task_id].get_actions(obj, user),
            kind=str(obj._meta.verbose_name).capitalize(),
        )
        key = ""
        if isinstance(obj, Page):
            row.kind, row.path = page_kind(obj.depth), obj.path
            context = _context_paths(obj.path, obj.depth)
            key = course_path(obj.path) or ""
            row.module_title = titles.get(context[1], "") if len(context) > 1 else ""
        group = groups.setdefault(key, ReviewGroup(title=titles.get(key, "") if key else ""))
        group.rows.append(row)
    for group in groups.values():
        group.rows.sort(key=lambda row: row.path)
    return list(groups.values())


def _objects_in_review(states: list[TaskState]) -> dict[tuple[int, str], object]:
    """The objects of the states' revisions (pages as plain ``Page`` rows: the dashboard
    needs their title, tree place and permissions only)."""
    return objects_by_content_type(
        (state.revision.base_content_type_id, state.revision.object_id) for state in states
    )


def objects_by_content_type(keys, *, specific_pages: bool = False) -> dict[tuple[int, str], object]:
    """The objects named by (base content type id, object id) pairs, keyed the same way:
    one query per kind of object (per page type too, with ``specific_pages``). Objects
    whose model is gone, or that were deleted, are left out."""
    wanted: dict[int, set[str]] = {}
    for content_type_id, object_id in keys:
        wanted.setdefault(content_type_id, set()).add(str(object_id))
    found = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        queryset = model._default_manager.filter(pk__in=ids)
        if specific_pages and issubclass(model, Page):
            queryset = queryset.specific()
        for obj in queryset:
            found[(content_type_id, str(obj.pk))] = obj
    return found


# --- one submission ---------------------------------------------------------------------------


def task_states_of_requester(*, task_state: TaskState, since: datetime, until: datetime):
    """The task states of the same task started by the same person in this time span,
    each with ``page_path``, the tree path of its page (None for other objects): one
    query."""
    return with_page_paths(
        TaskState.objects.filter(
            task_id=task_state.task_id,
            workflow_state__requested_by_id=task_state.workflow_state.requested_by_id,
            started_at__gte=since,
            started_at__lte=until,
        )
    )


def with_page_paths(task_states) -> list[TaskState]:
    """The task states, each with ``page_path``, the tree path of its page (None for other
    objects), in the order they started: one query."""
    page_path = Page.objects.filter(
        id=Cast(OuterRef("workflow_state__object_id"), IntegerField())
    ).values("path")[:1]
    states = list(
        task_states.select_related("revision", "workflow_state")
        .annotate(page_path=page_path)
        .order_by("started_at", "id")
    )
    page_type_id = get_default_page_content_type().id
    for state in states:
        if state.workflow_state.base_content_type_id != page_type_id:
            state.page_path = None
    return states


@dataclass
class SubmittedItem:
    title: str
    kind: str
    url: str  # the admin path of its editor (or the dashboard, for other objects)
    module_title: str = ""


def submitted_items(states: list[TaskState]) -> tuple[str, list[SubmittedItem]]:
    """The course title and the items of one submission (states from
    ``task_states_of_requester``), in tree order: one query for the titles."""
    page_states = [s for s in states if getattr(s, "page_path", None)]
    paths = {p for s in page_states for p in _context_paths(s.page_path, _depth(s.page_path))}
    titles = _titles_at(paths)
    items = []
    for state in sorted(states, key=lambda s: getattr(s, "page_path", None) or "~"):
        path = getattr(state, "page_path", None)
        if not path:
            items.append(
                SubmittedItem(
                    title=state.revision.object_str, kind="", url=reverse("wagtailadmin_home")
                )
            )
            continue
        context = _context_paths(path, _depth(path))
        items.append(
            SubmittedItem(
                title=state.revision.object_str,
                kind=page_kind(_depth(path)),
                url=reverse("wagtailadmin_pages:edit", args=[state.workflow_state.object_id]),
                module_title=titles.get(context[1], "") if len(context) > 1 else "",
            )
        )
    course = course_path(page_states[0].page_path) if page_states else None
    return (titles.get(course, "") if course else ""), items


def _depth(path: str) -> int:
    return len(path) // Page.steplen
