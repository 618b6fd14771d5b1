"""Reads for a course or module reviewed as a whole (issue 14): what a submission would hold,
and what a submitted one changed, page by page.

Other apps add the objects that are reviewed with a course's pages (the quizzes of its
modules) through ``register_reviewed_with_pages``: a function given the course or module
returns the objects attached to it or below it that have unpublished changes. Courses
imports none of them."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Page, WorkflowPage, WorkflowState

from courses.models import ReviewSubmission
from courses.review_selectors import objects_by_content_type, page_kind

ReviewedWithPages = Callable[[Page], list]
_reviewed_with_pages: list[ReviewedWithPages] = []


def register_reviewed_with_pages(finder: ReviewedWithPages) -> None:
    if finder not in _reviewed_with_pages:
        _reviewed_with_pages.append(finder)


NEW, CHANGED, AWAITING, SENT_BACK = "new", "changed", "awaiting", "sent_back"
STATE_LABELS = {
    NEW: gettext_lazy("New"),
    CHANGED: gettext_lazy("Changed"),
    AWAITING: gettext_lazy("Already awaiting review"),
    SENT_BACK: gettext_lazy("Sent back for changes"),
}
STATUS_LABELS = {
    WorkflowState.STATUS_IN_PROGRESS: gettext_lazy("Awaiting review"),
    WorkflowState.STATUS_NEEDS_CHANGES: gettext_lazy("Sent back for changes"),
    WorkflowState.STATUS_APPROVED: gettext_lazy("Approved"),
    WorkflowState.STATUS_CANCELLED: gettext_lazy("Cancelled"),
}


@dataclass
class ReviewItem:
    """One page or object of a (possible) submission."""

    obj: object
    title: str
    kind: str
    level: int  # 0 for the course or module submitted, 1 for its children, ...
    state: str
    workflow: object = None
    workflow_state: WorkflowState | None = None
    refusal: str = ""  # why this person cannot submit it
    changes: list = field(default_factory=list)  # Wagtail comparisons, on the detail view
    actions: list = field(default_factory=list)  # what the viewer may do with its task
    status: str = ""  # of its workflow, once submitted

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS.get(self.state, ""))

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, ""))

    @property
    def is_page(self) -> bool:
        return isinstance(self.obj, Page)


def submission_candidates(*, user, root: Page) -> list[ReviewItem]:
    """The draft pages of the course or module (itself included), in tree order, then the
    objects reviewed with them, each with its workflow and whether this person may submit
    it. Pages: a fixed number of queries (the subtree, one per page type, the workflows of
    the tree, the workflow states); other objects: their finders' queries."""
    pages = list(
        root.get_descendants(inclusive=True)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .order_by("path")
        .prefetch_workflow_states()  # what page_locked() reads, for all pages at once
        .annotate_approved_schedule()
        .specific()
    )
    workflows = _workflows_for(root, pages)
    states = _active_states(pages)
    items = []
    for page in pages:
        item = ReviewItem(
            obj=page,
            title=page.get_admin_display_title(),
            kind=page_kind(page.depth),
            level=page.depth - root.depth,
            state=NEW if not page.live else CHANGED,
            workflow=workflows.get(page.pk),
            workflow_state=states.get(str(page.pk)),
        )
        _place_in_review(item, user)
        items.append(item)
    for finder in _reviewed_with_pages:
        for obj in finder(root):
            item = ReviewItem(
                obj=obj,
                title=str(obj),
                kind=str(obj._meta.verbose_name).capitalize(),
                level=1,
                state=NEW if not getattr(obj, "live", True) else CHANGED,
                workflow=obj.get_workflow(),
                workflow_state=obj.current_workflow_state,
            )
            _place_in_review(item, user)
            items.append(item)
    # What someone else sent for review stays in their review: they hear its decision.
    return [item for item in items if not _awaiting_anothers_review(item, user)]


def _awaiting_anothers_review(item: ReviewItem, user) -> bool:
    state = item.workflow_state
    return item.state == AWAITING and state.requested_by_id != user.pk


def _place_in_review(item: ReviewItem, user) -> None:
    state = item.workflow_state
    if state is not None:
        item.state = SENT_BACK if state.status == WorkflowState.STATUS_NEEDS_CHANGES else AWAITING
    if item.state == AWAITING:
        return  # it joins the submission as it is; its task locks it meanwhile
    if item.workflow is None and state is None:
        item.refusal = _("No review workflow applies to it.")
    elif not _may_edit(item.obj, user):
        item.refusal = _("You may not edit it.")


