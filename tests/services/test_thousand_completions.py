"""1,000 course completions while things go wrong: tasks delivered twice, the worker killed
with SIGKILL mid-run, and the broker (a Redis of the test's own) stopped and restarted empty.
Afterwards every completion has exactly one certificate, with its PDF, and every learner
has had the e-mail.

Mail is at-least-once by design (a worker killed between sending and recording the send
sends again on repair); the test reports any repeat and allows at most one per kill."""

import collections
import os
import re
import signal
import time
from pathlib import Path

import pytest
import redis
from django.contrib.auth import get_user_model

from certificates.models import Certificate
from certificates.services import certificates_reconcile
from certificates.tasks import issue_certificate
from courses.models import Enrollment
from courses.services import enrollment_create, lesson_complete
from tests.factories.courses import lessons_of, make_course
from tests.services.conftest import (
    _require_services,
    private_redis,
    producing_to,
    running_worker,
    wait_for,
)

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COMPLETIONS = 1000
PHASES = {"before the kill": 400, "after the kill": 300, "broker down": 20, "broker back": 280}


def _learners(count):
    User = get_user_model()
    User.objects.bulk_create(
        [User(email=f"fault-{n}@example.org", full_name=f"Fault Learner {n}") for n in range(count)]
    )
    return list(User.objects.filter(email__startswith="fault-").order_by("pk"))


def _mails_per_recipient(mail_dir: Path, in_process_outbox) -> collections.Counter:
    recipients = collections.Counter()
    for path in mail_dir.glob("*.log"):
        recipients.update(re.findall(r"^To: (\S+)$", path.read_text(), flags=re.MULTILINE))
    recipients.update(address for mail in in_process_outbox for address in mail.to)
    return recipients


def _idle(broker_url: str, queue: str, settle: float = 3.0, timeout: float = 240) -> bool:
    """The queue is empty and no certificate has changed for ``settle`` seconds."""
    client = redis.Redis.from_url(broker_url)
    deadline = time.monotonic() + timeout
    last, quiet_since = None, time.monotonic()
    while time.monotonic() < deadline:
        state = (
            Certificate.objects.count(),
            Certificate.objects.exclude(pdf="").count(),
            Certificate.objects.filter(emailed_at__isnull=False).count(),
        )
        if state != last:
            last, quiet_since = state, time.monotonic()
        elif client.llen(queue) == 0 and time.monotonic() - quiet_since >= settle:
            return True
        time.sleep(0.5)
    return False


def test_a_thousand_completions_under_faults_give_a_thousand_certificates(tmp_path, mailoutbox):
    _require_services()
    figures = {}
    clock = time.monotonic()

    def lap(name):
        nonlocal clock
        figures[f"seconds: {name}"] = round(time.monotonic() - clock, 1)
        clock = time.monotonic()

    course = make_course(modules=1, lessons=1, title="Border Management Essentials")
    lesson = lessons_of(course)[0]
    learners = _learners(COMPLETIONS)
    for learner in learners:
        enrollment_create(user=learner, course=course)
    lap("setup")
    mail_dir = tmp_path / "worker-mail"
    mail_dir.mkdir()
    queue = "waypoint-test-thousand"
    pending = iter(learners)

    def complete(count):
        for _ in range(count):
            lesson_complete(user=next(pending), lesson=lesson)  # commits; queues on commit

    with private_redis() as broker, producing_to(broker.url) as app:
        worker_env = {
            "CELERY_BROKER_URL": broker.url,
            "WAYPOINT_TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "WAYPOINT_TEST_EMAIL_DIR": str(mail_dir),
        }
        first = running_worker(concurrency=2, queue=queue, extra_env=worker_env)
        _app, worker = first.__enter__()
        try:
            complete(PHASES["before the kill"])
            # Fault 1: every one of the first 200 tasks is delivered a second time.
            for enrollment_id in Enrollment.objects.order_by("pk").values_list("pk", flat=True)[
                :200
            ]:
                issue_certificate.delay(enrollment_id)
            # Fault 2: SIGKILL in the middle of the run.
            assert wait_for(lambda: Certificate.objects.count() >= 150, timeout=120)
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=20)
            figures["certificates when the worker was killed"] = Certificate.objects.count()
            lap("first worker")
        finally:
            first.__exit__(None, None, None)

        with running_worker(concurrency=2, queue=queue, extra_env=worker_env):
            complete(PHASES["after the kill"])
            assert _idle(broker.url, queue), "the worker did not catch up within 4 minutes"
            lap("second worker catching up")
            # Fault 3: the broker goes away (and comes back empty) while learners complete.
            broker.stop()
            complete(PHASES["broker down"])
            lap("completions with the broker down")
            broker.start()
            complete(PHASES["broker back"])
            lap("completions with the broker back")
            assert _idle(broker.url, queue), "the worker did not settle within 4 minutes"
            lap("worker settling")
            figures["certificates issued by workers"] = Certificate.objects.count()
            figures["with PDF before reconcile"] = Certificate.objects.exclude(pdf="").count()

            repaired = certificates_reconcile()  # what the beat job does every 15 minutes
            figures["issued or repaired by reconcile"] = len(repaired)
            lap("reconcile")
        assert app.conf.broker_url == broker.url

    completed = Enrollment.objects.filter(status=Enrollment.Status.COMPLETED).count()
    certificates = Certificate.objects.count()
    per_enrollment = Certificate.objects.values("enrollment").distinct().count()
    with_pdf = Certificate.objects.exclude(pdf="").exclude(pdf_sha256="").count()
    emailed = Certificate.objects.filter(emailed_at__isnull=False).count()
    mails = _mails_per_recipient(mail_dir, mailoutbox)
    repeats = sum(count - 1 for count in mails.values() if count > 1)
    figures.update(
        {
            "completions": completed,
            "certificates": certificates,
            "enrolments with a certificate": per_enrollment,
            "certificates with PDF": with_pdf,
            "marked e-mailed": emailed,
            "learners e-mailed": len(mails),
            "repeated mails": repeats,
        }
    )
    print("\n" + "\n".join(f"{name}: {value}" for name, value in figures.items()))

    assert completed == COMPLETIONS
    assert certificates == per_enrollment == COMPLETIONS
    assert with_pdf == emailed == COMPLETIONS
    assert len(mails) == COMPLETIONS
    assert repeats <= 1
    assert certificates_reconcile() == []
