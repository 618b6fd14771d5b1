"""Wiring only: when a trainer removes steps from a live course, queue a completion refresh
for that course once the change has committed (the rule lives in the service); when
anything a learner's course pages share may have changed, forget the shared cache
(``courses.page_cache``); when a page is submitted for review, queue the reviewers' mail
about its submission (``courses.services.reviews``) in place of Wagtail's mail per page;
when the catalogue is translated, open its translation to the same groups and workflow
(``courses.services.translation``)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site, TaskState, WorkflowState
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_unpublished,
    post_page_move,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from courses import selectors
from courses.models import (
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
    Topic,
    Video,
    VideoCaption,
    VideoRendition,
)
from courses.page_cache import course_content_changed


def _course_id_of(page: Page) -> int | None:
    if not isinstance(page, LessonPage | ModulePage):
        return None
    return selectors.course_id_for_descendant(page)


def queue_completion_refresh(sender, instance, **kwargs):
    from courses.tasks import refresh_course_completion

    course_id = _course_id_of(instance)
    if course_id is not None:
        transaction.on_commit(lambda: refresh_course_completion.delay(course_id), robust=True)


def _connect_shared_cache_invalidation():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(course_content_changed)
    # Saved and deleted rows of what the cached outlines, restrictions and lesson bodies are
    # made of. Connected per model: a post_delete receiver for every model would stop
    # Django's fast deletes everywhere.
    models = (
        CourseIndexPage,
        CoursePage,
        ModulePage,
        LessonPage,
        Topic,
        Site,
        PageViewRestriction,
        get_image_model(),
        get_document_model(),
        Video,
        VideoCaption,
        VideoRendition,
    )
    for model in models:
        post_save.connect(course_content_changed, sender=model)
        post_delete.connect(course_content_changed, sender=model)
    # Groups of a "private to groups" restriction are set after the restriction is saved.
    m2m_changed.connect(course_content_changed, sender=PageViewRestriction.groups.through)


def index_courses_of_topic(sender, instance, **kwargs):
    from courses.search import topic_courses_index

    topic_courses_index(topic=instance)


def queue_review_mail(sender, instance, **kwargs):
    """After the quiet period, the job finds out whether this page ends a submission."""
    from courses.services import SUBMISSION_QUIET_PERIOD
    from courses.services.submissions import page_mails_held
    from courses.tasks import notify_reviewers_of_submission

    if page_mails_held():
        return  # part of a course submitted as a whole: it has its own mail

    task_state_id = instance.pk
    transaction.on_commit(
        lambda: notify_reviewers_of_submission.apply_async(
            (task_state_id,), countdown=SUBMISSION_QUIET_PERIOD.total_seconds()
        ),
        robust=True,
    )


def superusers_are_told_with_the_reviewers(sender, instance, **kwargs):
    """Takes the place of Wagtail's second mail per page, to the superusers:
    ``queue_review_mail``'s mail includes them
    (``WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS``)."""


# Wagtail's own receivers (wagtail.admin.signal_handlers) connect under these ids when
# wagtail.admin is ready, after this app: a receiver already connected under the same id
# and sender keeps its place, so Wagtail's per-page mails are never connected.
WAGTAIL_TASK_SUBMITTED_MAIL = "group_approval_task_submitted_email_notification"
WAGTAIL_WORKFLOW_SUBMITTED_MAIL = "workflow_state_submitted_email_notification"
WAGTAIL_WORKFLOW_APPROVED_MAIL = "workflow_state_approved_email_notification"
WAGTAIL_WORKFLOW_REJECTED_MAIL = "workflow_state_rejected_email_notification"


def _unless_decided_together(notifier):
    """Wagtail's mail to the submitter when a page is approved or sent back, except for the
    pages of a course decided as a whole, whose submitter gets one mail for all of them."""

    def notify(sender, instance, **kwargs):
        from courses.services.submissions import page_mails_held

        if not page_mails_held():
            notifier(sender=sender, instance=instance, **kwargs)

    return notify


def _connect_decision_mails():
    from wagtail.admin.mail import (
        WorkflowStateApprovalEmailNotifier,
        WorkflowStateRejectionEmailNotifier,
    )

    for signal, notifier, uid in (
        (workflow_approved, WorkflowStateApprovalEmailNotifier(), WAGTAIL_WORKFLOW_APPROVED_MAIL),
        (workflow_rejected, WorkflowStateRejectionEmailNotifier(), WAGTAIL_WORKFLOW_REJECTED_MAIL),
    ):
        signal.connect(
            _unless_decided_together(notifier), sender=WorkflowState, dispatch_uid=uid, weak=False
        )


def open_translated_catalogue(sender, source_obj, target_obj, **kwargs):
    if isinstance(source_obj, CourseIndexPage):
        from courses.services.translation import catalogue_translation_open

        catalogue_translation_open(source=source_obj, target=target_obj)


def connect():
    copy_for_translation_done.connect(
        open_translated_catalogue, dispatch_uid="courses.open_translated_catalogue"
    )
    for model in (LessonPage, ModulePage):
        page_unpublished.connect(queue_completion_refresh, sender=model)
        post_delete.connect(queue_completion_refresh, sender=model)
    _connect_shared_cache_invalidation()
    post_save.connect(index_courses_of_topic, sender=Topic, dispatch_uid="courses.topic_index")
    post_delete.connect(index_courses_of_topic, sender=Topic, dispatch_uid="courses.topic_index")
    task_submitted.connect(
        queue_review_mail, sender=TaskState, dispatch_uid=WAGTAIL_TASK_SUBMITTED_MAIL
    )
    _connect_decision_mails()
    workflow_submitted.connect(
        superusers_are_told_with_the_reviewers,
        sender=WorkflowState,
        dispatch_uid=WAGTAIL_WORKFLOW_SUBMITTED_MAIL,
    )
