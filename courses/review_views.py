"""Admin views of a course or module reviewed as a whole: the trainer's "Submit for review
with everything below it" and the submission the lead trainer approves or sends back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from courses.models import CoursePage, ModulePage, ReviewSubmission
from courses.services import course_review_decide, course_review_submit
from courses.submission_selectors import submission_candidates, submission_items, with_changes

REVIEWED_AS_A_WHOLE = (CoursePage, ModulePage)


def _titles(title: str) -> dict:
    """The admin's page heading and the browser tab's title."""
    return {"page_title": title, "header_title": title}


def _root_or_404(page_id: int) -> Page:
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, REVIEWED_AS_A_WHOLE):
        raise PermissionDenied
    return page


@require_http_methods(["GET", "POST"])
def submit(request, page_id: int):
    root = _root_or_404(page_id)
    if not root.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "POST":
        try:
            submission = course_review_submit(user=request.user, root=root)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("courses_review_submit", root.pk)
        count = submission.workflow_states.count()
        messages.success(
            request,
            ngettext(
                "'%(title)s' was submitted for review with %(count)s item.",
                "'%(title)s' was submitted for review with %(count)s items.",
                count,
            )
            % {"title": root.get_admin_display_title(), "count": count},
        )
        return redirect("wagtailadmin_explore", root.pk)
    items = submission_candidates(user=request.user, root=root)
    return TemplateResponse(
        request,
        "courses/admin/review_submit.html",
        {
            "root": root,
            "items": items,
            "refused": [item for item in items if item.refusal],
            **_titles(
                _("Submit for review: %(title)s") % {"title": root.get_admin_display_title()}
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def submission(request, pk: int):
    found = get_object_or_404(ReviewSubmission.objects.select_related("root"), pk=pk)
    if request.method == "POST":
        return _decide(request, found)
    items = submission_items(submission=found, user=request.user)
    may_decide = any(item.actions for item in items)
    if not (may_decide or request.user.pk == found.requested_by_id or request.user.is_superuser):
        raise PermissionDenied
    with_changes(items, request=request)  # only once the person may see them
    return TemplateResponse(
        request,
        "courses/admin/review_submission.html",
        {
            "submission": found,
            "items": items,
            "may_approve": may_decide and _all_allow(items, "approve"),
            "may_reject": may_decide and _all_allow(items, "reject"),
            **_titles(_("Review: %(title)s") % {"title": found.root.get_admin_display_title()}),
        },
    )


def _all_allow(items, action: str) -> bool:
    return all(action in item.actions for item in items if item.actions)


def _decide(request, found: ReviewSubmission):
    action = request.POST.get("action")
    if action not in ("approve", "reject"):
        messages.error(request, _("Choose to approve or to request changes."))
        return redirect("courses_review_submission", found.pk)
    try:
        count = course_review_decide(
            user=request.user,
            submission=found,
            approve=action == "approve",
            comment=request.POST.get("comment", ""),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("courses_review_submission", found.pk)
    if action == "approve":
        text = ngettext(
            "Approved %(count)s item of '%(title)s'.",
            "Approved %(count)s items of '%(title)s'.",
            count,
        )
    else:
        text = ngettext(
            "Sent %(count)s item of '%(title)s' back for changes.",
            "Sent %(count)s items of '%(title)s' back for changes.",
            count,
        )
    messages.success(
        request, text % {"count": count, "title": found.root.get_admin_display_title()}
    )
    return redirect("courses_review_submission", found.pk)
