"""Celery tasks: thin wrappers that take ids and call one idempotent service."""

from celery import shared_task
from django.db import OperationalError

from courses import services
from courses.models import CoursePage


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
