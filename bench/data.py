"""The data the load scenarios run on: the load data set (``generate_load_data``), signed-in
learners, and the files that tell the locust users who they are and what they open.

Learners are signed in by writing their session rows directly (what a sign-in through
allauth leaves behind: the user id, the backend, the password hash's HMAC), so that the
benchmark measures pages, not the password hasher. Each locust user sends its own session
and CSRF cookies in a ``Cookie`` header, and ``X-Forwarded-Proto: https`` as the TLS proxy
in front of a production server would: the production settings mark cookies Secure, and
Django then checks the ``Origin`` of every POST, as it does in production.
"""

import json
import os
import time
from datetime import timedelta
from importlib import import_module
from pathlib import Path

from bench import stack

SCALES = {
    # learners, courses, organisation units: 10 enrolments per learner
    "small": {"learners": 5_000, "courses": 20, "orgs": 50},
    "full": {"learners": 100_000, "courses": 20, "orgs": 200},
}
LEARNER_EMAILS = {"email__startswith": "learner-", "email__endswith": "@load.example.org"}
LOCUST_DATA = stack.BENCH_VAR / "locust"


def scale() -> str:
    name = os.environ.get("BENCH_SCALE", "small")
    if name not in SCALES:
        raise SystemExit(f"BENCH_SCALE must be one of {', '.join(SCALES)}, not {name!r}.")
    return name


def load_data() -> tuple[str, float]:
    """``generate_load_data`` at the chosen scale, once per run; returns the command as a
    user would type it and how long it took."""
    from django.core.management import call_command

    sizes = SCALES[scale()]
    started = time.monotonic()
    call_command("generate_load_data", **sizes, verbosity=0)
    arguments = " ".join(f"--{name} {value}" for name, value in sizes.items())
    return f"manage.py generate_load_data {arguments}", time.monotonic() - started


def load_data_present() -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(**LEARNER_EMAILS).exists()


def sign_in(users) -> list[str]:
    """A session for each user, written in one insert; returns their ``Cookie`` headers
    (session and CSRF cookie)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.models import Session
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    rows, cookies = [], []
    for user in users:
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expires))
        csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={key}; {settings.CSRF_COOKIE_NAME}={csrf}")
    Session.objects.bulk_create(rows, batch_size=1000)
    return cookies


def write(name: str, data: dict) -> Path:
    LOCUST_DATA.mkdir(parents=True, exist_ok=True)
    path = LOCUST_DATA / f"{name}.json"
    path.write_text(json.dumps(data, indent=1))
    return path


def browse_learners(count: int = 100) -> dict:
    """``count`` learners of the load data, each with one current enrolment: the
    catalogue, their course and its lessons, all of which they may open."""
    from courses.models import CoursePage, Enrollment
    from courses.outline import LESSON
    from courses.selectors import course_outlines

    enrollments = list(
        Enrollment.objects.current()
        .filter(**{f"user__{k}": v for k, v in LEARNER_EMAILS.items()})
        .select_related("user")
        .order_by("user_id", "id")
        .distinct("user_id")[:count]
    )
    courses = CoursePage.objects.live().in_bulk({e.course_id for e in enrollments})
    outlines = course_outlines(list(courses.values()))
    cookies = sign_in([e.user for e in enrollments])
    learners = []
    for enrollment, cookie in zip(enrollments, cookies, strict=True):
        course = courses[enrollment.course_id]
        lessons = [s.url for s in outlines[course.id].steps if s.kind == LESSON]
        learners.append(
            {"cookie": cookie, "catalogue": "/courses/", "course": course.url, "lessons": lessons}
        )
    return {"learners": learners}


def verification_paths(count: int = 200) -> list[str]:
    """The verification pages of ``count`` unrevoked certificates of the load data."""
    from django.urls import reverse

    from certificates.models import Certificate

    codes = Certificate.objects.filter(revoked_at__isnull=True).values_list("code", flat=True)
    return [reverse("certificates:verify", args=[code]) for code in codes.order_by("pk")[:count]]
