"""Panels of the admin dashboard for the people who write and review courses.

- ``CourseWorkPanel`` (trainers, and anyone who may add courses): a "New course" button,
  their drafts, what awaits review and what was sent back with the reviewer's comment.
  It takes the place of Wagtail's "Your pages and snippets in a workflow", which it covers.
- ``AwaitingReviewByCoursePanel`` (reviewers): Wagtail's "Awaiting your review" with the
  same actions, grouped under each course, each page with its kind and module.

Both read in a fixed number of queries (``courses.review_selectors``); both render
nothing for people with nothing to show (managers, for one)."""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses.review_selectors import review_groups_for, trainer_overview
from courses.submission_selectors import open_submissions_among

ITEMS_SHOWN = 10


def may_add_courses(user) -> bool:
    """Whether the person may add pages anywhere (trainers, lead trainers, administrators):
    from the page permissions Wagtail keeps on the user, after one query."""
    return PagePermissionPolicy().user_has_permission(user, "add")


class CourseWorkPanel(Component):
    name = "waypoint_course_work"
    template_name = "courses/admin/course_work_panel.html"
    order = 230  # after what awaits the person's review, before recent edits

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        overview = trainer_overview(user=request.user)
        sections = [
            ("sent-back", overview.sent_back),
            ("awaiting", overview.awaiting_review),
            ("drafts", overview.drafts),
        ]
        return {
            "request": request,
            "new_course_url": reverse("courses_new_course"),
            "is_empty": overview.is_empty,
            "sections": [
                {"id": name, "items": items[:ITEMS_SHOWN], "more": max(len(items) - ITEMS_SHOWN, 0)}
                for name, items in sections
            ],
        }


class AwaitingReviewByCoursePanel(Component):
    name = "workflow_objects_to_moderate"  # Wagtail's panel of the same name, replaced
    template_name = "courses/admin/awaiting_review_panel.html"
    order = 220

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        groups = review_groups_for(user=request.user)
        states = {row.task_state.workflow_state_id for group in groups for row in group.rows}
        return {
            "request": request,
            "csrf_token": parent_context["csrf_token"],
            "groups": groups,
            "submissions": open_submissions_among(workflow_state_ids=states),
        }


def course_panels(request, panels: list) -> None:
    """``construct_homepage_panels``: ours in, the Wagtail panels they replace out."""
    replaced = {AwaitingReviewByCoursePanel.name}
    if may_add_courses(request.user):
        replaced.add("user_objects_in_workflow_moderation")
        panels.append(CourseWorkPanel())
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in replaced] + [
        AwaitingReviewByCoursePanel()
    ]
