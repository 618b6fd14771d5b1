"""A worker killed with SIGKILL in the middle of issuing a certificate: nothing is lost and
nothing is issued twice, because the row is committed before the PDF is rendered and the
reconcile job finishes what the dead worker started."""

import os
import signal
import time

import pytest

from certificates.models import Certificate
from certificates.services import certificates_reconcile
from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course
from tests.services.conftest import _require_services, running_worker, wait_for

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_worker_killed_mid_issuance_loses_no_certificate(mailoutbox):
    _require_services()
    learners = [UserFactory() for _ in range(3)]
    course = make_course(modules=1, lessons=1)
    for learner in learners:
        enrollment_create(user=learner, course=course)

    with running_worker("tests.services.slow_worker_app") as (_app, worker):
        for learner in learners:
            lesson_complete(user=learner, lesson=lessons_of(course)[0])  # each queues a task
        started = wait_for(lambda: Certificate.objects.exists(), timeout=60)
        assert started, "the worker never started issuing"
        time.sleep(0.5)
        os.killpg(worker.pid, signal.SIGKILL)  # mid-render: the PDF is not written yet
        worker.wait(timeout=20)

    before = Certificate.objects.count(), Certificate.objects.exclude(pdf="").count()
    codes = certificates_reconcile()
    after = Certificate.objects.count(), Certificate.objects.exclude(pdf="").count()
    print(
        f"\n3 completions, worker SIGKILLed mid-task: {before[0]} certificate row(s) "
        f"({before[1]} with PDF) before reconcile; reconcile touched {len(codes)}; "
        f"after: {after[0]} certificates, {after[1]} with PDF, {len(mailoutbox)} mails"
    )
    assert before == (1, 0)
    assert after == (3, 3)
    assert Certificate.objects.values("enrollment").distinct().count() == 3
    assert len(mailoutbox) == 3
    assert certificates_reconcile() == []
