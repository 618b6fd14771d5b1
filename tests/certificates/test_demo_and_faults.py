"""A broker that is down loses no certificate; a template with a bad placeholder is refused
in the admin. (That the demo shows the whole cycle is tests/devtools/test_seed_demo.py.)"""

import pytest
from django.urls import reverse

from certificates.models import Certificate, CertificateTemplate
from certificates.services import certificates_reconcile
from config.celery import app
from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch):
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app.conf.broker_connection_retry = False
    app.conf.broker_connection_max_retries = 0
    yield
    app.conf.task_always_eager, app.conf.broker_url = previous


def test_a_completion_while_the_broker_is_down_is_certified_by_the_reconcile_job(
    broker_down, django_capture_on_commit_callbacks
):
    learner = UserFactory()
    course = make_course(modules=1, lessons=1)
    enrollment_create(user=learner, course=course)

    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(user=learner, lesson=lessons_of(course)[0])  # the task cannot be queued

    assert not Certificate.objects.exists()
    app.conf.task_always_eager = True
    assert len(certificates_reconcile()) == 1
    assert Certificate.objects.get().user == learner


def test_a_template_with_a_bad_placeholder_is_refused_with_a_clear_message(client):
    client.force_login(UserFactory(is_superuser=True))
    template = CertificateTemplate.objects.get(is_default=True)

    response = client.post(
        reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk]),
        {
            "name": template.name,
            "language": "en",
            "page_size": "A4",
            "orientation": "landscape",
            "title": "Certificate",
            "body": "Awarded to {holdername}",
            "issuer": "Academy",
            "signatories-count": "0",
        },
    )

    assert response.status_code == 200
    assert "Unknown placeholder {holdername}" in response.content.decode()
    template.refresh_from_db()
    assert "{holdername}" not in template.body
