"""Names people type never speak in Waypoint's voice (issue 12, finding 11). Someone can
sign up with another person's address, or a manager type a name in an assignment file, and
the mail that follows goes to someone who cannot tell our words from theirs. So a mail to a
person leaves their name out, a mail about another person shows that name only in quotes
after a label, and nothing in a name becomes a link."""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.services import user_update_profile
from certificates.models import Certificate
from certificates.services import (
    certificate_issue,
    certificate_revoke,
    certificates_send_expiry_reminders,
)
from courses.services import enrollment_assign, enrollment_request_create
from enrolments.services.approvals import (
    enrollment_request_decide,
    enrollment_request_notify_approvers,
)
from enrolments.services.imports import (
    assignment_import_csv_apply,
    assignment_import_csv_preview,
)
from enrolments.services.reminders import due_date_reminders_send, overdue_digests_send
from tests.certificates.test_issuance import complete_course
from tests.factories import approvals, assignments
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

HOSTILE = "Waypoint IT Security: your account is suspended, visit https://evil.example"
# The one form a name may take in a mail: in quotes, the link taken apart.
QUOTED = "“Waypoint IT Security: your account is suspended, visit https[:]//evil[.]example”"
PASSWORD = "Border-Crossing-2031"


def assert_name_is_not_in_our_voice(message):
    """The hostile text is absent, or present only in the quoted form; nothing from it can
    become a link; and it is never in the subject."""
    for text in (message.subject, message.body):
        outside_quotes = text.replace(QUOTED, "")
        assert HOSTILE not in outside_quotes and "IT Security" not in outside_quotes
        assert "evil.example" not in text and "https://evil" not in text
    assert "IT Security" not in message.subject
    for alternative, _mimetype in getattr(message, "alternatives", []):
        assert "evil" not in alternative and "IT Security" not in alternative


def sign_up(client, email):
    return client.post(
        reverse("account_signup"),
        {"full_name": HOSTILE, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


# --- mails to the person the name belongs to: the name is left out ------------------------


def test_the_confirmation_mail_does_not_repeat_the_name(client, mailoutbox):
    sign_up(client, "victim@example.org")

    (message,) = mailoutbox
    assert "/accounts/confirm-email/" in message.body
    assert_name_is_not_in_our_voice(message)
    assert "IT Security" not in message.body


def test_the_account_already_exists_mail_does_not_repeat_the_name(client, mailoutbox):
    UserFactory(email="victim@example.org", full_name=HOSTILE)

    sign_up(client, "victim@example.org")

    (message,) = mailoutbox
    assert "already" in message.body
    assert "IT Security" not in message.body
    assert_name_is_not_in_our_voice(message)


def test_the_password_reset_mail_does_not_repeat_the_name(client, mailoutbox):
    UserFactory(email="victim@example.org", full_name=HOSTILE)

    client.post(reverse("account_reset_password"), {"email": "victim@example.org"})

    (message,) = mailoutbox
    assert "/accounts/password/reset/key/" in message.body
    assert "IT Security" not in message.body
    assert_name_is_not_in_our_voice(message)


def test_certificate_mails_do_not_repeat_the_name(mailoutbox, django_capture_on_commit_callbacks):
    certificate = certificate_issue(enrollment=complete_course(UserFactory(full_name=HOSTILE)))
    now = timezone.now()
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=now + timedelta(days=6))
    with django_capture_on_commit_callbacks(execute=True):
        certificates_send_expiry_reminders(now=now)

    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, reason="identity", note=HOSTILE, user=None)

    issued, expiry, revoked = mailoutbox
    assert "certificate" in issued.body and "expires" in expiry.body
    assert "revoked" in revoked.body and "IT Security" not in revoked.body  # nor the note
    for message in (issued, expiry, revoked):
        assert "IT Security" not in message.body
        assert_name_is_not_in_our_voice(message)


NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def tree():
    return approvals.make_tree()


@pytest.fixture
def manager(tree):
    return approvals.manager_of(
        tree.border_police, organisation=tree.border_police, email="chief@example.org"
    )


def test_due_date_reminders_do_not_repeat_the_name(
    tree, manager, mailoutbox, django_capture_on_commit_callbacks
):
    learner = approvals.person_in(tree.airport, full_name=HOSTILE)
    course = make_course(modules=1, lessons=1, title="Counter-Trafficking Basics")
    enrollment_assign(
        user=learner, course=course, due_at=NOW - timedelta(days=3), assigned_by=manager
    )
    with django_capture_on_commit_callbacks(execute=True):
        due_date_reminders_send(now=NOW)

    (message,) = [m for m in mailoutbox if m.to == [learner.email]]
    assert "Counter-Trafficking Basics" in message.body
    assert "IT Security" not in message.body
    assert_name_is_not_in_our_voice(message)


