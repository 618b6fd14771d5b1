"""A small organisation whose compliance figures the tests compute by hand.

Ministry of Interior requires course X; Border Police (below it) requires course Y, so
everyone from Border Police down must hold both; the Ministry's own staff only X. The
Ministry of Labour requires nothing. Course X's certificates last 12 months, Y's never
expire.

- Ann (Ministry of Interior): X valid.                       Y not required.
- Ben (Border Police): X revoked → lapsed.                   Y 1 of 2 lessons → in progress.
- Cat (Airport): X renewed: the old certificate expires in 20 days, the new one in a year
  → valid (the newest wins).                                 Y valid (never expires).
- Dan (Land Border): X assigned, not started → never started. Y nothing → never started.
- Fay (Airport): X expires in 45 days → 31 to 60 days.        Y never started.
- Gus (Land Border): X expired 2 days ago, renewed and 1 lesson into the new cycle → lapsed
  (the certificate is gone whatever the new cycle's progress). Y never started.
- Eve (Integration, Labour): nothing required.
- Jo asked to join Airport Unit and waits: not a member, not counted.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.services import membership_request_create
from certificates.models import Certificate, CourseCertification
from certificates.services import certificate_revoke, requirement_add
from courses.models import CoursePage, Enrollment
from courses.services import enrollment_renew
from tests.factories.approvals import administrator, make_tree, manager_of, person_in
from tests.factories.courses import make_course
from tests.factories.reports import complete_course, do_lessons, enrol, issue_certificate


@dataclass
class ComplianceWorld:
    tree: object
    x: CoursePage
    y: CoursePage
    people: dict[str, User]
    manager_bp: User  # Border Police
    manager_labour: User
    admin: User

    def unit(self, name: str) -> Organisation:
        return getattr(self.tree, name)


def _expire_in(enrollment: Enrollment, delta: timedelta) -> None:
    """Backdate a certificate as if issued earlier (time passing, not a new rule)."""
    Certificate.objects.filter(enrollment=enrollment).update(expires_at=timezone.now() + delta)


def build_world() -> ComplianceWorld:
    tree = make_tree()
    x = make_course(title="Course X", modules=1, lessons=2)
    y = make_course(title="Course Y", modules=1, lessons=2)
    CourseCertification.objects.create(course=x, validity_months=12)
    admin = administrator(email="admin@compliance.example.org")
    requirement_add(unit=tree.interior, course=x, actor=admin)
    requirement_add(unit=tree.border_police, course=y, actor=admin)

    def who(name, unit):
        return person_in(unit, email=f"{name.lower()}@example.org", full_name=f"{name} Person")

    people = {
        "Ann": who("Ann", tree.interior),
        "Ben": who("Ben", tree.border_police),
        "Cat": who("Cat", tree.airport),
        "Dan": who("Dan", tree.land_border),
        "Fay": who("Fay", tree.airport),
        "Gus": who("Gus", tree.land_border),
        "Eve": who("Eve", tree.integration),
        "Jo": who("Jo", None),
    }
    ann, ben, cat, dan, fay, gus, eve, jo = people.values()
    enrol(ann, x)
    issue_certificate(complete_course(ann, x))
    enrol(ben, x)
    certificate = issue_certificate(complete_course(ben, x))
    certificate_revoke(certificate=certificate, reason="issued_in_error", user=admin)
    enrol(ben, y)
    do_lessons(ben, y, 1)
    enrol(cat, x)
    first = complete_course(cat, x)
    issue_certificate(first)
    _expire_in(first, timedelta(days=20))
    enrollment_renew(enrollment=first)
    issue_certificate(complete_course(cat, x))
    enrol(cat, y)
    issue_certificate(complete_course(cat, y))
    enrol(dan, x, due_in_days=30)
    enrol(fay, x)
    fay_x = complete_course(fay, x)
    issue_certificate(fay_x)
    _expire_in(fay_x, timedelta(days=45))
    enrol(gus, x)
    gus_x = complete_course(gus, x)
    issue_certificate(gus_x)
    _expire_in(gus_x, -timedelta(days=2))
    enrollment_renew(enrollment=gus_x)
    do_lessons(gus, x, 1)
    enrol(eve, x)
    issue_certificate(complete_course(eve, x))
    membership_request_create(user=jo, unit=tree.airport)

    manager_bp = manager_of(tree.border_police, email="chief@example.org", full_name="Chief BP")
    manager_labour = manager_of(tree.labour, email="labour@example.org", full_name="Chief L")
    return ComplianceWorld(tree, x, y, people, manager_bp, manager_labour, admin)


@pytest.fixture(scope="module")
def cworld(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("compliance-media")
    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as mp:
        mp.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF-1.4")
        with override_settings(MEDIA_ROOT=media):
            built = build_world()
        yield built
        transaction.set_rollback(True)
