"""Celery tasks: thin wrappers that take ids and call one idempotent service."""

from io import StringIO
from smtplib import SMTPException

from celery import shared_task
from django.core.management import call_command
from django.db import OperationalError

from courses import services
from courses.models import CoursePage
from courses.services.videos import video_renditions_make


@shared_task(
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def refresh_course_completion(course_id: int) -> list[int]:
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None:
        return []
    return services.enrollments_refresh_completion(course=course)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def publish_scheduled_content() -> None:
    """Wagtail's own scheduled publishing: revisions approved to "go live at" a time now
    past are published, and live pages and snippets past "expire at" are unpublished. Beat
    runs it every minute; Wagtail's publish and unpublish send the usual signals, so caches
    of the catalogue and the course pages follow."""
    call_command("publish_scheduled", stdout=StringIO())


@shared_task(
    autoretry_for=(OperationalError, SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def notify_reviewers_of_submission(task_state_id: int) -> int:
    return services.review_submission_notify(task_state_id=task_state_id)


@shared_task(
    autoretry_for=(OperationalError, SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def mail_about_course_review(submission_id: int, kind: str) -> int:
    return services.course_review_mail(submission_id=submission_id, kind=kind)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3, acks_late=True)
def make_video_renditions(video_id: int) -> str | None:
    """The 240p, 360p, audio-only copies and the poster of an uploaded video."""
    video = video_renditions_make(video_id=video_id)
    return video.status if video else None
