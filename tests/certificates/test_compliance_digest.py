"""The managers' monthly summary of required certificates lapsing next month: content,
language, opt-out, once a month however often the job runs."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, ComplianceDigest, CourseCertification
from certificates.services import compliance_digests_send, requirement_add
from certificates.tasks import send_compliance_digests
from tests.factories.approvals import make_tree, manager_of, person_in
from tests.factories.courses import make_course
from tests.factories.reports import complete_course, enrol, issue_certificate

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 3, 7, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture(autouse=True)
def _no_pdf(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF")


@pytest.fixture
def setup(mailoutbox):
    tree = make_tree()
    course = make_course(title="Document Examination", modules=1, lessons=1)
    CourseCertification.objects.create(course=course, validity_months=12)
    requirement_add(unit=tree.border_police, course=course)
    manager = manager_of(tree.border_police, email="chief@example.org", full_name="Chief")

    def holder(name, unit, expires_at):
        person = person_in(unit, email=f"{name.split()[0].lower()}@example.org", full_name=name)
        enrol(person, course)
        enrollment = complete_course(person, course)
        issue_certificate(enrollment)
        Certificate.objects.filter(enrollment=enrollment).update(expires_at=expires_at)
        return person

    holder("Samir Haddad", tree.airport, datetime(2026, 12, 14, 9, 0, tzinfo=NOW.tzinfo))
    holder("Later Person", tree.airport, datetime(2027, 1, 2, 9, 0, tzinfo=NOW.tzinfo))
    holder("Outside Person", tree.integration, datetime(2026, 12, 10, 9, 0, tzinfo=NOW.tzinfo))
    mailoutbox.clear()  # the holders' certificate mails
    return tree, manager


def run(capture, now):
    with capture(execute=True):
        return compliance_digests_send(now=now)


def test_the_summary_lists_next_months_lapses_in_the_managers_scope(
    setup, mailoutbox, django_capture_on_commit_callbacks
):
    assert run(django_capture_on_commit_callbacks, NOW) == 1
    assert [mail.to for mail in mailoutbox] == [["chief@example.org"]]
    body = mailoutbox[0].body
    assert "Samir Haddad" in body and "Document Examination" in body
    assert "December 2026" in body
    assert "Later Person" not in body  # lapses in January
    assert "Outside Person" not in body  # another ministry
    assert mailoutbox[0].subject == "Required certificates lapsing next month: 1"
    assert reverse("reports_compliance") in body


def test_the_summary_goes_once_a_month(setup, mailoutbox, django_capture_on_commit_callbacks):
    sent = [
        run(django_capture_on_commit_callbacks, NOW + timedelta(days=days))
        for days in (0, 0, 20, 30)  # three runs in November, then one in December
    ]
    assert sent == [1, 0, 0, 1]
    assert len(mailoutbox) == 2
    assert "Later Person" in mailoutbox[1].body  # December's summary: January's lapses
    assert list(ComplianceDigest.objects.order_by("month").values_list("lapsing_count")) == [
        (1,),
        (1,),
    ]


def test_beat_runs_the_summary_job_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["compliance-digests"]
    assert entry["task"] == send_compliance_digests.name


def test_the_summary_is_written_in_the_managers_language(
    setup, mailoutbox, django_capture_on_commit_callbacks
):
    _tree, manager = setup
    manager.preferred_language = "fr"
    manager.save(update_fields=["preferred_language"])
    run(django_capture_on_commit_callbacks, NOW)
    assert mailoutbox[0].body.startswith("Bonjour")
    assert "décembre 2026" in mailoutbox[0].body


def test_a_manager_who_opted_out_gets_nothing(
    client, setup, mailoutbox, django_capture_on_commit_callbacks
):
    _tree, manager = setup
    client.force_login(manager)
    form = client.get(reverse("accounts:profile")).context["form"]
    assert "receives_compliance_digest" in form.fields
    data = {"full_name": manager.full_name, "preferred_language": "en", "organisation": ""}
    client.post(reverse("accounts:profile"), {**data, "receives_overdue_digest": "on"})
    manager.refresh_from_db()
    assert manager.receives_compliance_digest is False
    assert manager.receives_overdue_digest is True
    assert run(django_capture_on_commit_callbacks, NOW) == 0
    assert mailoutbox == []


def test_learners_are_not_offered_the_summary(client, setup):
    tree, _manager = setup
    learner = person_in(tree.airport)
    client.force_login(learner)
    form = client.get(reverse("accounts:profile")).context["form"]
    assert "receives_compliance_digest" not in form.fields