def test_decision_mails_do_not_repeat_the_name(
    tree, manager, mailoutbox, django_capture_on_commit_callbacks
):
    learner = approvals.person_in(tree.airport, full_name=HOSTILE)
    first = enrollment_request_create(user=learner, course=approvals.approval_course(title="A"))
    second = enrollment_request_create(user=learner, course=approvals.approval_course(title="B"))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_request_decide(enrollment_request=first, user=manager, decision="approve")
        enrollment_request_decide(enrollment_request=second, user=manager, decision="reject")

    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert message.to == [learner.email]
        assert "IT Security" not in message.body
        assert_name_is_not_in_our_voice(message)


# --- mails about someone else: the name only in quotes, after a label ---------------------


def test_the_request_mail_to_the_manager_quotes_the_learners_name(tree, manager, mailoutbox):
    learner = approvals.person_in(tree.airport, full_name=HOSTILE, email="learner@example.org")
    request = enrollment_request_create(
        user=learner,
        course=approvals.approval_course(title="Document Fraud Detection"),
        message="Your account is suspended, visit https://evil.example",
    )
    mailoutbox.clear()
    enrollment_request_notify_approvers(enrollment_request=request)

    (message,) = mailoutbox
    assert QUOTED in message.body
    assert "learner@example.org" in message.body
    assert "Document Fraud Detection" in message.subject
    assert_name_is_not_in_our_voice(message)
    assert "> Your account is suspended" in message.body


