"""The compliance figures of ``compliance_world`` computed by hand: inheritance down the
tree, recertification, revocation, expiry windows and their boundaries, pending joiners."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.selectors import OrganisationScope, organisation_scope_for
from certificates.compliance import ComplianceQuery, compliance_rows
from certificates.models import Certificate
from reports.selectors.compliance import ComplianceCriteria, compliance_summary

EVERYTHING = OrganisationScope(everything=True)


def statuses(world, scope=EVERYTHING, now=None) -> dict[tuple[str, str], str]:
    rows = compliance_rows(ComplianceQuery(scope=scope, now=now or timezone.now()))
    names = {user.pk: name for name, user in world.people.items()}
    courses = {world.x.pk: "X", world.y.pk: "Y"}
    return {(names[row.user_id], courses[row.course_id]): row.status for row in rows}


def test_each_person_and_required_course_has_the_status_worked_out_by_hand(cworld):
    assert statuses(cworld) == {
        ("Ann", "X"): "valid",
        ("Ben", "X"): "lapsed",
        ("Ben", "Y"): "in_progress",
        ("Cat", "X"): "valid",
        ("Cat", "Y"): "valid",
        ("Dan", "X"): "not_started",
        ("Dan", "Y"): "not_started",
        ("Fay", "X"): "expiring_60",
        ("Fay", "Y"): "not_started",
        ("Gus", "X"): "lapsed",
        ("Gus", "Y"): "not_started",
    }  # Eve's unit requires nothing; Jo's request is still pending


def _units(summary) -> dict[str, tuple]:
    return {
        unit.name: (unit.required, unit.compliant, unit.counts, unit.rate) for unit in summary.units
    }


def test_totals_per_unit_include_the_units_below(cworld):
    summary = compliance_summary(ComplianceCriteria(scope=EVERYTHING))
    units = _units(summary)

    # Labour requires nothing: no row. The units two levels down are listed once their
    # unit is chosen (below).
    assert list(units) == ["Ministry of Interior", "Border Police"]
    required, compliant, counts, rate = units["Ministry of Interior"]
    assert (required, compliant, rate) == (11, 4, 36.4)
    assert counts == {
        "valid": 3, "expiring_30": 0, "expiring_60": 1, "expiring_90": 0,
        "lapsed": 2, "in_progress": 1, "not_started": 4,
    }  # fmt: skip
    assert units["Border Police"][:2] == (10, 3)
    border_police = EVERYTHING.narrow_to(cworld.tree.border_police)
    units = _units(compliance_summary(ComplianceCriteria(scope=border_police)))
    assert list(units) == ["Border Police", "Airport Unit", "Land Border Unit"]
    assert units["Border Police"][:2] == (10, 3)
    assert units["Airport Unit"][2] == {
        "valid": 2, "expiring_30": 0, "expiring_60": 1, "expiring_90": 0,
        "lapsed": 0, "in_progress": 0, "not_started": 1,
    }  # fmt: skip
    assert units["Land Border Unit"][:2] == (4, 0)
    assert summary.row_count == 11


def test_a_manager_sees_only_their_subtree(cworld):
    scope = organisation_scope_for(cworld.manager_bp)
    seen = statuses(cworld, scope)
    assert {name for name, _course in seen} == {"Ben", "Cat", "Dan", "Fay", "Gus"}
    summary = compliance_summary(ComplianceCriteria(scope=scope))
    assert [unit.name for unit in summary.units][0] == "Border Police"
    assert "Ministry of Interior" not in _units(summary)

    labour = organisation_scope_for(cworld.manager_labour)
    assert statuses(cworld, labour) == {}
    assert compliance_summary(ComplianceCriteria(scope=labour)).units == []


def test_a_course_filter_and_a_status_filter_narrow_the_people(cworld):
    criteria = ComplianceCriteria(scope=EVERYTHING, course_id=cworld.y.pk, status="not_started")
    summary = compliance_summary(criteria)
    assert summary.row_count == 3  # Dan, Fay, Gus for Y
    assert ComplianceCriteria(scope=EVERYTHING, window=60).statuses() == (
        "expiring_30",
        "expiring_60",
    )
    assert compliance_summary(ComplianceCriteria(scope=EVERYTHING, window=60)).row_count == 1
    assert compliance_summary(ComplianceCriteria(scope=EVERYTHING, window=30)).row_count == 0
    assert ComplianceCriteria(scope=EVERYTHING, status="lapsed", window=30).statuses() == ()


@pytest.mark.parametrize(
    ("days_before_expiry", "status"),
    [
        (91, "valid"),
        (90, "expiring_90"),  # exactly 90 days left: within 90
        (89, "expiring_90"),
        (61, "expiring_90"),
        (60, "expiring_60"),
        (59, "expiring_60"),
        (31, "expiring_60"),
        (30, "expiring_30"),
        (29, "expiring_30"),
        (1, "expiring_30"),
        (0, "lapsed"),  # the moment it expires
        (-1, "lapsed"),
    ],
)
def test_expiry_windows_at_their_boundaries(cworld, days_before_expiry, status):
    expires_at = Certificate.objects.get(user=cworld.people["Fay"], course=cworld.x).expires_at
    now = expires_at - timedelta(days=days_before_expiry)
    assert statuses(cworld, now=now)[("Fay", "X")] == status


def test_the_newest_valid_certificate_wins_and_a_revoked_one_has_no_replacement(cworld):
    cat = cworld.people["Cat"]
    old, new = Certificate.objects.filter(user=cat, course=cworld.x).order_by("issued_at")
    # The day the old one has 10 days left, the new one decides: still plainly valid.
    assert statuses(cworld, now=old.expires_at - timedelta(days=10))[("Cat", "X")] == "valid"
    # Revoke the new one: the older valid certificate is what Cat holds.
    Certificate.objects.filter(pk=new.pk).update(revoked_at=timezone.now())
    assert statuses(cworld)[("Cat", "X")] == "expiring_30"
    Certificate.objects.filter(pk=old.pk).update(revoked_at=timezone.now())
    assert statuses(cworld)[("Cat", "X")] == "lapsed"


def test_a_pending_joiner_counts_once_approved(cworld):
    from accounts.models import MembershipRequest
    from accounts.services import membership_request_decide

    jo = cworld.people["Jo"]
    assert ("Jo", "X") not in statuses(cworld)
    request = MembershipRequest.objects.get(user=jo)
    membership_request_decide(membership_request=request, decider=cworld.admin, approve=True)
    assert statuses(cworld)[("Jo", "X")] == "not_started"
