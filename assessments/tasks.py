"""Celery tasks: thin wrappers taking ids and calling one idempotent service."""

from celery import shared_task
from django.db import OperationalError

from assessments import services
from assessments.models import Attempt


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def record_quiz_pass(attempt_id: int) -> bool:
    attempt = Attempt.objects.select_related("quiz", "user").filter(pk=attempt_id).first()
    return bool(attempt) and services.quiz_pass_record(attempt=attempt)


@shared_task
def submit_expired_attempts() -> int:
    return services.attempts_submit_expired()
