"""The compliance report's quick reads (``certificates.compliance_fast``: the totals, and
an unfiltered page of people) give exactly what the general statement gives, the one the
filtered lists and the exports use: every status, at each expiry boundary, for every
scope, once people the report must leave out are added (an inactive holder, a certificate
of a course the unit does not require, a renewal under way)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.selectors import OrganisationScope, organisation_scope_for
from accounts.services import user_place_in_unit
from certificates.compliance import ComplianceQuery, compliance_rows, compliance_totals
from tests.factories.accounts import UserFactory
from tests.factories.reports import complete_course, do_lessons, enrol, issue_certificate

EVERYTHING = OrganisationScope(everything=True)


def _general(monkeypatch):
    """Send every read through the general statement, as a filtered list does."""
    monkeypatch.setattr("certificates.compliance._unfiltered", lambda query: False)


@pytest.fixture
def more_people(cworld, monkeypatch):
    monkeypatch.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF")
    gone = UserFactory(email="gone@example.org", full_name="Gone Person")
    user_place_in_unit(user=gone, unit=cworld.tree.airport)
    enrol(gone, cworld.x)
    issue_certificate(complete_course(gone, cworld.x))
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    eve = cworld.people["Eve"]
    issue_certificate(complete_course(eve, cworld.x))  # Labour does not require X
    dan = cworld.people["Dan"]
    do_lessons(dan, cworld.x, 1)  # Dan's X now under way
    return cworld


@pytest.mark.parametrize("days", [0, 19, 21, 44, 46, 75, 100, 366, 400])
def test_totals_and_pages_match_the_general_statement(more_people, monkeypatch, days):
    world = more_people
    now = timezone.now() + timedelta(days=days)
    scopes = [
        EVERYTHING,
        organisation_scope_for(world.manager_bp),
        organisation_scope_for(world.manager_labour),
    ]
    quick, general = [], []
    for reads in (quick, general):
        if reads is general:
            _general(monkeypatch)
        for scope in scopes:
            for course_id in (None, world.x.pk):
                query = ComplianceQuery(scope=scope, now=now, course_id=course_id)
                pages = [compliance_rows(query, offset=o, limit=4) for o in (0, 4, 8, 12)]
                reads.append((compliance_totals(query).counts, pages))
    assert quick == general
    counts, pages = quick[0]
    assert sum(len(page) for page in pages) == sum(sum(row.values()) for row in counts.values())
    assert "Gone Person" not in {row.name for page in pages for row in page}