def test_the_managers_digest_quotes_each_name(
    tree, manager, mailoutbox, django_capture_on_commit_callbacks
):
    learner = approvals.person_in(tree.airport, full_name=HOSTILE)
    course = make_course(modules=1, lessons=1, title="Counter-Trafficking Basics")
    enrollment_assign(
        user=learner, course=course, due_at=NOW - timedelta(days=3), assigned_by=manager
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        overdue_digests_send(now=NOW)

    (message,) = [m for m in mailoutbox if m.to == [manager.email]]
    assert QUOTED in message.body
    assert_name_is_not_in_our_voice(message)


def test_the_monthly_compliance_summary_quotes_each_name(
    tree, manager, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    from certificates.services import compliance_digests_send, requirement_add

    monkeypatch.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF")
    learner = approvals.person_in(tree.airport, full_name=HOSTILE)
    course = make_course(modules=1, lessons=1, title="Counter-Trafficking Basics")
    requirement_add(unit=tree.border_police, course=course)
    certificate = certificate_issue(enrollment=complete_course(learner, course))
    expires = (timezone.localdate(NOW).replace(day=1) + timedelta(days=40)).replace(day=10)
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.make_aware(datetime.combine(expires, datetime.min.time()))
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert compliance_digests_send(now=NOW) == 1

    (message,) = [m for m in mailoutbox if m.to == [manager.email]]
    assert QUOTED in message.body
    assert_name_is_not_in_our_voice(message)


def test_an_invitation_quotes_the_inviter_and_leaves_out_the_invitees_name(
    mailoutbox, django_capture_on_commit_callbacks
):
    tree = assignments.make_tree()
    inviter = assignments.make_manager(tree.police, email="manager@example.org")
    user_update_profile(user=inviter, full_name=HOSTILE)
    course = make_course(modules=1, lessons=1, title="Border basics")
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    rows = [["newcomer@example.org", course.slug, due, HOSTILE, "airport-unit"]]
    preview = assignment_import_csv_preview(
        manager=inviter, file=assignments.csv_bytes(rows, delimiter=";")
    )
    assert preview.is_valid, preview.error_rows[:3] or preview.file_errors
    with django_capture_on_commit_callbacks(execute=True):
        assignment_import_csv_apply(manager=inviter, token=preview.token)

    (message,) = [m for m in mailoutbox if m.to == ["newcomer@example.org"]]
    assert "Border basics" in message.body
    assert message.body.count(QUOTED) == 1
    assert_name_is_not_in_our_voice(message)


def test_an_assignment_notice_quotes_the_manager_and_the_cohort_and_leaves_out_the_learner(
    mailoutbox, django_capture_on_commit_callbacks
):
    from enrolments.services.assignments import assignment_to_cohort, due_at_for

    tree = assignments.make_tree()
    manager = assignments.make_manager(tree.police, email="manager@example.org")
    user_update_profile(user=manager, full_name=HOSTILE)
    (learner,) = assignments.make_staff(tree.airport, full_name=HOSTILE)
    cohort = assignments.make_cohort(HOSTILE, tree.airport, [learner])
    course = make_course(modules=1, lessons=1, title="Border basics")
    with django_capture_on_commit_callbacks(execute=True):
        assignment_to_cohort(
            manager=manager,
            cohort=cohort,
            course=course,
            due_at=due_at_for(timezone.localdate() + timedelta(days=30)),
        )

    (message,) = mailoutbox
    assert "Border basics" in message.body
    assert message.body.count(QUOTED) == 2  # "Assigned by:" and "To the cohort:"


def test_the_reviewers_mail_quotes_the_submitters_name(mailoutbox):
    from courses.models import LessonPage
    from courses.services import review_submission_notify
    from tests.courses.test_review_mail import draft

    UserFactory(email="lead@example.org", roles=["Lead trainers"])
    trainer = UserFactory(full_name=HOSTILE, roles=["Trainers"])
    module = make_course(modules=1, lessons=0, title="Border basics").get_children().first()
    lesson = draft(module, LessonPage(title="First contact"), trainer)
    state = lesson.get_workflow().start(lesson, trainer)

    review_submission_notify(task_state_id=state.current_task_state_id)

    (message,) = mailoutbox
    assert "First contact" in message.body
    assert message.body.count(QUOTED) == 1
    assert_name_is_not_in_our_voice(message)


def test_the_mails_of_a_course_reviewed_as_a_whole_quote_the_names(
    mailoutbox, django_capture_on_commit_callbacks
):
    from courses.models import LessonPage
    from courses.services import course_review_decide, course_review_submit
    from tests.courses.test_review_mail import draft

    lead = UserFactory(full_name=HOSTILE, email="lead@example.org", roles=["Lead trainers"])
    trainer = UserFactory(full_name=HOSTILE, email="tariq@example.org", roles=["Trainers"])
    course = make_course(modules=1, lessons=0, title="Border basics")
    draft(course.get_children().first(), LessonPage(title="First contact"), trainer)

    with django_capture_on_commit_callbacks(execute=True):
        submission = course_review_submit(user=trainer, root=course)
    with django_capture_on_commit_callbacks(execute=True):
        course_review_decide(user=lead, submission=submission, approve=False, comment="Shorter.")

    to_lead, to_trainer = mailoutbox
    assert to_lead.to == ["lead@example.org"] and to_trainer.to == ["tariq@example.org"]
    for message in (to_lead, to_trainer):
        assert "First contact" in message.body
        assert message.body.count(QUOTED) == 1  # the submitter, then the reviewer
        assert_name_is_not_in_our_voice(message)


def test_a_name_is_kept_on_one_line_and_short():
    from accounts.templatetags.mail_text import quoted_name

    name = quoted_name("Amina\nDear colleague, " + "x" * 300)

    assert "\n" not in name
    assert name.startswith("“Amina Dear colleague, ") and name.endswith("…”")
    assert len(name) < 100
    assert quoted_name("Élodie Lefèvre") == "“Élodie Lefèvre”"
    assert quoted_name("J.R.R. Tolkien") == "“J.R.R. Tolkien”"
    assert not re.search(r"www\.|\w\.\w{2}", quoted_name("see www.evil.example now"))


def test_a_request_to_join_a_unit_quotes_the_person_to_the_deciders(
    mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.services import membership_request_create

    tree = approvals.make_tree()
    manager = approvals.manager_of(tree.border_police, email="chief@example.org")
    person = UserFactory(email="joiner@example.org", full_name=HOSTILE)

    with django_capture_on_commit_callbacks(execute=True):
        membership_request_create(user=person, unit=tree.airport)

    (message,) = [m for m in mailoutbox if m.to == [manager.email]]
    assert message.body.count(QUOTED) == 1
    assert_name_is_not_in_our_voice(message)


@pytest.mark.parametrize("approve", [True, False])
def test_the_decision_on_joining_a_unit_leaves_the_name_out(
    mailoutbox, django_capture_on_commit_callbacks, approve
):
    from accounts.services import membership_request_create, membership_request_decide

    tree = approvals.make_tree()
    manager = approvals.manager_of(tree.border_police, email="chief@example.org")
    person = UserFactory(email="joiner@example.org", full_name=HOSTILE)
    request = membership_request_create(user=person, unit=tree.airport)

    with django_capture_on_commit_callbacks(execute=True):
        membership_request_decide(
            membership_request=request, decider=manager, approve=approve, note="See you."
        )

    (message,) = [m for m in mailoutbox if m.to == ["joiner@example.org"]]
    assert "IT Security" not in message.body
    assert_name_is_not_in_our_voice(message)


def test_every_mail_template_is_covered():
    """A new mail template that mentions a person needs a test above."""

    from django.conf import settings

    ours = sorted(
        str(path.relative_to(settings.BASE_DIR / "templates"))
        for path in (settings.BASE_DIR / "templates").rglob("email*.txt")
        if "account/email" not in str(path)
    )
    assert ours == [
        "accounts/email_membership_approved.txt",
        "accounts/email_membership_declined.txt",
        "accounts/email_membership_request.txt",
        "certificates/email_compliance_digest.txt",
        "certificates/email_expiry.txt",
        "certificates/email_issued.txt",
        "certificates/email_revoked.txt",
        "courses/email_review_decision.txt",
        "courses/email_review_submission.txt",
        "enrolments/email_assigned.txt",
        "enrolments/email_digest.txt",
        "enrolments/email_due_overdue.txt",
        "enrolments/email_due_soon.txt",
        "enrolments/email_invitation.txt",
        "enrolments/email_request_approved.txt",
        "enrolments/email_request_received.txt",
        "enrolments/email_request_rejected.txt",
    ]
