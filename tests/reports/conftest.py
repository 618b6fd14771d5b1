"""A small organisation with a history whose report figures are computed by hand in the
tests (test_report_figures.py spells each one out).

Units: Ministry of Interior → Border Police → Airport Unit / Land Border Unit, and
Ministry of Labour → Integration Directorate. The Border Police manager sees Alice, Bob
(Airport), Carol and Dan (Land Border); the Labour manager sees Erin (Integration).

Course X: 2 modules × 2 lessons + a final assessment of 4 questions (5 steps).
Course Y: 1 module × 2 lessons (2 steps), no assessment.

- Alice: X completed (final: 50 %, then 100 %), certificate; Y not started, 5 days overdue.
- Bob: X 1 lesson done, due in 10 days.
- Carol: X not started, 3 days overdue; Y completed, certificate.
- Dan: X completed in cycle 1 (75 %, certificate), renewed: cycle 2 has 2 lessons and a
  failed final (50 %).
- Erin: X completed (75 %), certificate revoked; Y 1 lesson, 1 day overdue.
"""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import override_settings

from accounts import roles
from accounts.models import Cohort, Organisation, User
from accounts.services import (
    cohort_create,
    cohort_set_members,
    manager_set_units,
    user_place_in_unit,
)
from certificates.services import certificate_revoke
from courses.models import CoursePage
from courses.services import enrollment_renew
from tests.factories.accounts import UserFactory, make_organisation
from tests.factories.assessments import make_quiz
from tests.factories.courses import make_course
from tests.factories.reports import (
    complete_course,
    do_lessons,
    enrol,
    issue_certificate,
    take_final,
)
from tests.reports.compliance_world import cworld  # noqa: F401  (test_compliance_*.py)


@dataclass
class World:
    interior: Organisation
    border_police: Organisation
    airport: Organisation
    land_border: Organisation
    labour: Organisation
    integration: Organisation
    course_x: CoursePage
    course_y: CoursePage
    quiz: object
    alice: User
    bob: User
    carol: User
    dan: User
    erin: User
    manager_a: User  # Border Police
    manager_b: User  # Ministry of Labour
    admin: User
    cohort_a: Cohort
    cohort_b: Cohort


def person(email: str, name: str, unit: Organisation | None, role=roles.LEARNERS) -> User:
    user = UserFactory(email=email, full_name=name, roles=[role])
    if unit is not None:
        user_place_in_unit(user=user, unit=unit)
    return user


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once per test module inside a transaction rolled back at the module's end;
    each test runs in a savepoint of it (pytest-django's ``db``), so tests may add rows."""
    media = tmp_path_factory.mktemp("report-media")
    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as mp:
        # Reports count certificate rows; rendering PDFs is the certificates tests' job.
        mp.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF-1.4")
        with override_settings(MEDIA_ROOT=media):
            built = _build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _db_for_every_report_test(db):
    """Every test here reads the database (the world, or its own rows)."""


def _build_world() -> World:
    interior = make_organisation("Ministry of Interior")
    border_police = make_organisation("Border Police", parent=interior)
    airport = make_organisation("Airport Unit", parent=border_police)
    land_border = make_organisation("Land Border Unit", parent=border_police)
    labour = make_organisation("Ministry of Labour", code="labour")
    integration = make_organisation("Integration Directorate", parent=labour)

    course_x = make_course(title="Course X", modules=2, lessons=2)
    course_y = make_course(title="Course Y", modules=1, lessons=2)
    quiz = make_quiz(course=course_x, title="Final assessment X", count=4, pass_mark=70)

    alice = person("alice@example.org", "Alice Airport", airport)
    bob = person("bob@example.org", "Bob Airport", airport)
    carol = person("carol@example.org", "Carol Land", land_border)
    dan = person("dan@example.org", "Dan Land", land_border)
    erin = person("erin@example.org", "Erin Integration", integration)

    enrol(alice, course_x)
    do_lessons(alice, course_x, 4)
    take_final(alice, quiz, right=2)
    alice_x = complete_course(alice, course_x, quiz=quiz, right=4)
    issue_certificate(alice_x)
    enrol(alice, course_y, due_in_days=-5)

    enrol(bob, course_x, due_in_days=10)
    do_lessons(bob, course_x, 1)

    enrol(carol, course_x, due_in_days=-3)
    enrol(carol, course_y)
    issue_certificate(complete_course(carol, course_y))

    enrol(dan, course_x)
    dan_first = complete_course(dan, course_x, quiz=quiz, right=3)
    issue_certificate(dan_first)
    enrollment_renew(enrollment=dan_first)
    do_lessons(dan, course_x, 2)
    take_final(dan, quiz, right=2)

    enrol(erin, course_x)
    erin_certificate = issue_certificate(complete_course(erin, course_x, quiz=quiz, right=3))
    enrol(erin, course_y, due_in_days=-1)
    do_lessons(erin, course_y, 1)

    manager_a = person("manager-a@example.org", "Manager A", border_police, roles.MANAGERS)
    manager_set_units(manager=manager_a, organisations=[border_police])
    manager_b = person("manager-b@example.org", "Manager B", labour, roles.MANAGERS)
    manager_set_units(manager=manager_b, organisations=[labour])
    admin = person("admin@example.org", "Admin", None, roles.ADMINISTRATORS)
    certificate_revoke(certificate=erin_certificate, reason="issued_in_error", user=admin)

    cohort_a = cohort_create(name="Airport intake", organisation=airport)
    cohort_set_members(cohort=cohort_a, members=[alice, bob])
    cohort_b = cohort_create(name="Integration intake", organisation=integration)
    cohort_set_members(cohort=cohort_b, members=[erin])
    return World(
        interior, border_police, airport, land_border, labour, integration,
        course_x, course_y, quiz, alice, bob, carol, dan, erin,
        manager_a, manager_b, admin, cohort_a, cohort_b,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_figures(settings):
    """Figures computed on every request; test_report_cache.py turns the cache on."""
    settings.REPORTS_SUMMARY_CACHE_SECONDS = 0
