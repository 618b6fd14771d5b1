"""The e-mail that tells reviewers what was submitted: one per submission, not one per page.

Wagtail e-mails the reviewers once for every page submitted (and the superusers a second
time). A trainer sends a course for review page by page, so the lead trainer got a mail
per lesson. Here a **submission** is the pages one person submits to the same review task
for one course, each within ``SUBMISSION_QUIET_PERIOD`` of the one before; its mail goes
out once that quiet period has passed after its last page, listing every page with a link
to its editor, in each reviewer's language.

No table records submissions. Every submitted page queues a job that runs after the quiet
period (``courses.signal_handlers``); the job of a page followed by another of the same
submission within the period does nothing, and the job of the last page sends the mail for
the whole chain before it. Which pages belong together depends only on when they were
submitted, not on when the jobs run, so a late worker neither splits nor merges
submissions. Each page is claimed in the cache before it is mailed, so a job delivered
twice does not mail it twice. Without a broker (``make run``) jobs run at once, and every
page is its own submission, as before."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from accounts.models import User
from config.links import absolute_url
from config.mail import message_in_language
from courses.review_selectors import course_path, submitted_items, task_states_of_requester

logger = logging.getLogger("waypoint.courses")

SUBMISSION_QUIET_PERIOD = timedelta(minutes=5)
LONGEST_SUBMISSION = timedelta(hours=12)
CLAIM_PREFIX = "waypoint:review-mail:"
CLAIM_SECONDS = 2 * 24 * 60 * 60


def review_submission_notify(*, task_state_id: int) -> int:
    """Mail the reviewers about the submission this task state ends, if it ends one.
    Returns the number of mails sent."""
    state = TaskState.objects.select_related("workflow_state", "task").filter(pk=task_state_id)
    state = state.first()
    if state is None or state.workflow_state.requested_by_id is None:
        return 0
    task = state.task.specific
    if not isinstance(task, AbstractGroupApprovalTask):
        return 0
    nearby = task_states_of_requester(
        task_state=state,
        since=state.started_at - LONGEST_SUBMISSION,
        until=state.started_at + SUBMISSION_QUIET_PERIOD,
    )
    this = next((s for s in nearby if s.pk == state.pk), None)
    if this is None:
        return 0
    same_course = [s for s in nearby if _course_of(s) == _course_of(this)]
    if same_course[-1].pk != this.pk:
        return 0  # a later page of the same submission: its job sends the mail
    submission = _chain_ending_at(same_course)
    claimed = [s for s in submission if cache.add(_claim_key(s), True, CLAIM_SECONDS)]
    if not claimed:
        return 0
    try:
        return reviewers_mail(
            task=task, states=claimed, requester_id=state.workflow_state.requested_by_id
        )
    except Exception:
        cache.delete_many([_claim_key(s) for s in claimed])  # the retry mails them
        raise


def _course_of(state: TaskState) -> str | None:
    return course_path(state.page_path) if state.page_path else None


def _chain_ending_at(states: list[TaskState]) -> list[TaskState]:
    """The last state and those before it, each within the quiet period of the next."""
    chain = [states[-1]]
    for state in reversed(states[:-1]):
        if chain[-1].started_at - state.started_at > SUBMISSION_QUIET_PERIOD:
            break
        chain.append(state)
    return chain[::-1]


def _claim_key(state: TaskState) -> str:
    # With the start time: a database that reuses ids (tests) cannot inherit a claim.
    return f"{CLAIM_PREFIX}{state.pk}:{state.started_at.timestamp()}"


def reviewers_of(*, task: AbstractGroupApprovalTask, requester_id: int):
    """Who Wagtail would tell: the task's groups (and the superusers, unless
    ``WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS`` is off), active, with an address,
    not the submitter, and not those who switched "submitted" notifications off."""
    who = Q(groups__in=task.groups.all())
    if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
        who |= Q(is_superuser=True)
    return (
        User.objects.filter(who, is_active=True)
        .exclude(email="")
        .exclude(pk=requester_id)
        .exclude(wagtail_userprofile__submitted_notifications=False)
        .distinct()
        .order_by("email")
    )


def reviewers_mail(
    *, task, states: list[TaskState], requester_id: int, review_url: str = ""
) -> int:
    recipients = list(reviewers_of(task=task, requester_id=requester_id))
    if not recipients:
        return 0
    requester = User.objects.get(pk=requester_id)
    course_title, items = submitted_items(states)
    for item in items:
        item.url = absolute_url(item.url)
    context = {
        "requester_name": requester.full_name or requester.email,
        "course_title": course_title,
        "items": items,
        "submitted_at": max(state.started_at for state in states),
        "dashboard_url": absolute_url(reverse("wagtailadmin_home")),
        "review_url": review_url,
    }
    subject = _("Submitted for review: %(course)s") if course_title else _("Submitted for review")
    messages = [
        message_in_language(
            to=recipient,
            template="courses/email_review_submission.txt",
            subject=subject,
            subject_args={"course": course_title} if course_title else None,
            context=context,
        )
        for recipient in recipients
    ]
    sent = get_connection().send_messages(messages) or 0
    logger.info("review submission of %s item(s) mailed to %s reviewer(s)", len(items), sent)
    return sent
