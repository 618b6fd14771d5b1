"""generate_load_data (issue 5): a realistic data set, built in bulk, that reports and
benchmarks can rely on. Small scale here, on SQLite; docs/load-data.md has the full-size
figures on PostgreSQL."""

from datetime import timedelta
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from wagtail.models import Page

from accounts import roles
from accounts.models import Cohort, Organisation, User
from accounts.selectors import organisation_scope_for
from assessments.frozen import thaw_questions
from assessments.grading import grade_attempt
from assessments.models import Attempt, Quiz
from certificates.codes import normalise_code
from certificates.models import Certificate
from courses import selectors
from courses.models import CoursePage, Enrollment, StepCompletion
from courses.services import enrollment_assign, enrollment_create
from devtools.load_data import load_data_delete, load_data_generate
from devtools.load_data.organisations import tree_shape
from enrolments.services.reminders import due_date_reminders_send
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course
from tests.query_counts import count_queries

LEARNERS, COURSES, ORGS = 50, 3, 6
LOAD = "@load.example.org"


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    """One data set for the module, rolled back at its end; each test runs in a savepoint
    inside it, so the tests that reset or add data leave it as it was."""
    with django_db_blocker.unblock(), transaction.atomic():
        report = load_data_generate(learners=LEARNERS, courses=COURSES, orgs=ORGS)
        yield report
        transaction.set_rollback(True)


def load_learners():
    return User.objects.filter(email__startswith="learner-", email__endswith=LOAD)


def load_enrollments():
    return Enrollment.objects.filter(user__email__endswith=LOAD)


def table_counts() -> dict[str, int]:
    return {
        "learners": load_learners().count(),
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "courses": CoursePage.objects.count(),
        "pages": Page.objects.count(),
        "quizzes": Quiz.objects.count(),
        "enrolments": Enrollment.objects.count(),
        "completions": StepCompletion.objects.count(),
        "attempts": Attempt.objects.count(),
        "certificates": Certificate.objects.count(),
        "cohorts": Cohort.objects.count(),
    }


@pytest.mark.django_db
def test_counts_match_the_arguments(dataset):
    learners = load_learners()
    assert learners.count() == LEARNERS
    assert learners.filter(groups__name=roles.LEARNERS).count() == LEARNERS
    assert Organisation.objects.filter(code__startswith="load-").count() == ORGS
    courses = CoursePage.objects.live().filter(slug__startswith="load-")
    assert courses.count() == COURSES
    assert Quiz.objects.filter(course__in=courses).count() == COURSES  # a final assessment each
    # Fewer courses than the default ten enrolments: capped at one per course, and said so.
    assert load_enrollments().count() == LEARNERS * COURSES
    per_learner = load_enrollments().values("user").annotate(n=Count("course", distinct=True))
    assert {row["n"] for row in per_learner} == {COURSES}
    assert any("3 enrolments" in note for note in dataset.notes)
    assert dataset.counts["enrollments"] == LEARNERS * COURSES


@pytest.mark.django_db
def test_enrolments_spread_over_the_documented_states(dataset):
    now = timezone.now()
    enrolments = load_enrollments()
    total = enrolments.count()
    started = StepCompletion.objects.values("enrollment")
    completed = enrolments.filter(status=Enrollment.Status.COMPLETED)
    in_progress = enrolments.filter(status=Enrollment.Status.ACTIVE, pk__in=started)
    not_started = enrolments.filter(status=Enrollment.Status.ACTIVE).exclude(pk__in=started)
    assert 0.10 <= not_started.count() / total <= 0.30
    assert 0.25 <= in_progress.count() / total <= 0.45
    assert 0.35 <= completed.count() / total <= 0.55
    assert not not_started.exclude(last_activity_at=None).exists()
    assigned = enrolments.exclude(due_at=None)
    assert 0.20 <= assigned.count() / total <= 0.40
    # Assigned means a due date and the manager who set it; self-enrolled means neither.
    assert not assigned.filter(assigned_by=None).exists()
    assert not enrolments.filter(due_at=None).exclude(assigned_by=None).exists()
    assert assigned.filter(status=Enrollment.Status.ACTIVE, due_at__lt=now).exists()  # overdue
    # Spread over the past 18 months, so that completion-over-time charts have a shape.
    assert enrolments.filter(enrolled_at__lt=now - timedelta(days=365)).exists()
    assert enrolments.filter(enrolled_at__gt=now - timedelta(days=30)).exists()
    assert not enrolments.filter(enrolled_at__lt=now - timedelta(days=541)).exists()
    assert not completed.filter(completed_at__lt=F("enrolled_at")).exists()
    assert not completed.filter(completed_at__gt=now).exists()