def _may_edit(obj, user) -> bool:
    if isinstance(obj, Page):
        tester = obj.permissions_for_user(user)
        return tester.can_edit() and not tester.page_locked()
    lock = obj.get_lock() if hasattr(obj, "get_lock") else None
    if lock is not None and lock.for_user(user):
        return False
    opts = obj._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def _workflows_for(root: Page, pages: list[Page]) -> dict[int, object]:
    """The active workflow of each page: its own, or its nearest ancestor's. One query."""
    paths = {
        page.path[: depth * Page.steplen] for page in pages for depth in range(1, page.depth + 1)
    }
    assigned = {
        row.page.path: row.workflow
        for row in WorkflowPage.objects.filter(workflow__active=True, page__path__in=paths)
        .select_related("page", "workflow")
        .only("page__path", "workflow")
    }
    found = {}
    for page in pages:
        for depth in range(page.depth, 0, -1):
            workflow = assigned.get(page.path[: depth * Page.steplen])
            if workflow is not None:
                found[page.pk] = workflow
                break
    return found


def _active_states(pages: list[Page]) -> dict[str, WorkflowState]:
    if not pages:
        return {}
    states = WorkflowState.objects.active().filter(
        base_content_type=pages[0].get_base_content_type(),
        object_id__in=[str(page.pk) for page in pages],
    )
    return {state.object_id: state for state in states.select_related("current_task_state")}


# --- a submitted course or module ------------------------------------------------------------


def submission_items(*, submission, user=None) -> list[ReviewItem]:
    """What a submission holds, pages in tree order first, each with its workflow state
    and the actions ``user`` may take on its current task."""
    states = list(
        submission.workflow_states.select_related(
            "current_task_state__task", "current_task_state__revision"
        )
    )
    objects = objects_by_content_type(
        ((state.base_content_type_id, state.object_id) for state in states), specific_pages=True
    )
    root_depth = submission.root.depth
    tasks = {}
    items = []
    for state in states:
        obj = objects.get((state.base_content_type_id, state.object_id))
        if obj is None:
            continue
        is_page = isinstance(obj, Page)
        item = ReviewItem(
            obj=obj,
            title=obj.get_admin_display_title() if is_page else str(obj),
            kind=page_kind(obj.depth) if is_page else str(obj._meta.verbose_name).capitalize(),
            level=obj.depth - root_depth if is_page else 1,
            state=CHANGED if getattr(obj, "live", True) else NEW,
            workflow_state=state,
            status=state.status,
        )
        task_state = state.current_task_state
        if user is not None and task_state and state.status == WorkflowState.STATUS_IN_PROGRESS:
            if task_state.task_id not in tasks:
                tasks[task_state.task_id] = task_state.task.specific
            task = tasks[task_state.task_id]
            item.actions = [name for name, *_rest in task.get_actions(obj, user)]
        items.append(item)
    items.sort(key=lambda item: (not item.is_page, getattr(item.obj, "path", ""), item.title))
    return items


def with_changes(items: list[ReviewItem], *, request) -> list[ReviewItem]:
    """Each item with what changed against the live version: every field Wagtail's own
    comparison shows, new objects against an empty one. No query: the revisions came with
    the items."""
    for item in items:
        task_state = item.workflow_state.current_task_state if item.workflow_state else None
        if task_state is not None:
            item.changes = changes_of(item.obj, task_state.revision, request=request)
    return items


def changes_of(obj, revision, *, request) -> list:
    """Wagtail's field comparisons (as its "Compare" view makes them) between the live
    object, whose row holds the live content, and a revision; a new object is compared
    with an empty one."""
    if revision is None:
        return []
    model = type(obj)
    # The revision's fields as an object, without the queries ``as_object`` makes to restore
    # comments, the locale and the tree place, which no comparison reads.
    after = model.from_serializable_data(revision.content, check_fks=False)
    before = obj if getattr(obj, "live", True) else model()
    handler = model.get_edit_handler() if isinstance(after, Page) else get_edit_handler(model)
    panel = handler.get_bound_panel(instance=after, request=request, form=None)
    return [diff for comp in panel.get_comparison() if (diff := comp(before, after)).has_changed()]


def open_submissions_among(*, workflow_state_ids) -> list:
    """The undecided submissions holding any of these workflow states (those awaiting a
    reviewer, from ``review_groups_for``), newest first, each with ``item_count``: one
    query, none without states."""
    if not workflow_state_ids:
        return []
    return list(
        ReviewSubmission.objects.filter(decision="", workflow_states__in=workflow_state_ids)
        .annotate(item_count=Count("workflow_states", distinct=True))
        .select_related("root", "requested_by")
        .order_by("-created_at")
    )
