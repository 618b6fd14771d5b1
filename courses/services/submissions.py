"""A course or module reviewed as a whole (issue 14): a trainer submits it with every draft
page below it (and the quizzes reviewed with them) as one submission; the lead trainer
approves all of it, which publishes it together, or sends all of it back with a comment.
One e-mail to the reviewers per submission, one to the trainer per decision.

Each page keeps its own Wagtail workflow state, started or resumed here as Wagtail's editor
would, so locking, history and the editor's workflow actions stay Wagtail's. While this
service starts or decides them, Wagtail's mails per page are held
(``courses.signal_handlers``)."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, TaskState, WorkflowState

from accounts.models import User
from config.links import absolute_url
from config.mail import message_in_language
from courses.models import ReviewSubmission
from courses.review_selectors import with_page_paths
from courses.services.reviews import CLAIM_SECONDS, reviewers_mail
from courses.submission_selectors import AWAITING, submission_candidates, submission_items

logger = logging.getLogger("waypoint.courses")

COMMENT_MAX_LENGTH = 4000
MAIL_CLAIM_PREFIX = "waypoint:course-review-mail:"
_holding_page_mails: ContextVar[bool] = ContextVar("holding_page_mails", default=False)


def page_mails_held() -> bool:
    """True while a whole submission is being started or decided: its one mail replaces
    the mails Wagtail (or ``courses.services.reviews``) would send for each page."""
    return _holding_page_mails.get()


@contextmanager
def _one_mail_for_all():
    token = _holding_page_mails.set(True)
    try:
        yield
    finally:
        _holding_page_mails.reset(token)


def course_review_submit(*, user: User, root: Page) -> ReviewSubmission:
    """Start (or resume, where it was sent back) the review of every draft in the course or
    module, as one submission. Refuses, changing nothing, when there is nothing to submit
    or when any draft cannot be submitted by this person."""
    with transaction.atomic():
        root = Page.objects.select_for_update().get(pk=root.pk).specific
        items = submission_candidates(user=user, root=root)
        if not items:
            raise ValidationError(_("Nothing here has changes to review."))
        if all(item.state == AWAITING for item in items):
            raise ValidationError(_("Everything here is already awaiting review."))
        refused = [item for item in items if item.refusal]
        if refused:
            raise ValidationError(
                [f"{item.title}: {item.refusal}" for item in refused], code="refused"
            )
        submission = ReviewSubmission.objects.create(root=root, requested_by=user)
        with _one_mail_for_all():
            states = [_in_review(item, user) for item in items]
        submission.workflow_states.set(states)
        logger.info("course review %s: %s item(s) submitted", submission.pk, len(states))
    transaction.on_commit(lambda: _queue_mail(submission.pk, "submitted"), robust=True)
    return submission


def _in_review(item, user) -> WorkflowState:
    obj, state = item.obj, item.workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        if obj.get_latest_revision() is None:
            obj.save_revision(user=user)
        state.resume(user=user)
        return state
    if state is not None:
        return state  # already awaiting review: it joins the submission as it is
    if obj.get_latest_revision() is None:
        obj.save_revision(user=user)
    return item.workflow.start(obj, user)


def course_review_decide(
    *, user: User, submission: ReviewSubmission, approve: bool, comment: str = ""
) -> int:
    """Approve every item of the submission awaiting this task (which publishes it, parents
    before children, where this is the workflow's last task), or send every one back with
    the comment. All or nothing: if the person may not take the action on any one of them,
    nothing changes. Returns how many items were decided."""
    action = "approve" if approve else "reject"
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError(_("Say what must change: the trainer reads it with every page."))
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("Keep the comment under %(limit)s characters.") % {"limit": COMMENT_MAX_LENGTH}
        )
    with transaction.atomic():
        locked = ReviewSubmission.objects.select_for_update().get(pk=submission.pk)
        items = [
            item
            for item in submission_items(submission=locked, user=user)
            if item.workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        ]
        if not items:
            raise ValidationError(_("This submission has already been decided."))
        if any(action not in item.actions for item in items):
            raise PermissionDenied
        with _one_mail_for_all():
            for item in items:
                task_state = item.workflow_state.current_task_state.specific
                task_state.task.specific.on_action(task_state, user, action, comment=comment)
        locked.decision = ReviewSubmission.APPROVED if approve else ReviewSubmission.REJECTED
        locked.decided_by, locked.decided_at, locked.comment = user, timezone.now(), comment
        locked.save(update_fields=["decision", "decided_by", "decided_at", "comment"])
        logger.info("course review %s: %s %s item(s)", locked.pk, action, len(items))
    transaction.on_commit(lambda: _queue_mail(locked.pk, "decided"), robust=True)
    return len(items)


def _queue_mail(submission_id: int, kind: str) -> None:
    from courses.tasks import mail_about_course_review

    mail_about_course_review.delay(submission_id, kind)


def course_review_mail(*, submission_id: int, kind: str) -> int:
    """The reviewers' one mail about a submission, or the trainer's one mail about its
    decision, in each recipient's language. Returns the number of mails sent."""
    submission = (
        ReviewSubmission.objects.select_related("root", "requested_by")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or submission.requested_by is None:
        return 0
    moment = submission.created_at if kind == "submitted" else submission.decided_at
    claim = f"{MAIL_CLAIM_PREFIX}{submission.pk}:{kind}:{moment.timestamp() if moment else 0}"
    if not cache.add(claim, True, CLAIM_SECONDS):
        return 0  # a job delivered twice mails once
    try:
        if kind == "submitted":
            return _mail_reviewers(submission)
        return _mail_requester(submission)
    except Exception:
        cache.delete(claim)  # the retry mails it
        raise


def _mail_reviewers(submission: ReviewSubmission) -> int:
    states = with_page_paths(
        TaskState.objects.filter(
            workflow_state__review_submissions=submission,
            status=TaskState.STATUS_IN_PROGRESS,
        )
    )
    if not states:
        return 0
    url = absolute_url(reverse("courses_review_submission", args=[submission.pk]))
    task = states[0].task.specific
    return reviewers_mail(
        task=task, states=states, requester_id=submission.requested_by_id, review_url=url
    )


DECISION_SUBJECTS = {
    ReviewSubmission.APPROVED: gettext_lazy("Approved: %(title)s"),
    ReviewSubmission.REJECTED: gettext_lazy("Changes requested: %(title)s"),
}


def _mail_requester(submission: ReviewSubmission) -> int:
    if not submission.decision or not submission.requested_by.email:
        return 0
    items = submission_items(submission=submission)
    message = message_in_language(
        to=submission.requested_by,
        template="courses/email_review_decision.txt",
        subject=DECISION_SUBJECTS[submission.decision],
        subject_args={"title": submission.root.get_admin_display_title()},
        context={
            "submission": submission,
            "approved": submission.decision == ReviewSubmission.APPROVED,
            "items": items,
            "reviewer_name": submission.decided_by.full_name if submission.decided_by else "",
            "url": absolute_url(reverse("courses_review_submission", args=[submission.pk])),
        },
    )
    return get_connection().send_messages([message]) or 0