@pytest.mark.django_db
def test_progress_agrees_with_what_the_app_counts(dataset):
    """Completed enrolments have every step of the course outline done, the final
    assessment included; enrolments in progress have some but not all."""
    courses = list(CoursePage.objects.filter(slug__startswith="load-"))
    outlines = selectors.course_outlines(courses)
    done: dict[int, set[str]] = {}
    for enrollment_id, key in StepCompletion.objects.values_list("enrollment", "step_key"):
        done.setdefault(enrollment_id, set()).add(key)
    for enrollment in load_enrollments():
        keys = outlines[enrollment.course_id].step_keys
        assert len(keys) >= 5  # two or three modules of two or three lessons, and the exam
        if enrollment.is_completed:
            assert done[enrollment.pk] == keys
        else:
            assert done.get(enrollment.pk, set()) < keys


@pytest.mark.django_db
def test_every_completion_has_a_valid_certificate_and_a_passed_attempt(dataset):
    completed = load_enrollments().filter(status=Enrollment.Status.COMPLETED)
    certificates = {c.enrollment_id: c for c in Certificate.objects.select_related("user")}
    assert set(certificates) == set(completed.values_list("pk", flat=True))
    for enrollment in completed.select_related("course"):
        certificate = certificates[enrollment.pk]
        assert normalise_code(certificate.code) == certificate.code
        assert certificate.completed_on == enrollment.completed_at.date()
        assert certificate.holder_name == certificate.user.full_name
        assert certificate.course_title == enrollment.course.title
        assert certificate.issued_at >= enrollment.completed_at
        assert Attempt.objects.filter(
            user_id=enrollment.user_id, quiz__course=enrollment.course_id, passed=True
        ).exists()
    assert len({c.code for c in certificates.values()}) == len(certificates)
    # Written in bulk: no course_completed event, so no certificate e-mail to anyone.
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_reminder_job_finds_every_due_reminder_already_sent(dataset):
    """A live site would have sent them: the job's first run over load data must not
    e-mail every learner with an overdue assignment."""
    overdue = load_enrollments().filter(status="active", due_at__lt=timezone.now())
    assert overdue.exists()
    assert not overdue.exclude(due_date_reminders__kind="overdue").exists()
    assert due_date_reminders_send() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_attempts_are_graded_as_the_grader_would(dataset):
    attempts = Attempt.objects.filter(user__email__endswith=LOAD)
    assert attempts.filter(passed=False).exists() and attempts.filter(passed=True).exists()
    for attempt in attempts:
        grade = grade_attempt(
            thaw_questions(attempt.frozen),
            attempt.graded_responses,
            Decimal(attempt.frozen["pass_mark"]),
        )
        assert (grade.percent, grade.passed) == (attempt.percent, attempt.passed)
        assert attempt.status == Attempt.Status.SUBMITTED
        assert attempt.answers.count() == len(attempt.frozen["questions"])


@pytest.mark.django_db
def test_people_work_in_units_and_were_assigned_by_their_managers(dataset):
    leaves = set(
        Organisation.objects.filter(code__startswith="load-", numchild=0).values_list(
            "pk", flat=True
        )
    )
    assert set(load_learners().values_list("organisation", flat=True)) <= leaves
    for enrollment in (
        load_enrollments()
        .exclude(assigned_by=None)
        .select_related("user__organisation", "assigned_by")[:40]
    ):
        scope = organisation_scope_for(enrollment.assigned_by)
        assert scope.contains(enrollment.user.organisation)
    names = set(load_learners().values_list("full_name", flat=True))
    assert any(any("\u0600" <= ch <= "\u06ff" for ch in name) for name in names)  # Arabic
    assert any(any(ch in "éèáíñçüöłș" for ch in name.lower()) for name in names)  # accents
    assert Cohort.objects.filter(members__email__endswith=LOAD).exists()


@pytest.mark.django_db
def test_a_manager_sees_their_subtree_and_nothing_else(dataset):
    agency = Organisation.objects.filter(code__startswith="load-", depth=2).first()
    manager = User.objects.get(email=f"manager-{agency.code}{LOAD}")
    scope = organisation_scope_for(manager)
    inside = load_learners().filter(organisation__path__startswith=agency.path)
    outside = load_learners().exclude(organisation__path__startswith=agency.path)
    assert inside.exists() and outside.exists()
    visible = scope.users().filter(pk__in=load_learners())
    assert set(visible.values_list("pk", flat=True)) == set(inside.values_list("pk", flat=True))
    seen = Enrollment.objects.filter(scope.q("user__organisation"))
    assert seen.count() == load_enrollments().filter(user__in=inside).count()


@pytest.mark.django_db
def test_load_users_can_sign_in_with_the_demo_password(dataset, client):
    learner = load_learners().first()
    assert EmailAddress.objects.filter(user=learner, verified=True, primary=True).exists()
    response = client.post(
        "/accounts/login/", {"login": learner.email, "password": settings.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/learning/").status_code == 200


@pytest.mark.django_db
def test_a_second_run_without_reset_is_refused_and_changes_nothing(dataset):
    before = table_counts()
    with pytest.raises(CommandError, match="--reset"):
        call_command("generate_load_data", learners=5, courses=1, orgs=1, verbosity=0)
    assert table_counts() == before


@pytest.mark.django_db
def test_reset_twice_gives_the_same_data_set(dataset):
    first = load_data_generate(learners=LEARNERS, courses=COURSES, orgs=ORGS, reset=True)
    after_first = table_counts()
    second = load_data_generate(learners=LEARNERS, courses=COURSES, orgs=ORGS, reset=True)
    assert table_counts() == after_first
    assert first.counts == second.counts
    assert second.deleted["courses.Enrollment"] == LEARNERS * COURSES
    # Both trees are still sound after the deletes and bulk loads.
    assert Organisation.find_problems() == ([], [], [], [], [])
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_reset_removes_load_data_and_leaves_everything_else(dataset):
    course = make_course(modules=1, lessons=1)
    own = UserFactory(email="officer@example.org", roles=[roles.LEARNERS])
    own_enrolment = enrollment_create(user=own, course=course)
    load_course = CoursePage.objects.filter(slug__startswith="load-").first()
    manager = User.objects.filter(email__startswith="manager-", email__endswith=LOAD).first()
    assigned, _ = enrollment_assign(
        user=UserFactory(), course=course, due_at=timezone.now(), assigned_by=manager
    )
    enrollment_create(user=own, course=load_course)
    deleted = load_data_delete()
    assert not User.objects.filter(email__endswith=LOAD).exists()
    assert not Organisation.objects.filter(code__startswith="load-").exists()
    assert not CoursePage.objects.filter(slug__startswith="load-").exists()
    assert not Certificate.objects.exists() and not Attempt.objects.exists()
    assert deleted["courses.Enrollment"] == LEARNERS * COURSES + 1  # with own's load course
    assert Enrollment.objects.filter(pk=own_enrolment.pk).exists()
    assigned.refresh_from_db()
    assert assigned.assigned_by is None  # kept, no longer pointing at a deleted manager
    assert Organisation.find_problems() == ([], [], [], [], [])


@pytest.mark.django_db
def test_refuses_on_a_production_site_unless_forced(dataset, settings):
    settings.DEBUG = False
    settings.DEMO_DATA_ENABLED = False
    before = table_counts()
    with pytest.raises(CommandError, match="production"):
        call_command("generate_load_data", learners=5, courses=1, orgs=1, reset=True, verbosity=0)
    assert table_counts() == before
    report = load_data_generate(learners=2, courses=1, orgs=1, reset=True, force=True)
    assert report.counts["enrollments"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"learners": 0, "courses": 3, "orgs": 6}, "learners must be a whole number from 1"),
        ({"learners": 5, "courses": 3, "orgs": 1001}, "orgs must be a whole number from 1"),
        ({"learners": 5, "courses": 0, "orgs": 6}, "courses must be a whole number from 1"),
    ],
)
def test_bad_arguments_get_a_clear_message_and_change_nothing(dataset, arguments, message):
    before = table_counts()
    with pytest.raises(CommandError, match=message):
        call_command("generate_load_data", reset=True, verbosity=0, **arguments)
    assert table_counts() == before


@pytest.mark.django_db
def test_the_command_prints_progress_and_a_summary(dataset, capsys):
    call_command("generate_load_data", learners=4, courses=1, orgs=2, reset=True)
    out = capsys.readouterr().out
    assert "deleted earlier load data" in out
    assert "Load data ready in" in out
    assert "enrollments" in out and "certificates" in out


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_learners(dataset):
    """Rows go in one statement per table and chunk: 100 learners (and 1,000 enrolments)
    cost the same queries as 50."""
    load_data_delete()
    load_data_generate(learners=10, courses=COURSES, orgs=ORGS)  # warm the caches
    load_data_delete()
    fifty, _ = count_queries(lambda: load_data_generate(learners=50, courses=COURSES, orgs=ORGS))
    load_data_delete()
    hundred, report = count_queries(
        lambda: load_data_generate(learners=100, courses=COURSES, orgs=ORGS)
    )
    assert report.counts["enrollments"] == 100 * COURSES
    assert fifty == hundred


@pytest.mark.parametrize("count", [1, 2, 6, 40, 200, 1000])
def test_tree_shape_makes_exactly_the_organisations_asked_for(count):
    shape = tree_shape(count)
    assert len(shape) + sum(len(agencies) + sum(agencies) for agencies in shape) == count
    if count >= 6:
        assert all(agencies for agencies in shape)  # every ministry has an agency
